package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.junit5.engine.ReportEntries;
import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioFailure;
import dev.wstest.scenario.ScenarioSyntaxException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * What a run produced, file by file and scenario by scenario in the order of the files (not the order in
 * which parallel scenarios finished), for the JUnit XML and HTML reports. Filled from the launcher's events,
 * or, when a file does not load and nothing runs, from {@link #fileNotLoaded} and {@link #notRun}.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunResults implements TestExecutionListener {

    /** How a scenario ended (a file that did not load is {@link FileResult#loadError()}). */
    public enum Status {
        PASSED, FAILED, SKIPPED
    }

    /** A step as it finished. */
    public record StepResult(boolean passed, String source, int line, String text, long millis, String round) {
    }

    /** A connection's handshake, frame log and timeline events (JSON), as the engine published them. */
    public record Connection(String name, String uri, String handshake, String log, String eventsJson) {
    }

    /** Why a file did not load. */
    public record LoadError(int line, int column, String type, String message) {
    }

    /** One scenario (or, for a file that did not load, the file itself). */
    public static final class ScenarioResult {
        final String name;
        final int line;
        Status status = Status.SKIPPED;
        String message;
        String failureType;
        boolean assertion;
        String failedSource;
        int failedLine;
        long startNanos;
        long millis;
        final List<StepResult> steps = new ArrayList<>();
        final List<Connection> connections = new ArrayList<>();

        ScenarioResult(String name, int line) {
            this.name = name;
            this.line = line;
        }

        public String name() {
            return name;
        }

        public int line() {
            return line;
        }

        public Status status() {
            return status;
        }

        /** The failure, skip reason or load error; empty for a passed scenario. */
        public Optional<String> message() {
            return Optional.ofNullable(message);
        }

        /** The exception's class name of a failure or error. */
        public String failureType() {
            return failureType;
        }

        /** True for a failed expectation, false for an unexpected exception (JUnit's failure vs error). */
        public boolean isAssertion() {
            return assertion;
        }

        /** The file of the failing step, or of the scenario when no step failed. */
        public String failedSource() {
            return failedSource;
        }

        /** The line of the failing step, or of the scenario when no step failed. */
        public int failedLine() {
            return failedLine > 0 ? failedLine : line;
        }

        public long millis() {
            return millis;
        }

        public List<StepResult> steps() {
            return steps;
        }

        public List<Connection> connections() {
            return connections;
        }
    }

    /** One scenario file. */
    public static final class FileResult {
        final String source;
        final List<ScenarioResult> scenarios = new ArrayList<>();
        LoadError loadError;

        FileResult(String source) {
            this.source = source;
        }

        /** The file as the loader named it. */
        public String source() {
            return source;
        }

        public List<ScenarioResult> scenarios() {
            return scenarios;
        }

        /** Why the file did not load, if it did not. */
        public Optional<LoadError> loadError() {
            return Optional.ofNullable(loadError);
        }
    }

    private final Map<String, FileResult> files = new java.util.LinkedHashMap<>();
    private final Map<String, ScenarioResult> byId = new HashMap<>();
    private final Map<String, FileResult> fileById = new HashMap<>();
    private final Map<String, FileResult> fileOfScenario = new HashMap<>();
    private final LocalDateTime started = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    private final long startNanos = System.nanoTime();
    private long totalMillis = -1;

    /** The files in the order they were given. */
    public synchronized List<FileResult> files() {
        return List.copyOf(files.values());
    }

    /** How many scenarios ended how, and how many files did not load. */
    public record Totals(int passed, int failed, int skipped, int fileErrors) {
        public int scenarios() {
            return passed + failed + skipped;
        }
    }

    public synchronized Totals totals() {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int errors = 0;
        for (FileResult f : files.values()) {
            errors += f.loadError().isPresent() ? 1 : 0;
            for (ScenarioResult s : f.scenarios()) {
                switch (s.status()) {
                    case PASSED -> passed++;
                    case FAILED -> failed++;
                    default -> skipped++;
                }
            }
        }
        return new Totals(passed, failed, skipped, errors);
    }

    /** When the run started (local time, seconds). */
    public LocalDateTime started() {
        return started;
    }

    /** How long the run took, or until now while it runs. */
    public synchronized long millis() {
        return totalMillis >= 0 ? totalMillis : (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The scenario a test of the plan stands for. */
    synchronized Optional<ScenarioResult> scenario(String uniqueId) {
        return Optional.ofNullable(byId.get(uniqueId));
    }

    /** The file of a scenario, or the file a container of the plan stands for. */
    synchronized Optional<FileResult> file(String uniqueId) {
        return Optional.ofNullable(fileOfScenario.getOrDefault(uniqueId, fileById.get(uniqueId)));
    }

    // ------------------------------------------------------------------------------------------ before a run

    /** A file that did not load: it becomes an errored entry, so reports show it. */
    public synchronized void fileNotLoaded(String source, RuntimeException e) {
        FileResult f = files.computeIfAbsent(source, FileResult::new);
        if (e instanceof ScenarioSyntaxException s) {
            f.loadError = new LoadError(s.line(), s.column(), e.getClass().getName(), e.getMessage());
        } else {
            f.loadError = new LoadError(1, 1, e.getClass().getName(), String.valueOf(e.getMessage()));
        }
    }

    /** The scenarios of a file that loaded but was not run (because another one did not load). */
    public synchronized void notRun(String source, List<Scenario> scenarios, String reason) {
        FileResult f = files.computeIfAbsent(source, FileResult::new);
        for (Scenario s : scenarios) {
            ScenarioResult r = new ScenarioResult(s.name(), s.line());
            r.message = reason;
            f.scenarios.add(r);
        }
    }

    /** Ends a run that did not start. */
    public synchronized void finish() {
        totalMillis = (System.nanoTime() - startNanos) / 1_000_000;
    }

    // ------------------------------------------------------------------------------------------ events

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier file : plan.getChildren(root)) {
                FileResult f = files.computeIfAbsent(sourceOf(file), FileResult::new);
                for (TestIdentifier scenario : plan.getChildren(file)) {
                    ScenarioResult r = new ScenarioResult(scenario.getDisplayName(), lineOf(scenario));
                    f.scenarios.add(r);
                    byId.put(scenario.getUniqueId(), r);
                    fileOfScenario.put(scenario.getUniqueId(), f);
                }
                fileById.put(file.getUniqueId(), f);
            }
        }
    }

    private static String sourceOf(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        return source.filter(FileSource.class::isInstance).map(s -> ((FileSource) s).getFile().getPath())
                .orElse(id.getDisplayName());
    }

    private static int lineOf(TestIdentifier id) {
        return id.getSource().filter(FileSource.class::isInstance).flatMap(s -> ((FileSource) s).getPosition())
                .map(FilePosition::getLine).orElse(1);
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        ScenarioResult r = byId.get(id.getUniqueId());
        if (r != null) {
            r.startNanos = System.nanoTime();
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        ScenarioResult r = byId.get(id.getUniqueId());
        if (r != null) {
            r.status = Status.SKIPPED;
            r.message = reason;
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        ScenarioResult r = byId.get(id.getUniqueId());
        if (r == null) {
            return;
        }
        Map<String, String> kv = entry.getKeyValuePairs();
        if (kv.containsKey(ReportEntries.STEP)) {
            String location = kv.get(ReportEntries.STEP_LOCATION);
            int colon = location.lastIndexOf(':');
            r.steps.add(new StepResult("passed".equals(kv.get(ReportEntries.STEP)), location.substring(0, colon),
                    Integer.parseInt(location.substring(colon + 1)), kv.get(ReportEntries.STEP_TEXT),
                    Long.parseLong(kv.get(ReportEntries.STEP_MILLIS)), kv.get(ReportEntries.STEP_ROUND)));
        } else if (kv.containsKey(ReportEntries.CONNECTION)) {
            r.connections.add(new Connection(kv.get(ReportEntries.CONNECTION), kv.get(ReportEntries.CONNECTION_URI),
                    kv.get(ReportEntries.CONNECTION_HANDSHAKE), kv.get(ReportEntries.CONNECTION_LOG),
                    kv.get(ReportEntries.CONNECTION_EVENTS)));
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        FileResult f = fileById.get(id.getUniqueId());
        if (f != null) {
            if (!ok) { // a file container that failed: the engine could not run it
                Throwable t = result.getThrowable().orElse(null);
                RuntimeException e = t instanceof RuntimeException re ? re
                        : new IllegalStateException(t == null ? "the file could not be run" : t.getMessage(), t);
                if (f.loadError == null) {
                    fileNotLoaded(f.source, e);
                }
            }
            return;
        }
        ScenarioResult r = byId.get(id.getUniqueId());
        if (r == null) {
            return;
        }
        r.millis = r.startNanos == 0 ? 0 : (System.nanoTime() - r.startNanos) / 1_000_000;
        r.status = ok ? Status.PASSED : Status.FAILED;
        result.getThrowable().ifPresent(t -> {
            r.message = String.valueOf(t.getMessage());
            r.failureType = t.getClass().getName();
            r.assertion = t instanceof AssertionError;
            if (t instanceof ScenarioFailure sf && sf.step() != null) {
                r.failedSource = sf.step().source();
                r.failedLine = sf.step().line();
            }
        });
        if (!ok && r.failedLine == 0) {
            r.steps.stream().filter(s -> !s.passed()).findFirst().ifPresent(s -> {
                r.failedSource = s.source();
                r.failedLine = s.line();
            });
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        finish();
    }
}
