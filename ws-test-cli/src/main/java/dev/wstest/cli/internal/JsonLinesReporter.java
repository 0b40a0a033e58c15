package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wstest.cli.internal.RunResults.FileResult;
import dev.wstest.cli.internal.RunResults.ScenarioResult;
import dev.wstest.cli.internal.RunResults.Status;
import dev.wstest.cli.internal.RunResults.StepResult;
import dev.wstest.junit5.engine.ReportEntries;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * {@code ws-test run --json}: one JSON object per line, as things happen, for scripts (schema in docs/cli.md,
 * {@value #FORMAT_VERSION}): {@code run} first, then per file a {@code file} line if it did not load, a
 * {@code step} line per step as it finishes and a {@code scenario} line per scenario, and {@code summary} last.
 * It records every event in the {@link RunResults} the XML and HTML reports are written from, then prints
 * from it: register this reporter instead of those results, since the launcher calls the listeners of a
 * finished event in reverse order.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonLinesReporter implements TestExecutionListener {

    /** The schema version, in the {@code run} line. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final RunResults results;
    private final ReportNames names;
    private final Set<ScenarioResult> printed = new HashSet<>();

    public JsonLinesReporter(PrintWriter out, RunResults results, ReportNames names) {
        this.out = out;
        this.results = results;
        this.names = names;
    }

    private void print(ObjectNode line) {
        out.println(line.toString());
        out.flush();
    }

    /** The {@code run} line. */
    public synchronized void start() {
        List<FileResult> files = results.files();
        ObjectNode o = JSON.createObjectNode().put("type", "run").put("formatVersion", FORMAT_VERSION)
                .put("files", files.size())
                .put("scenarios", files.stream().mapToInt(f -> f.scenarios().size()).sum());
        print(o);
    }

    /** A {@code file} line for each file that did not load, and a {@code scenario} line for those not run. */
    public synchronized void notRun() {
        for (FileResult f : results.files()) {
            loadError(f);
            f.scenarios().forEach(s -> scenario(f, s));
        }
    }

    /** The {@code summary} line. */
    public synchronized void summary(int exitCode) {
        RunResults.Totals t = results.totals();
        print(JSON.createObjectNode().put("type", "summary").put("scenarios", t.scenarios())
                .put("passed", t.passed()).put("failed", t.failed()).put("skipped", t.skipped())
                .put("fileErrors", t.fileErrors()).put("ms", results.millis()).put("exitCode", exitCode));
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        results.testPlanExecutionStarted(testPlan);
        start();
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        results.testPlanExecutionFinished(testPlan);
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        results.executionStarted(id);
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        results.reportingEntryPublished(id, entry);
        ScenarioResult scenario = results.scenario(id.getUniqueId()).orElse(null);
        FileResult file = results.file(id.getUniqueId()).orElse(null);
        if (scenario == null || file == null || scenario.steps().isEmpty()
                || !entry.getKeyValuePairs().containsKey(ReportEntries.STEP)) {
            return;
        }
        StepResult s = scenario.steps().get(scenario.steps().size() - 1);
        ObjectNode o = JSON.createObjectNode().put("type", "step").put("file", names.path(file.source()))
                .put("scenario", scenario.name()).put("line", s.line()).put("step", s.text())
                .put("status", s.passed() ? "passed" : "failed").put("ms", s.millis());
        if (!s.source().equals(file.source())) {
            o.put("source", names.path(s.source()));
        }
        if (s.round() != null) {
            o.put("round", Integer.parseInt(s.round()));
        }
        print(o);
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        results.executionSkipped(id, reason);
        finished(id);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        results.executionFinished(id, result);
        if (id.isTest()) {
            finished(id);
        } else {
            results.file(id.getUniqueId()).ifPresent(this::loadError);
        }
    }

    private void finished(TestIdentifier id) {
        results.scenario(id.getUniqueId()).ifPresent(s -> scenario(results.file(id.getUniqueId()).orElseThrow(), s));
    }

    private void loadError(FileResult f) {
        f.loadError().ifPresent(e -> print(JSON.createObjectNode().put("type", "file")
                .put("file", names.path(f.source())).put("classname", names.className(f.source()))
                .put("status", "error").put("line", e.line()).put("column", e.column())
                .put("message", e.message())));
    }

    private void scenario(FileResult f, ScenarioResult s) {
        if (!printed.add(s)) {
            return;
        }
        ObjectNode o = JSON.createObjectNode().put("type", "scenario").put("file", names.path(f.source()))
                .put("classname", names.className(f.source())).put("scenario", s.name()).put("line", s.line())
                .put("status", s.status().name().toLowerCase(Locale.ROOT)).put("ms", s.millis());
        if (s.status() == Status.FAILED) {
            o.putObject("failure")
                    .put("file", names.path(s.failedSource() != null ? s.failedSource() : f.source()))
                    .put("line", s.failedLine()).put("type", s.failureType())
                    .put("message", s.message().orElse(""));
        } else if (s.status() == Status.SKIPPED) {
            o.put("reason", s.message().orElse(""));
        }
        print(o);
    }
}
