package dev.wstest.benchmarks.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Medians and number formatting for the table. */
public final class Numbers {

    private Numbers() {
    }

    /** The median; null for no values. */
    public static Double median(Collection<? extends Number> values) {
        List<Double> sorted = new ArrayList<>();
        for (Number n : values) {
            if (n != null && !Double.isNaN(n.doubleValue())) {
                sorted.add(n.doubleValue());
            }
        }
        if (sorted.isEmpty()) {
            return null;
        }
        sorted.sort(null);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** Three significant digits at most, thousands separated: 88.5, 2,808, 0.946. */
    public static String format(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A message size as the table names it: "64 B", "16 KiB". */
    public static String size(int bytes) {
        return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }
}
