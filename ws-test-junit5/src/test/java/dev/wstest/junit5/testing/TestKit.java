package dev.wstest.junit5.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs {@link Fixture} classes through the Jupiter engine and keeps what they did. */
public final class TestKit {

    static final String ENABLE_FIXTURES = "wstest.fixtures.enabled";

    private final Map<String, String> parameters = new LinkedHashMap<>();

    private TestKit() {
        parameters.put(ENABLE_FIXTURES, "true");
        parameters.put("wstest.report.stdout", "false");
    }

    public static TestKit testKit() {
        return new TestKit();
    }

    /** Adds a configuration parameter for the run. */
    public TestKit with(String key, String value) {
        parameters.put(key, value);
        return this;
    }

    /** Runs the classes and returns the outcome; standard output is captured, not printed. */
    public Run run(Class<?>... fixtures) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters);
        for (Class<?> fixture : fixtures) {
            builder.selectors(selectClass(fixture));
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return new Run(builder.execute(), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** One run's results. */
    public static final class Run {
        private final EngineExecutionResults results;
        private final String stdout;

        Run(EngineExecutionResults results, String stdout) {
            this.results = results;
            this.stdout = stdout;
        }

        public EngineExecutionResults results() {
            return results;
        }

        public String stdout() {
            return stdout;
        }

        public long testsSucceeded() {
            return results.testEvents().succeeded().count();
        }

        public long testsFailed() {
            return results.testEvents().failed().count();
        }

        /** Every failure, of tests and of containers (classes), in order. */
        public List<Throwable> failures() {
            List<Throwable> out = new ArrayList<>();
            results.allEvents().list().stream()
                    .filter(e -> e.getType() == EventType.FINISHED)
                    .map(e -> e.getPayload(TestExecutionResult.class))
                    .flatMap(Optional::stream)
                    .filter(r -> r.getStatus() == TestExecutionResult.Status.FAILED)
                    .forEach(r -> r.getThrowable().ifPresent(out::add));
            return out;
        }

        /** Checks that nothing failed and that this many tests succeeded; says what failed otherwise. */
        public Run assertAllSucceeded(long tests) {
            List<Throwable> failures = failures();
            if (!failures.isEmpty() || testsSucceeded() != tests) {
                StringBuilder sb = new StringBuilder("expected " + tests + " successful tests and no failure, got "
                        + testsSucceeded() + " successful and these failures:\n");
                for (Throwable t : failures) {
                    java.io.StringWriter w = new java.io.StringWriter();
                    t.printStackTrace(new java.io.PrintWriter(w));
                    sb.append(w).append('\n');
                }
                throw new AssertionError(sb.append("events:\n").append(describeEvents()).toString());
            }
            return this;
        }

        /** The one failure of the run. */
        public Throwable onlyFailure() {
            List<Throwable> all = failures();
            if (all.size() != 1) {
                throw new AssertionError("expected exactly one failure, got " + all.size() + ": " + all
                        + "\nevents:\n" + describeEvents());
            }
            return all.get(0);
        }

        /** Report entries published, keys and values, in order. */
        public List<Map<String, String>> reportEntries() {
            List<Map<String, String>> out = new ArrayList<>();
            results.allEvents().reportingEntryPublished().list().stream()
                    .map(e -> e.getPayload(ReportEntry.class))
                    .flatMap(Optional::stream)
                    .forEach(r -> out.add(r.getKeyValuePairs()));
            return out;
        }

        /** The values of all report entries with this key. */
        public List<String> reportEntries(String key) {
            List<String> out = new ArrayList<>();
            for (Map<String, String> entry : reportEntries()) {
                if (entry.containsKey(key)) {
                    out.add(entry.get(key));
                }
            }
            return out;
        }

        public String describeEvents() {
            StringBuilder sb = new StringBuilder();
            for (Event e : results.allEvents().list()) {
                sb.append("  ").append(e).append('\n');
            }
            return sb.toString();
        }
    }
}
