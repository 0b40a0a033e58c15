package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.report.Goal;
import dev.wstest.benchmarks.report.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many idle connections: the client JVM and the server JVM each in their own process, so resident memory and
 * threads are per side. ws-test ({@code WsClient} to {@code WsServer.echo()}) against raw Tyrus (one
 * ClientManager with the shared container, to the same Tyrus container without recording). Both JVMs run with
 * default flags, as a test JVM would.
 */
public final class ScaleSection implements Section {

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public List<Row> run(Settings settings) throws Exception {
        List<Integer> levels = settings.quick() ? List.of(1000) : List.of(1000, 5000, 10_000);
        Map<String, long[][]> byKind = new LinkedHashMap<>();
        failures.clear();
        // The two stacks alternate, two rounds each (one when quick); the figures are the means. RSS depends on
        // how far the collector let the heap grow, which varies from run to run more than live data does.
        int rounds = settings.quick() ? 1 : 2;
        for (int round = 0; round < rounds; round++) {
            for (String kind : List.of("ws-test", "tyrus")) {
                long[][] m = measure(settings, kind, levels);
                long[][] sum = byKind.computeIfAbsent(kind, k -> new long[levels.size()][m[0].length]);
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[i].length; j++) {
                        sum[i][j] += m[i][j];
                    }
                }
            }
        }
        for (long[][] sum : byKind.values()) {
            for (long[] level : sum) {
                for (int j = 0; j < level.length; j++) {
                    level[j] /= rounds;
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            String n = String.format("%,d", levels.get(i));
            long[] ws = byKind.get("ws-test")[i];
            long[] raw = byKind.get("tyrus")[i];
            boolean top = i == levels.size() - 1;
            rows.add(Row.of(name(), n + " connections: client JVM RSS", "MB", ws[0] / 1e6)
                    .against("raw Tyrus shared container", raw[0] / 1e6)
                    .goal(top && levels.get(i) >= 10_000 ? Goal.ratioAtMost(1.0) : null));
            rows.add(Row.of(name(), n + " connections: client JVM threads", "", (double) ws[1])
                    .against("raw Tyrus shared container", (double) raw[1]));
            rows.add(Row.of(name(), n + " connections: server JVM RSS", "MB", ws[2] / 1e6)
                    .against("Tyrus, no recording", raw[2] / 1e6)
                    .goal(top && levels.get(i) >= 10_000 ? Goal.atMost(512, "MB") : null));
            rows.add(Row.of(name(), n + " connections: server JVM threads", "", (double) ws[3])
                    .against("Tyrus, no recording", (double) raw[3])
                    .note(i == 0 ? "one client JVM and one server JVM per stack, default JVM flags, RSS from /proc,"
                            + " mean of " + rounds + " round(s)"
                            + (failures.isEmpty() ? "" : "; " + String.join("; ", failures)) : null));
            if (top) {
                int count = levels.get(i);
                rows.add(Row.of(name(), n + " connections: client live heap per connection", "B",
                        (double) ws[4] / count).against("raw Tyrus shared container", (double) raw[4] / count)
                        .note("live heap after full GCs, divided by the connections (JVM and Tyrus baseline included)"));
                rows.add(Row.of(name(), n + " connections: server live heap per connection", "B",
                        (double) ws[5] / count).against("Tyrus, no recording", (double) raw[5] / count));
            }
        }
        return rows;
    }

    private final List<String> failures = new ArrayList<>();

    /** Per level: client RSS, client threads, server RSS, server threads; at the top level also live heaps. */
    private long[][] measure(Settings settings, String kind, List<Integer> levels) throws Exception {
        long[][] out = new long[levels.size()][];
        try (Child server = Child.start(settings, List.of(), ServerMain.class, kind)) {
            String uri = server.await("URI", 60);
            try (Child client = Child.start(settings, List.of(), ScaleClientMain.class, kind, uri)) {
                for (int i = 0; i < levels.size(); i++) {
                    System.out.printf("  scale: %s, %,d connections%n", kind, levels.get(i));
                    client.send("open " + levels.get(i));
                    String[] open = client.await("OPEN", 900).split(" ");
                    int opened = Integer.parseInt(open[0]);
                    if (!open[2].equals("0") || opened < levels.get(i)) {
                        failures.add(String.format("%s: %s connects failed and were retried by %,d, %,d open", kind,
                                open[2], levels.get(i), opened));
                    }
                    long[] figures = {client.rssBytes(), client.threads(), server.rssBytes(), server.threads(), 0, 0};
                    if (i == levels.size() - 1) { // after RSS: the full GCs would change it
                        client.send("heap");
                        figures[4] = Long.parseLong(client.await("HEAP", 300));
                        server.send("heap");
                        figures[5] = Long.parseLong(server.await("HEAP", 300));
                    }
                    out[i] = figures;
                }
            }
        }
        return out;
    }
}
