package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.profile.ProfileSection;
import dev.wstest.benchmarks.report.Goal;
import dev.wstest.benchmarks.report.Numbers;
import dev.wstest.benchmarks.report.Row;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one test costs: 1,000 generated {@code @WebSocketTest} tests (one injected client and one round trip
 * each) against the same 1,000 tests hand-written on raw Tyrus with a latch, each suite in a fresh JVM through
 * the JUnit Platform Launcher, alternating. JVM start and compilation are not counted; discovery is.
 */
public final class PerTestSection implements Section {

    @Override
    public String name() {
        return "per-test";
    }

    @Override
    public List<Row> run(Settings settings) throws Exception {
        Path dir = settings.work().resolve("per-test");
        Path classes = GeneratedTests.compile(dir, settings.classPath());
        String classPath = settings.classPath() + File.pathSeparator + classes;
        List<Double> ws = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int rounds = settings.quick() ? 1 : 5;
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("  per-test round %d/%d%n", round, rounds);
            once(settings, classPath, "WsTest", ws, failures);
            once(settings, classPath, "RawTyrus", raw, failures);
        }
        String failed = failures.isEmpty() ? "" : "; runs with a failed test, repeated and not counted: "
                + String.join("; ", failures);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(name(), "1,000 @WebSocketTest tests, one round trip each", "ms/test",
                Numbers.median(ws)).against("raw Tyrus + latch", Numbers.median(raw))
                .goal(Goal.all(Goal.ratioAtMost(0.5), Goal.atMost(2, "ms")))
                .note("JUnit Platform Launcher in a fresh JVM per suite, " + rounds
                        + " alternating runs, median; 10 classes of 100 tests, one echo server per class" + failed));
        rows.addAll(phases(settings));
        return rows;
    }

    private static final String[] PHASES = {"connect", "send", "receive and check", "close"};

    /** One test's phases, outside JUnit, in a warm JVM: where the time of a test goes. */
    private List<Row> phases(Settings settings) throws Exception {
        System.out.println("  per-test phases");
        int warmUp = settings.quick() ? 200 : 1000;
        int measured = settings.quick() ? 200 : 2000;
        double[] ws = new double[PHASES.length];
        double[] raw = new double[PHASES.length];
        try (Child c = Child.start(settings, List.of(), PerTestPhasesMain.class, String.valueOf(warmUp),
                String.valueOf(measured))) {
            for (int k = 0; k < 2; k++) {
                String[] f = c.await("PHASES", 900).trim().split(" ");
                double[] into = f[0].equals("ws-test") ? ws : raw;
                for (int i = 0; i < PHASES.length; i++) {
                    into[i] = Double.parseDouble(f[i + 1]);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < PHASES.length; i++) {
            rows.add(Row.of(name(), "one test outside JUnit, warm: " + PHASES[i], "ms", ws[i])
                    .against("raw Tyrus + latch", raw[i])
                    .note(i == 0 ? "connect, sendText, receivesText and close() timed apart, " + measured
                            + " times after " + warmUp + " to warm up, one JVM; the generated tests' code without JUnit"
                            : null));
        }
        double wsTotal = java.util.Arrays.stream(ws).sum();
        double rawTotal = java.util.Arrays.stream(raw).sum();
        rows.add(Row.of(name(), "one test outside JUnit, warm: all four", "ms", wsTotal).against("raw Tyrus + latch",
                rawTotal));
        return rows;
    }

    /**
     * One run of a suite into {@code figures}; a run with a failed test is noted in {@code failures} and
     * repeated (up to twice), since a failed test waited for a timeout instead of doing its work.
     */
    private static void once(Settings settings, String classPath, String prefix, List<Double> figures,
                             List<String> failures) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            String result = once(settings, classPath, prefix);
            if (!result.startsWith("FAILED")) {
                figures.add(Double.parseDouble(result));
                return;
            }
            failures.add(prefix + ": " + result.substring("FAILED".length()).trim());
        }
    }

    /** A JFR profile of the ws-test suite. */
    public static ProfileSection.Profiled profiled() {
        return new ProfileSection.Profiled() {
            @Override
            public String name() {
                return "per-test";
            }

            @Override
            public void record(Settings settings, Path jfr) throws Exception {
                Path classes = GeneratedTests.compile(settings.work().resolve("per-test"), settings.classPath());
                once(settings, settings.classPath() + File.pathSeparator + classes, "WsTest", ProfileSection.flag(jfr));
            }
        };
    }

    /** One run of a suite in a fresh JVM: its ms per test, or "FAILED n first-failure". */
    private static String once(Settings settings, String classPath, String prefix, String... jvmArgs)
            throws Exception {
        try (Child c = Child.start(settings, List.of(jvmArgs), classPath, PerTestMain.class, prefix)) {
            String line = c.await("", 900);
            while (!line.startsWith("MS_PER_TEST") && !line.startsWith("FAILED")) {
                line = c.await("", 900);
            }
            return line.startsWith("FAILED") ? line : line.substring("MS_PER_TEST".length()).trim();
        }
    }
}
