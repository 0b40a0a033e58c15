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
        int rounds = settings.quick() ? 1 : 5;
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("  per-test round %d/%d%n", round, rounds);
            ws.add(once(settings, classPath, "WsTest"));
            raw.add(once(settings, classPath, "RawTyrus"));
        }
        return List.of(Row.of(name(), "1,000 @WebSocketTest tests, one round trip each", "ms/test",
                Numbers.median(ws)).against("raw Tyrus + latch", Numbers.median(raw))
                .goal(Goal.all(Goal.ratioAtMost(0.5), Goal.atMost(2, "ms")))
                .note("JUnit Platform Launcher in a fresh JVM per suite, " + rounds
                        + " alternating runs, median; 10 classes of 100 tests, one echo server per class"));
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
                once(settings, settings.classPath() + File.pathSeparator + classes, "WsTest",
                        ProfileSection.flag(jfr));
            }
        };
    }

    private static double once(Settings settings, String classPath, String prefix, String... jvmArgs)
            throws Exception {
        try (Child c = Child.start(settings, List.of(jvmArgs), classPath, PerTestMain.class, prefix)) {
            return Double.parseDouble(c.await("MS_PER_TEST", 600));
        }
    }
}
