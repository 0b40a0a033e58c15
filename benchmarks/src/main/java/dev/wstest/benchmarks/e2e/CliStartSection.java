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
 * time: wall time, peak RSS, and the time between the last line printed and the process ending. Against a raw
 * Tyrus program doing the same, and (to test the remedies issue 13 names) the same run C1-only and with an
 * AppCDS archive made by a training run. Variants alternate; medians.
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
        Path jsa = dir.resolve("ws-test.jsa");
        Files.deleteIfExists(jsa);
        run(dir, List.of("-XX:ArchiveClassesAtExit=" + jsa, "-jar", cli, "run", scenario.toString()));
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("ws-test", List.of("-jar", cli, "run", scenario.toString()));
        variants.put("raw", List.of("-cp", settings.classPath(), RawScenarioMain.class.getName()));
        variants.put("c1", List.of("-XX:TieredStopAtLevel=1", "-jar", cli, "run", scenario.toString()));
        variants.put("cds", List.of("-XX:SharedArchiveFile=" + jsa, "-jar", cli, "run", scenario.toString()));
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        int reps = settings.quick() ? 2 : 7;
        for (int i = 0; i < reps; i++) {
            System.out.printf("  cli start %d/%d%n", i + 1, reps);
            for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                runs.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(run(dir, v.getValue()));
            }
        }
        ClassCount ws = classes(dir, List.of("-jar", cli, "run", scenario.toString()));
        ClassCount raw = classes(dir, List.of("-cp", settings.classPath(), RawScenarioMain.class.getName()));

        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(name(), "ws-test run, 10-step scenario, cold: wall", "s", wall(runs, "ws-test"))
                .against("raw Tyrus program", wall(runs, "raw")).goal(Goal.atMost(0.5, "s"))
                .note("java -jar ws-test.jar run (JDK " + Runtime.version().feature() + "), fresh JVM each, "
                        + reps + " alternating runs, median"));
        rows.add(Row.of(name(), "ws-test run, 10-step scenario, cold: peak RSS", "MB", rss(runs, "ws-test"))
                .against("raw Tyrus program", rss(runs, "raw")));
        rows.add(Row.of(name(), "ws-test run: last output line to process exit", "ms", lag(runs, "ws-test"))
                .against("raw Tyrus program", lag(runs, "raw")));
        rows.add(Row.of(name(), "ws-test run, C1 only (-XX:TieredStopAtLevel=1): wall", "s", wall(runs, "c1"))
                .against("default JIT", wall(runs, "ws-test")));
        rows.add(Row.of(name(), "ws-test run, AppCDS archive of a training run: wall", "s", wall(runs, "cds"))
                .against("no archive", wall(runs, "ws-test")));
        rows.add(Row.of(name(), "classes loaded by ws-test run", "", (double) ws.all())
                .against("raw Tyrus program", (double) raw.all())
                .note("of them Jackson: " + ws.jackson() + " (no --reports-dir given), picocli: " + ws.picocli()
                        + ", JLine: " + ws.jline() + ", JUnit: " + ws.junit()));
        return rows;
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
                CliStartSection.run(dir, List.of(ProfileSection.flag(jfr), "-jar", settings.cliJar().toString(), "run",
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

    /** One cold run under /usr/bin/time (for peak RSS) when it is there. */
    static Run run(Path dir, List<String> javaArgs) throws IOException, InterruptedException {
        Path timeOut = dir.resolve("time.txt");
        Files.deleteIfExists(timeOut);
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            cmd.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", timeOut.toString()));
        }
        cmd.add(Settings.java());
        cmd.addAll(javaArgs);
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
    static ClassCount classes(Path dir, List<String> javaArgs) throws IOException, InterruptedException {
        Path log = dir.resolve("class-load.txt");
        Files.deleteIfExists(log);
        List<String> args = new ArrayList<>();
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
