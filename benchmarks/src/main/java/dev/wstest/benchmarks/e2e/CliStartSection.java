package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.profile.ProfileSection;
import dev.wstest.benchmarks.report.Goal;
import dev.wstest.benchmarks.report.Numbers;
import dev.wstest.benchmarks.report.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of {@code ws-test run} on a 10-step scenario that starts its own echo server, in a fresh JVM each
 * time: wall time, peak RSS, and the time between the last line printed and the process ending. Through the
 * launcher {@code target/ws-test} (with the class archive {@code package} made for it) and through
 * {@code java -jar} (what the distribution runs), against a raw Tyrus program doing the same; C1-only both
 * ways, and what C1-only costs the long-running echo-server; where a JDK 25 is installed next to this one,
 * on JDK 25 with and without an AOT cache (JEP 483/514). Variants alternate; medians.
 */
public final class CliStartSection implements Section {

    static final String SCENARIO = String.join("\n",
            "server echo",
            "",
            "scenario \"ten steps\"",
            "  connect ${server.url}/echo as client",
            "  send text \"hello\"",
            "  expect text \"hello\"",
            "  send json {\"id\": 1}",
            "  expect json {\"id\": 1}",
            "  ping \"hb\"",
            "  expect pong \"hb\"",
            "  send binary hex \"ca fe\"",
            "  expect binary hex \"ca fe\"",
            "  close 1000 \"done\"",
            "");

    /** wall ms, peak RSS bytes (-1 unknown), exit lag ms. */
    record Run(double wallMs, double rssBytes, double exitLagMs) {
    }

    @Override
    public String name() {
        return "cli";
    }

