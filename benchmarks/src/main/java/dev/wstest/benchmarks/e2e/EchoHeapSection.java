package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.peers.EchoClient;
import dev.wstest.benchmarks.report.Goal;
import dev.wstest.benchmarks.report.Row;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * An echo server's live heap as 16 KiB messages go through it: ws-test's embedded echo server against the
 * same Tyrus container without recording, each in its own JVM, pumped by a raw Tyrus client from this one.
 * Two conversations: one connection carrying all messages, and a new connection every 1,000 messages (what
 * a long-running {@code echo-server} or a suite-wide server sees). The slope (least squares over five
 * checkpoints) says what a million messages would need.
 */
public final class EchoHeapSection implements Section {

    private static final int SIZE = 16 * 1024;
    private static final int CHECKPOINTS = 5;
    private static final String TIMER = "java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask";

    @Override
    public String name() {
        return "echo-heap";
    }

    @Override
    public List<Row> run(Settings settings) throws Exception {
        int messages = settings.quick() ? 2_000 : 20_000;
        List<Row> rows = new ArrayList<>();
        for (boolean reconnect : List.of(false, true)) {
            double[] ws = measure(settings, "ws-test", messages, reconnect);
            double[] plain = measure(settings, "tyrus", messages, reconnect);
            if (!reconnect) {
                rows.add(Row.of(name(), "echo server: live timers (scheduled tasks) after " + String.format("%,d", messages)
                        + " × 16 KiB", "", ws[2]).against("Tyrus, no recording", plain[2])
                        .note(String.format("ScheduledFutureTask instances (%.1f MB) in a class histogram right after"
                                + " the last message; the biggest live classes: %s", ws[3] / 1e6, biggest)));
            }
            String how = reconnect ? "a new connection every 1,000" : "one connection";
            rows.add(Row.of(name(), "echo server live heap after " + String.format("%,d", messages) + " × 16 KiB ("
                    + how + ")", "MB", ws[0] / 1e6).against("Tyrus, no recording", plain[0] / 1e6));
            rows.add(Row.of(name(), "echo server heap growth per 16 KiB message (" + how + ")", "B/msg", ws[1])
                    .against("Tyrus, no recording", plain[1])
                    .note(String.format("ws-test: %.1f GB per 1,000,000 messages at this rate", ws[1] * 1e6 / 1e9)));
            rows.add(Row.of(name(), "echo server heap growth per 16 KiB message after the first "
                    + String.format("%,d", messages / CHECKPOINTS) + " (" + how + ")", "B/msg", ws[4])
                    .against("Tyrus, no recording", plain[4]).goal(Goal.atMost(64, "B/msg (flat)"))
                    .note("slope from the first checkpoint on: a connection's log fills its 16 MiB cap within"
                            + " ~500 messages; kept closed connections (100 by default) fill theirs one by one"));
        }
        return rows;
    }

    private String biggest = "";

    /** {heap after all messages, slope in bytes per message, live timers, their bytes, slope after the first checkpoint}. */
    private double[] measure(Settings settings, String server, int messages, boolean reconnect)
            throws Exception {
        System.out.printf("  echo heap: %s server, %,d messages%s%n", server, messages, reconnect ? ", reconnecting" : "");
        String text = "x".repeat(SIZE);
        double[] xs = new double[CHECKPOINTS + 1];
        double[] ys = new double[CHECKPOINTS + 1];
        java.util.Map<String, long[]> histogram;
        try (Child c = Child.start(settings, List.of(), ServerMain.class, server)) {
            URI uri = URI.create(c.await("URI", 60));
            c.send("heap");
            ys[0] = Double.parseDouble(c.await("HEAP", 120));
            int sent = 0;
            EchoClient client = EchoClient.connect("tyrus", uri);
            try {
                for (int k = 1; k <= CHECKPOINTS; k++) {
                    int target = messages * k / CHECKPOINTS;
                    while (sent < target) {
                        int batch = Math.min(100, target - sent);
                        if (reconnect) {
                            batch = Math.min(batch, 1000 - sent % 1000);
                        }
                        client.pipelined(text, batch);
                        sent += batch;
                        if (reconnect && sent % 1000 == 0) {
                            client.close();
                            client = EchoClient.connect("tyrus", uri);
                        }
                    }
                    c.send("heap");
                    xs[k] = sent;
                    ys[k] = Double.parseDouble(c.await("HEAP", 300));
                }
                histogram = c.histogram();
            } finally {
                client.close();
            }
        }
        long[] timers = histogram.getOrDefault(TIMER, new long[2]);
        if (server.equals("ws-test")) {
            biggest = histogram.entrySet().stream().limit(4)
                    .map(e -> String.format("%s %.0f MB", e.getKey(), e.getValue()[1] / 1e6))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        return new double[] {ys[CHECKPOINTS], slope(xs, ys), timers[0], timers[1],
                slope(java.util.Arrays.copyOfRange(xs, 1, xs.length), java.util.Arrays.copyOfRange(ys, 1, ys.length))};
    }

    static double slope(double[] xs, double[] ys) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < xs.length; i++) {
            mx += xs[i];
            my += ys[i];
        }
        mx /= xs.length;
        my /= ys.length;
        double num = 0;
        double den = 0;
        for (int i = 0; i < xs.length; i++) {
            num += (xs[i] - mx) * (ys[i] - my);
            den += (xs[i] - mx) * (xs[i] - mx);
        }
        return num / den;
    }
}
