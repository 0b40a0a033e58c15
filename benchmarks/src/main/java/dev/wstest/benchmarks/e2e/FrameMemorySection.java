package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.report.Goal;
import dev.wstest.benchmarks.report.Numbers;
import dev.wstest.benchmarks.report.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Live heap per recorded frame (after full GCs, in a fresh JVM), against the goal: the payload once plus at
 * most 64 bytes.
 */
public final class FrameMemorySection implements Section {

    @Override
    public String name() {
        return "frame-memory";
    }

    @Override
    public List<Row> run(Settings settings) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String kind : List.of("recorder", "client")) {
            for (int size : List.of(64, 16384)) {
                int frames = size < 1024 ? 20_000 : 2_000;
                List<Double> values = new ArrayList<>();
                for (int round = 0; round < settings.rounds(); round++) {
                    System.out.printf("  frame memory %s %d B, round %d%n", kind, size, round + 1);
                    try (Child c = Child.start(settings, List.of("-Xmx2g"), FrameMemoryMain.class, kind,
                            Integer.toString(size), Integer.toString(frames))) {
                        values.add(Double.parseDouble(c.await("BYTES_PER_FRAME", 300)));
                    }
                }
                String what = kind.equals("recorder") ? "recorder alone, inbound" : "WsClient + assertion, both ways";
                rows.add(Row.of(name(), "live heap per recorded " + Numbers.size(size) + " text frame (" + what + ")", "B",
                        Numbers.median(values)).against("payload + 64 B", (double) size + 64)
                        .goal(Goal.ratioAtMost(1.0))
                        .note(kind.equals("recorder") && size == 64 ? "heap after full GCs in a fresh JVM, "
                                + frames + " frames of 64 B / 2,000 of 16 KiB; 1,000 frames = 1,000 × this" : null));
            }
        }
        return rows;
    }
}