    @Override
    public List<Row> run(Settings settings) throws Exception {
        Path dir = settings.work().resolve("cli");
        Files.createDirectories(dir);
        Path scenario = dir.resolve("ten-steps.ws");
        Files.writeString(scenario, SCENARIO);
        String cli = settings.cliJar().toString();
        // The launcher next to the jar, and the class archive that package made for it (JDK 17: ws-test.jsa).
        Path launcher = settings.cliJar().resolveSibling("ws-test");
        String archive = Files.isRegularFile(settings.cliJar().resolveSibling("ws-test.jsa")) ? "ws-test.jsa"
                : Files.isRegularFile(settings.cliJar().resolveSibling("ws-test.aot")) ? "ws-test.aot" : "none";
        String java = Settings.java();
        String c1 = "-XX:TieredStopAtLevel=1";
        Map<String, List<String>> variants = new LinkedHashMap<>();
        String javaHome = "JAVA_HOME=" + System.getProperty("java.home"); // the launcher runs this JDK too
        variants.put("launcher", List.of("env", javaHome, "sh", launcher.toString(), "run", scenario.toString()));
        variants.put("jar", List.of(java, "-jar", cli, "run", scenario.toString()));
        variants.put("raw", List.of(java, "-cp", settings.classPath(), RawScenarioMain.class.getName()));
        variants.put("raw-open", List.of(java, "-cp", settings.classPath(), RawScenarioMain.class.getName(),
                "keep-transport"));
        variants.put("jar-c1", List.of(java, c1, "-jar", cli, "run", scenario.toString()));
        variants.put("launcher-c1", List.of("env", javaHome, "JAVA_OPTS=" + c1, "sh", launcher.toString(), "run",
                scenario.toString()));
        Path jdk25 = newerJdk();
        if (jdk25 != null) {
            String java25 = jdk25.resolve("bin/java").toString();
            Path aot = dir.resolve("ws-test.aot");
            Files.deleteIfExists(aot);
            run(dir, List.of(java25, "-XX:AOTCacheOutput=" + aot, "-jar", cli, "run", scenario.toString()));
            variants.put("jdk25", List.of(java25, "-jar", cli, "run", scenario.toString()));
            variants.put("jdk25-aot", List.of(java25, "-XX:AOTCache=" + aot, "-jar", cli, "run", scenario.toString()));
        }
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        int reps = settings.quick() ? 2 : 7;
        for (int i = 0; i < reps; i++) {
            System.out.printf("  cli start %d/%d%n", i + 1, reps);
            for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                runs.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(run(dir, v.getValue()));
            }
        }
        ClassCount ws = classes(dir, java, List.of("-jar", cli, "run", scenario.toString()));
        ClassCount raw = classes(dir, java, List.of("-cp", settings.classPath(), RawScenarioMain.class.getName()));

        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(name(), "ws-test run, 10-step scenario, cold, target/ws-test: wall", "s", wall(runs, "launcher"))
                .against("raw Tyrus program", wall(runs, "raw")).goal(Goal.atMost(0.5, "s"))
                .note("the launcher script with the class archive package made (" + archive + ", JDK "
                        + Runtime.version().feature() + "), fresh JVM each, " + reps + " alternating runs, median"));
        rows.add(Row.of(name(), "ws-test run, 10-step scenario, cold, java -jar (no archive): wall", "s",
                wall(runs, "jar")).against("raw Tyrus program", wall(runs, "raw"))
                .note("what the distribution's bin/ws-test runs: no archive ships (JDK 17 binds one to the jar's path)"));
        rows.add(Row.of(name(), "ws-test run, 10-step scenario, cold, target/ws-test: peak RSS", "MB",
                rss(runs, "launcher")).against("raw Tyrus program", rss(runs, "raw")));
        rows.add(Row.of(name(), "ws-test run: last output line to process exit", "ms", lag(runs, "launcher"))
                .against("raw Tyrus program", lag(runs, "raw")));
        rows.add(Row.of(name(), "raw Tyrus program exiting with its transports open: last line to exit", "ms",
                lag(runs, "raw-open")).against("transports shut down first", lag(runs, "raw")));
        rows.add(Row.of(name(), "ws-test run, class archive of package (target/ws-test): wall", "s",
                wall(runs, "launcher")).against("java -jar, no archive", wall(runs, "jar")));
        rows.add(Row.of(name(), "ws-test run, C1 only (-XX:TieredStopAtLevel=1), java -jar: wall", "s",
                wall(runs, "jar-c1")).against("default JIT", wall(runs, "jar")));
        rows.add(Row.of(name(), "ws-test run, C1 only, target/ws-test with its archive: wall", "s",
                wall(runs, "launcher-c1")).against("default JIT", wall(runs, "launcher")));
        if (jdk25 != null) {
            rows.add(Row.of(name(), "ws-test run on JDK 25 (" + jdk25.getFileName() + "), java -jar: wall", "s",
                    wall(runs, "jdk25")).against("JDK " + Runtime.version().feature(), wall(runs, "jar")));
            rows.add(Row.of(name(), "ws-test run on JDK 25 with an AOT cache of a training run: wall", "s",
                    wall(runs, "jdk25-aot")).against("JDK 25, no cache", wall(runs, "jdk25"))
                    .note("what package makes for target/ws-test when it builds on JDK 25"));
        }
        rows.add(Row.of(name(), "classes loaded by ws-test run", "", (double) ws.all())
                .against("raw Tyrus program", (double) raw.all())
                .note("of them Jackson: " + ws.jackson() + " (the scenario has JSON steps; no --reports-dir), picocli: "
                        + ws.picocli() + ", JLine: " + ws.jline() + ", JUnit: " + ws.junit()));
        // C1 only helps a short run; what it costs a long one: the echo-server command under load.
        for (int size : List.of(64, 16 * 1024)) {
            List<Double> tiered = new ArrayList<>();
            List<Double> c1only = new ArrayList<>();
            for (int i = 0; i < (settings.quick() ? 1 : 2); i++) {
                System.out.printf("  cli echo-server, %d B, round %d%n", size, i + 1);
                tiered.add(echoServerRate(dir, List.of(java, "-jar", cli), size, settings.quick()));
                c1only.add(echoServerRate(dir, List.of(java, c1, "-jar", cli), size, settings.quick()));
            }
            rows.add(Row.of(name(), "ws-test echo-server, C1 only, pipelined " + (size == 64 ? "64 B" : "16 KiB"),
                    "msg/s", Numbers.median(c1only)).against("default JIT", Numbers.median(tiered))
                    .note(size == 64 ? "the CLI's echo-server pumped by a raw Tyrus client for "
                            + (settings.quick() ? 4 : 8) + " s after 3 s of warm-up; alternating, median" : null));
        }
        return rows;
    }

    /** Messages per second the CLI's echo-server (started with {@code command}) echoes to a raw Tyrus client. */
    private static double echoServerRate(Path dir, List<String> command, int size, boolean quick) throws Exception {
        Path log = dir.resolve("echo-server.log");
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("echo-server", "--port", "0"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            java.net.URI uri = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (uri == null && System.nanoTime() < deadline && p.isAlive()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("listening on (ws://\\S+/);")
                        .matcher(Files.readString(log));
                if (m.find()) {
                    uri = java.net.URI.create(m.group(1) + "echo");
                } else {
                    Thread.onSpinWait();
                    p.waitFor(20, TimeUnit.MILLISECONDS);
                }
            }
            if (uri == null) {
                throw new IllegalStateException("echo-server did not start: " + Files.readString(log));
            }
            String text = "x".repeat(size);
            try (dev.wstest.benchmarks.peers.EchoClient client = dev.wstest.benchmarks.peers.EchoClient.connect("tyrus",
                    uri)) {
                long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < warm) {
                    client.pipelined(text, 100);
                }
                long start = System.nanoTime();
                long end = start + TimeUnit.SECONDS.toNanos(quick ? 4 : 8);
                long n = 0;
                while (System.nanoTime() < end) {
                    client.pipelined(text, 100);
                    n += 100;
                }
                return n / ((System.nanoTime() - start) / 1e9);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** A JFR profile of one cold {@code ws-test run}. */
    public static ProfileSection.Profiled profiled() {
        return new ProfileSection.Profiled() {
            @Override
            public String name() {
                return "cli-run";
            }

            @Override
            public void record(Settings settings, Path jfr) throws Exception {
                Path dir = settings.work().resolve("cli");
                Files.createDirectories(dir);
                Path scenario = dir.resolve("ten-steps.ws");
                Files.writeString(scenario, SCENARIO);
                CliStartSection.run(dir, List.of(Settings.java(), ProfileSection.flag(jfr), "-jar", settings.cliJar().toString(), "run",
                        scenario.toString()));
            }
        };
    }

    private static Double wall(Map<String, List<Run>> runs, String v) {
        return Numbers.median(runs.get(v).stream().map(r -> r.wallMs() / 1000).toList());
    }

    private static Double rss(Map<String, List<Run>> runs, String v) {
        List<Double> known = runs.get(v).stream().filter(r -> r.rssBytes() > 0).map(r -> r.rssBytes() / 1e6).toList();
        return Numbers.median(known);
    }

    private static Double lag(Map<String, List<Run>> runs, String v) {
        return Numbers.median(runs.get(v).stream().map(Run::exitLagMs).toList());
    }

    /** A JDK 25 or later next to this one (under /usr/lib/jvm), or null. */
    private static Path newerJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (Runtime.version().feature() >= 25 || !Files.isDirectory(jvms)) {
            return null;
        }
        try (var dirs = Files.list(jvms)) {
            for (Path d : dirs.sorted().toList()) {
                Path release = d.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(d.resolve("bin/java"))) {
                    for (String line : Files.readAllLines(release)) {
                        if (line.startsWith("JAVA_VERSION=\"")) {
                            String v = line.substring("JAVA_VERSION=\"".length()).replaceAll("[^0-9].*", "");
                            if (!v.isEmpty() && Integer.parseInt(v) >= 25) {
                                return d;
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    /** One cold run of {@code command} (java and its arguments) under /usr/bin/time, for peak RSS, if present. */
    static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path timeOut = dir.resolve("time.txt");
        Files.deleteIfExists(timeOut);
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            cmd.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", timeOut.toString()));
        }
        cmd.addAll(command);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long lastLine = start;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lastLine = System.nanoTime();
                output.append(line).append('\n');
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not end within 60 s: " + cmd);
        }
        long end = System.nanoTime();
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + " from " + cmd + ":\n" + output);
        }
        double rss = -1;
        if (timed && Files.exists(timeOut)) {
            List<String> lines = Files.readAllLines(timeOut);
            rss = Double.parseDouble(lines.get(lines.size() - 1).trim()) * 1024;
        }
        return new Run((end - start) / 1e6, rss, (end - lastLine) / 1e6);
    }

    record ClassCount(int all, int jackson, int picocli, int jline, int junit) {
    }

    /** Classes loaded by one run, from -Xlog:class+load. */
    static ClassCount classes(Path dir, String java, List<String> javaArgs) throws IOException, InterruptedException {
        Path log = dir.resolve("class-load.txt");
        Files.deleteIfExists(log);
        List<String> args = new ArrayList<>();
        args.add(java);
        args.add("-Xlog:class+load=info:file=" + log);
        args.addAll(javaArgs);
        run(dir, args);
        List<String> lines = Files.readAllLines(log);
        return new ClassCount(lines.size(), count(lines, "com.fasterxml.jackson"), count(lines, "picocli."),
                count(lines, "org.jline"), count(lines, "org.junit"));
    }

    private static int count(List<String> lines, String prefix) {
        return (int) lines.stream().filter(l -> l.contains(" " + prefix)).count();
    }
}
