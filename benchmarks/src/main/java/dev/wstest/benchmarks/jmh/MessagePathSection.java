package dev.wstest.benchmarks.jmh;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.peers.NodeWsServer;
import dev.wstest.benchmarks.profile.ProfileSection;
import dev.wstest.benchmarks.report.Goal;
import dev.wstest.benchmarks.report.Numbers;
import dev.wstest.benchmarks.report.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * Round trip latency (p50, p99) and pipelined throughput of ws-test's client and assertion against raw Tyrus
 * and the JDK client, on ws-test's echo server, the same Tyrus container without recording, and node ws.
 * Every combination runs once per round, the three clients back to back; the table has medians over rounds.
 */
public final class MessagePathSection implements Section {

    private static final List<String> CLIENTS = List.of("ws-test", "tyrus", "jdk");
    private static final List<Integer> SIZES = List.of(64, 16384);

    @Override
    public String name() {
        return "message";
    }

    @Override
    public List<Row> run(Settings settings) throws Exception {
        List<String> servers = new ArrayList<>(List.of("ws-test", "tyrus"));
        boolean node = NodeWsServer.available();
        if (node) {
            servers.add("node");
        }
        Map<String, List<Double>> p50 = new HashMap<>();
        Map<String, List<Double>> p99 = new HashMap<>();
        Map<String, List<Double>> rate = new HashMap<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (String server : servers) {
                for (int size : SIZES) {
                    for (String client : CLIENTS) {
                        String key = key(client, server, size);
                        Map<String, String> params = Map.of("client", client, "server", server,
                                "size", Integer.toString(size));
                        System.out.printf("  message round %d/%d: %s%n", round, settings.rounds(), key);
                        RunResult rt = JmhRuns.run(settings, MessagePathBenchmark.class, "roundTrip", params, false,
                                List.of());
                        p50.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(rt.getPrimaryResult().getStatistics().getPercentile(50));
                        p99.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(rt.getPrimaryResult().getStatistics().getPercentile(99));
                        RunResult pl = JmhRuns.run(settings, MessagePathBenchmark.class, "pipelined", params, false,
                                List.of());
                        rate.computeIfAbsent(key, k -> new ArrayList<>()).add(pl.getPrimaryResult().getScore());
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        String how = "JMH, " + settings.rounds() + " interleaved fork(s), median; client reconnects and Java servers"
                + " restart every iteration";
        for (String server : servers) {
            for (int size : SIZES) {
                String where = Numbers.size(size) + ", " + server + " server";
                rows.add(Row.of(name(), "round trip " + where + " p50", "µs", med(p50, "ws-test", server, size))
                        .against("raw Tyrus", med(p50, "tyrus", server, size)).goal(Goal.ratioAtMost(1.05)));
                rows.add(Row.of(name(), "round trip " + where + " p99", "µs", med(p99, "ws-test", server, size))
                        .against("raw Tyrus", med(p99, "tyrus", server, size)).goal(Goal.ratioAtMost(1.05)));
                rows.add(Row.of(name(), "pipelined " + where, "msg/s", med(rate, "ws-test", server, size))
                        .against("raw Tyrus", med(rate, "tyrus", server, size)).goal(Goal.ratioAtLeast(1.0)));
                rows.add(Row.of(name(), "pipelined " + where, "msg/s", med(rate, "ws-test", server, size))
                        .against("JDK client", med(rate, "jdk", server, size)));
            }
        }
        for (int size : SIZES) {
            rows.add(Row.of(name(), "echo server, pipelined " + Numbers.size(size) + " (raw Tyrus client)", "msg/s",
                    med(rate, "tyrus", "ws-test", size))
                    .against("Tyrus container, no recording", med(rate, "tyrus", "tyrus", size))
                    .goal(Goal.ratioAtLeast(0.95)).note(size == SIZES.get(0) ? how : null));
        }
        if (!node) {
            rows.add(Row.of(name(), "node ws server", "", null).note("skipped: node or node-ws missing"
                    + " (apt-get install nodejs node-ws)"));
        }
        return rows;
    }

    /** A JFR profile of one combination, pipelined (the heaviest use of the path). */
    public static ProfileSection.Profiled profiled(String client, String server, int size) {
        return new ProfileSection.Profiled() {
            @Override
            public String name() {
                return "message-" + client + "-client-" + server + "-server-" + size;
            }

            @Override
            public void record(Settings settings, java.nio.file.Path jfr) throws Exception {
                JmhRuns.run(settings, MessagePathBenchmark.class, "pipelined", Map.of("client", client, "server",
                        server, "size", Integer.toString(size)), false, List.of(ProfileSection.flag(jfr)));
            }
        };
    }

    private static String key(String client, String server, int size) {
        return client + " -> " + server + " " + Numbers.size(size);
    }

    private static Double med(Map<String, List<Double>> m, String client, String server, int size) {
        List<Double> v = m.get(key(client, server, size));
        return v == null ? null : Numbers.median(v);
    }
}
