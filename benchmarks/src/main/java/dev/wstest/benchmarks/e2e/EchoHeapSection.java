package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.peers.EchoClient;
import dev.wstest.benchmarks.report.Goal;
import dev.wstest.benchmarks.report.Row;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An echo server's live heap as 16 KiB messages go through it: ws-test's embedded echo server against the
 * same Tyrus container without recording, each in its own JVM, pumped by a raw Tyrus client from this one.
 * Two conversations: one connection carrying all messages, and a new connection every 1,000 messages (what
 * a long-running {@code echo-server} or a suite-wide server sees). The slope (least squares over five
 * checkpoints) says what a million messages would need. Then the CLI's {@code ws-test echo-server} itself, as a
 * user starts it (default JVM flags, its output to /dev/null), over 1,000,000 messages of 16 KiB both ways:
 * its live heap must stay flat.
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
                    .note(String.format("ws-test: %.1f GB per 1,000,000 messages if it went on at this rate; the"
                            + " server's caps stop it (see the row after the first checkpoint)", ws[1] * 1e6 / 1e9)));
            rows.add(Row.of(name(), "echo server heap growth per 16 KiB message after the first "
                    + String.format("%,d", messages / CHECKPOINTS) + " (" + how + ")", "B/msg", ws[4])
                    .against("Tyrus, no recording", plain[4]).goal(Goal.atMost(64, "B/msg (flat)"))
                    .note("slope from the first checkpoint on: a connection's log fills its 16 MiB cap within"
                            + " ~500 messages; kept closed connections (100 by default) fill theirs one by one"));
        }
        int cliMessages = settings.quick() ? 20_000 : 1_000_000;
        for (boolean reconnect : List.of(false, true)) {
            String how = reconnect ? "a new connection every 1,000" : "one connection";
            double[] cli = measureCli(settings, cliMessages, reconnect);
            rows.add(Row.of(name(), "ws-test echo-server (CLI) live heap after " + String.format("%,d", cliMessages)
                    + " × 16 KiB (" + how + ")", "MB", cli[0] / 1e6)
                    .note(String.format("live heap at the first checkpoint (%,d messages): %.1f MB, largest at any"
                            + " checkpoint: %.1f MB; %,.0f msg/s; live heap = jcmd GC.class_histogram total",
                            cliMessages / CHECKPOINTS, cli[2] / 1e6, cli[3] / 1e6, cli[4])));
            rows.add(Row.of(name(), "ws-test echo-server (CLI) heap growth per 16 KiB message after the first "
                    + String.format("%,d", cliMessages / CHECKPOINTS) + " (" + how + ")", "B/msg", cli[1])
                    .goal(Goal.atMost(64, "B/msg (flat)")));
        }
        return rows;
    }

    /**
     * The CLI's echo-server in its own process, pumped by a raw Tyrus client: {live heap at the end, slope after
     * the first checkpoint, heap at the first checkpoint, the largest checkpoint, messages per second}.
     */
    private double[] measureCli(Settings settings, int messages, boolean reconnect) throws Exception {
        System.out.printf("  echo heap: ws-test echo-server (CLI), %,d messages%s%n", messages,
                reconnect ? ", reconnecting" : "");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path log = settings.work().resolve("children.log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(Settings.java(), "-jar", settings.cliJar().toString(), "echo-server", "--port",
                String.valueOf(port)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + port + "/echo");
            String text = "x".repeat(SIZE);
            double[] xs = new double[CHECKPOINTS];
            double[] ys = new double[CHECKPOINTS];
            EchoClient client = connectWhenListening(uri, p);
            int sent = 0;
            long start = System.nanoTime();
            try {
                for (int k = 1; k <= CHECKPOINTS; k++) {
                    int target = (int) ((long) messages * k / CHECKPOINTS);
                    client = pump(client, uri, text, sent, target, reconnect);
                    sent = target;
                    xs[k - 1] = sent;
                    ys[k - 1] = liveHeap(p.pid());
                }
            } finally {
                client.close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new double[] {ys[CHECKPOINTS - 1], slope(xs, ys), ys[0],
                    Arrays.stream(ys).max().orElse(0), sent / seconds};
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /**
     * Sends messages {@code from} to {@code to} (100 in flight), reconnecting every 1,000 if asked; returns the
     * client now connected.
     */
    private static EchoClient pump(EchoClient client, URI uri, String text, int from, int to, boolean reconnect)
            throws Exception {
        EchoClient c = client;
        int sent = from;
        while (sent < to) {
            int batch = Math.min(100, to - sent);
            if (reconnect) {
                batch = Math.min(batch, 1000 - sent % 1000);
            }
            c.pipelined(text, batch);
            sent += batch;
            if (reconnect && sent % 1000 == 0) {
                c.close();
                c = EchoClient.connect("tyrus", uri);
            }
        }
        return c;
    }

    private static EchoClient connectWhenListening(URI uri, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return EchoClient.connect("tyrus", uri);
            } catch (Exception notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("ws-test echo-server did not start (its stderr is in"
                            + " children.log)", notYet);
                }
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Bytes of live objects in that JVM: the total of a class histogram, which collects first. */
    private static double liveHeap(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no histogram total from jcmd " + pid + ": " + out);
        }
        return Double.parseDouble(m.group(1));
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
                    client = pump(client, uri, text, sent, target, reconnect);
                    sent = target;
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
                slope(Arrays.copyOfRange(xs, 1, xs.length), Arrays.copyOfRange(ys, 1, ys.length))};
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
