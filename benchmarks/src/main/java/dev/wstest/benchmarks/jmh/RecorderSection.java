package dev.wstest.benchmarks.jmh;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.profile.ProfileSection;
import dev.wstest.benchmarks.report.Goal;
import dev.wstest.benchmarks.report.Numbers;
import dev.wstest.benchmarks.report.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/** The recorder alone: time and allocation per recorded frame (JMH with the gc profiler). */
public final class RecorderSection implements Section {

    @Override
    public String name() {
        return "recorder";
    }

    @Override
    public List<Row> run(Settings settings) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String method : List.of("clientInbound", "serverInbound")) {
            for (int size : List.of(64, 16384)) {
                List<Double> ns = new ArrayList<>();
                List<Double> alloc = new ArrayList<>();
                for (int round = 1; round <= settings.rounds(); round++) {
                    System.out.printf("  recorder round %d/%d: %s %s%n", round, settings.rounds(), method,
                            Numbers.size(size));
                    RunResult r = JmhRuns.run(settings, RecorderBenchmark.class, method,
                            Map.of("size", Integer.toString(size)), true, List.of());
                    ns.add(r.getPrimaryResult().getScore());
                    alloc.add(JmhRuns.secondary(r, "gc.alloc.rate.norm"));
                }
                String what = method.equals("clientInbound") ? "client, unmasked" : "server, masked";
                String label = Numbers.size(size);
                rows.add(Row.of(name(), "recorder: " + label + " text frame in (" + what + "): time", "ns/frame",
                        Numbers.median(ns)));
                rows.add(Row.of(name(), "recorder: " + label + " text frame in (" + what + "): allocated", "B/frame",
                        Numbers.median(alloc)).against("payload + 64 B", (double) size + 64)
                        .goal(Goal.ratioAtMost(1.0)));
            }
        }
        return rows;
    }

    /** A JFR profile of the server-side recorder at {@code size}. */
    public static ProfileSection.Profiled profiled(int size) {
        return new ProfileSection.Profiled() {
            @Override
            public String name() {
                return "recorder-" + size;
            }

            @Override
            public void record(Settings settings, java.nio.file.Path jfr) throws Exception {
                JmhRuns.run(settings, RecorderBenchmark.class, "serverInbound", Map.of("size", Integer.toString(size)),
                        false, List.of(ProfileSection.flag(jfr)));
            }
        };
    }
}
