package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.junit5.engine.ReportEntries;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The console tree: each file, under it each scenario as it finishes (PASS, FAIL, SKIP) with its steps and, for
 * a failure, the whole story (step, expectation, frame logs). A [n/total] counter shows progress on long runs.
 * Scenarios are printed whole when they finish, so parallel runs do not interleave.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConsoleReporter implements TestExecutionListener {

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";
    private static final String BOLD = "\u001b[1m";

    private final PrintWriter out;
    private final boolean colours;
    private final Map<String, List<Map<String, String>>> steps = new ConcurrentHashMap<>();
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private TestPlan plan;
    private long total;
    private int done;
    private int passed;
    private int failed;
    private int skipped;
    private int brokenFiles;
    private String lastFile;
    private long startNanos;

    public ConsoleReporter(PrintWriter out, boolean colours) {
        this.out = out;
        this.colours = colours;
    }

    private String c(String colour, String text) {
        return colours ? colour + text + RESET : text;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        startNanos = System.nanoTime();
        total = testPlan.countTestIdentifiers(TestIdentifier::isTest);
        long files = testPlan.getRoots().stream().mapToLong(r -> testPlan.getChildren(r).size()).sum();
        out.println(c(BOLD, "ws-test run") + ": " + total + " scenario(s) in " + files + " file(s)");
        out.flush();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            started.put(id.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        Map<String, String> kv = entry.getKeyValuePairs();
        if (kv.containsKey(ReportEntries.STEP)) {
            steps.computeIfAbsent(id.getUniqueId(), k -> new ArrayList<>()).add(kv);
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (!id.isTest()) {
            return;
        }
        fileHeader(id);
        done++;
        skipped++;
        out.println("  " + c(YELLOW, "SKIP") + " " + id.getDisplayName() + "  " + c(DIM, "(" + reason + ")")
                + progress());
        out.flush();
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isContainer() && !id.getParentId().isEmpty() && result.getStatus() == TestExecutionResult.Status.FAILED) {
            brokenFiles++;
            printFileHeader(id.getDisplayName());
            out.println("  " + c(RED, "FAIL") + " the file could not be run:");
            result.getThrowable().ifPresent(t -> out.println(indent(String.valueOf(t.getMessage()), "       ")));
            out.flush();
            return;
        }
        if (!id.isTest()) {
            return;
        }
        fileHeader(id);
        done++;
        Long t0 = started.remove(id.getUniqueId());
        long ms = t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000;
        boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        out.println("  " + (ok ? c(GREEN, "PASS") : c(RED, "FAIL")) + " " + id.getDisplayName() + "  "
                + c(DIM, "(" + ms + " ms)") + progress());
        for (Map<String, String> step : steps.getOrDefault(id.getUniqueId(), List.of())) {
            boolean stepOk = "passed".equals(step.get(ReportEntries.STEP));
            String location = step.get(ReportEntries.STEP_LOCATION);
            String line = location.substring(location.lastIndexOf(':') + 1);
            String round = step.containsKey(ReportEntries.STEP_ROUND) ? " [round " + step.get(ReportEntries.STEP_ROUND)
                    + "]" : "";
            String text = step.get(ReportEntries.STEP_TEXT).replace("\n", " ");
            out.println("       " + (stepOk ? c(GREEN, "ok  ") : c(RED, "FAIL")) + " " + c(DIM, String.format("%4s", line))
                    + "  " + text + round + "  " + c(DIM, step.get(ReportEntries.STEP_MILLIS) + " ms"));
        }
        steps.remove(id.getUniqueId());
        if (!ok) {
            Optional<Throwable> t = result.getThrowable();
            out.println();
            out.println(indent(t.map(x -> String.valueOf(x.getMessage())).orElse("(no message)"), "       "));
            out.println();
        }
        out.flush();
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        StringBuilder sb = new StringBuilder();
        sb.append(total).append(" scenario(s): ").append(c(passed > 0 ? GREEN : "", passed + " passed")).append(", ")
                .append(c(failed > 0 ? RED : "", failed + " failed")).append(", ")
                .append(c(skipped > 0 ? YELLOW : "", skipped + " skipped"));
        if (brokenFiles > 0) {
            sb.append(", ").append(c(RED, brokenFiles + " file(s) could not be run"));
        }
        sb.append(" in ").append(ms).append(" ms");
        out.println();
        out.println(sb);
        out.flush();
    }

    private String progress() {
        return total > 1 ? c(DIM, "  [" + done + "/" + total + "]") : "";
    }

    private void fileHeader(TestIdentifier test) {
        String file = test.getParentIdObject().map(plan::getTestIdentifier).map(TestIdentifier::getDisplayName)
                .orElse("?");
        printFileHeader(file);
    }

    private void printFileHeader(String file) {
        if (!file.equals(lastFile)) {
            out.println();
            out.println(c(BOLD, file));
            lastFile = file;
        }
    }

    private static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
