package dev.wstest.benchmarks;

import dev.wstest.benchmarks.e2e.CliStartSection;
import dev.wstest.benchmarks.e2e.ConformanceSection;
import dev.wstest.benchmarks.e2e.EchoHeapSection;
import dev.wstest.benchmarks.e2e.FrameMemorySection;
import dev.wstest.benchmarks.e2e.PerTestSection;
import dev.wstest.benchmarks.e2e.ScaleSection;
import dev.wstest.benchmarks.jmh.MessagePathSection;
import dev.wstest.benchmarks.jmh.RecorderSection;
import dev.wstest.benchmarks.profile.ProfileSection;
import dev.wstest.benchmarks.report.Machine;
import dev.wstest.benchmarks.report.Report;
import dev.wstest.benchmarks.report.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmarks and prints one table: {@code java -jar benchmarks/target/benchmarks.jar [--quick]
 * [--only SECTION,...] [--json FILE] [--cli-jar FILE]}, or {@code --profile} for the JFR profiles instead.
 */
public final class Main {

    static final String USAGE = String.join("\n",
            "usage: benchmarks/run [--quick] [--only SECTION,...] [--json FILE] [--cli-jar FILE] [--profile]",
            "  --quick    smoke run of a few minutes: short iterations, one repetition",
            "  --only     run only these sections: message, recorder, per-test, cli, scale, frame-memory,",
            "             echo-heap, conformance",
            "  --json     where to write the table as JSON (default benchmarks/target/benchmarks.json)",
            "  --cli-jar  ws-test-cli's jar (default ws-test-cli/target/ws-test.jar next to this module)",
            "  --profile  record JFR profiles of the ws-test paths and summarise them, instead of the table");

    /**
     * Tyrus logs a stack trace at WARNING for every connection a conformance case breaks on purpose; held
     * here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger TYRUS_ENDPOINT =
            java.util.logging.Logger.getLogger("org.glassfish.tyrus.core.TyrusEndpointWrapper");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        TYRUS_ENDPOINT.setLevel(java.util.logging.Level.SEVERE);
        Path jarDir = jarDirectory();
        boolean quick = false;
        boolean profile = false;
        Set<String> only = new LinkedHashSet<>();
        Path json = jarDir.resolve("benchmarks.json");
        Path cliJar = jarDir.resolve("../../ws-test-cli/target/ws-test.jar").normalize();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--profile" -> profile = true;
                case "--only" -> only.addAll(List.of(value(args, ++i).split(",")));
                case "--json" -> json = Path.of(value(args, ++i));
                case "--cli-jar" -> cliJar = Path.of(value(args, ++i));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown option " + args[i]);
            }
        }
        Settings settings = new Settings(quick, only, jarDir.resolve("bench-work"),
                System.getProperty("java.class.path"), cliJar, profile);
        List<Section> sections = profile ? List.of(Profiles.section()) : all();
        for (String name : only) {
            if (sections.stream().noneMatch(s -> s.name().equals(name))) {
                fail("unknown section " + name);
            }
        }
        if (settings.runs("cli") && !profile && !Files.isRegularFile(cliJar)) {
            fail("no " + cliJar + ": build it first (mvn -B -q -pl benchmarks -am package -DskipTests)");
        }
        Machine machine = Machine.current();
        Instant started = Instant.now();
        List<Row> rows = new ArrayList<>();
        for (Section section : sections) {
            if (!settings.runs(section.name()) && !profile) {
                continue;
            }
            System.out.println("== " + section.name());
            try {
                rows.addAll(section.run(settings));
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
                rows.add(Row.of(section.name(), section.name(), "", null).note("failed: " + e));
            }
        }
        if (profile) {
            return;
        }
        Report report = new Report(machine, "benchmarks/run " + String.join(" ", args), quick ? "quick" : "full",
                started, Duration.between(started, Instant.now()), Machine.loadAverage(), rows);
        System.out.println();
        System.out.print(report.table());
        report.writeJson(json);
        System.out.println("\nJSON: " + json);
        // child JVMs, JMH forks and servers are closed; Grizzly's non-daemon threads must not keep us alive
        System.exit(0);
    }

    static List<Section> all() {
        return List.of(new MessagePathSection(), new RecorderSection(), new PerTestSection(), new CliStartSection(),
                new ScaleSection(), new FrameMemorySection(), new EchoHeapSection(), new ConformanceSection());
    }

    private static Path jarDirectory() throws Exception {
        Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return self.getParent(); // target/, for the jar and for target/classes alike
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("benchmarks: " + message + "\n" + USAGE);
        System.exit(2);
    }

    /** The profiled runs of --profile. */
    static final class Profiles {
        private Profiles() {
        }

        static ProfileSection section() {
            return new ProfileSection(List.of(
                    MessagePathSection.profiled("ws-test", "ws-test", 64),
                    MessagePathSection.profiled("ws-test", "ws-test", 16384),
                    MessagePathSection.profiled("ws-test", "node", 64),
                    MessagePathSection.profiled("tyrus", "ws-test", 16384),
                    MessagePathSection.profiled("tyrus", "tyrus", 16384),
                    RecorderSection.profiled(16384),
                    PerTestSection.profiled(),
                    CliStartSection.profiled()));
        }
    }
}
