package dev.wstest.cli.internal;

import dev.wstest.junit5.engine.ReportEntries;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The JUnit XML file CI systems read (the Ant/Surefire "legacy" layout Jenkins, GitLab and GitHub reporters
 * understand): one {@code testsuite}, one {@code testcase} per scenario with its failure or skip reason, and the
 * steps and frame logs in {@code system-out}. It carries no {@code properties}: JUnit's own legacy writer copies
 * every system property into each file, {@code sun.java.command} (the whole command line, {@code --var} values
 * included) among them. Written through {@link Outputs}, so no known secret reaches it.
 */
public final class JunitXmlReport implements TestExecutionListener {

    /** The report's file name inside the reports folder. */
    public static final String FILE_NAME = "TEST-ws-test.xml";

    private final Path target;
    private final Map<String, Case> cases = new LinkedHashMap<>();
    private TestPlan plan;
    private Instant started;
    private long startNanos;
    private String problem;

    private static final class Case {
        final String name;
        final String classname;
        final StringBuilder out = new StringBuilder();
        long startNanos;
        long nanos;
        String status = "skipped";
        String message;
        String type;
        String detail;

        Case(String name, String classname) {
            this.name = name;
            this.classname = classname;
        }
    }

    public JunitXmlReport(Path target) {
        this.target = target;
    }

    /** Why the report could not be written, if it could not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = Instant.now();
        startNanos = System.nanoTime();
    }

    private Case caseOf(TestIdentifier id) {
        return cases.computeIfAbsent(id.getUniqueId(), k -> new Case(id.getDisplayName(),
                plan == null ? "ws-test" : plan.getParent(id).map(TestIdentifier::getDisplayName).orElse("ws-test")));
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            caseOf(id).startNanos = System.nanoTime();
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            Case c = caseOf(id);
            c.status = "skipped";
            c.message = reason;
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        if (!id.isTest()) {
            return;
        }
        Map<String, String> kv = entry.getKeyValuePairs();
        StringBuilder out = caseOf(id).out;
        if (kv.containsKey(ReportEntries.STEP)) {
            out.append(kv.get(ReportEntries.STEP).equals("passed") ? "ok   " : "FAIL ")
                    .append(kv.get(ReportEntries.STEP_LOCATION)).append("  ").append(kv.get(ReportEntries.STEP_TEXT))
                    .append("  ").append(kv.get(ReportEntries.STEP_MILLIS)).append(" ms\n");
        } else if (kv.containsKey(ReportEntries.CONNECTION)) {
            out.append("\nConnection \"").append(kv.get(ReportEntries.CONNECTION)).append("\" (")
                    .append(kv.get(ReportEntries.CONNECTION_URI)).append(")\n")
                    .append(kv.get(ReportEntries.CONNECTION_HANDSHAKE)).append('\n')
                    .append(kv.get(ReportEntries.CONNECTION_LOG)).append('\n');
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            if (id.getParentIdObject().isPresent() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                Case c = caseOf(id); // a file that could not be run reads as a failed case
                fill(c, result);
            }
            return;
        }
        Case c = caseOf(id);
        c.nanos = System.nanoTime() - c.startNanos;
        fill(c, result);
    }

    private static void fill(Case c, TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL -> c.status = "passed";
            case ABORTED -> c.status = "skipped";
            default -> c.status = result.getThrowable().map(t -> t instanceof AssertionError).orElse(true)
                    ? "failure" : "error";
        }
        result.getThrowable().ifPresent(t -> {
            c.message = String.valueOf(t.getMessage());
            c.type = t.getClass().getName();
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            c.detail = trace.toString();
        });
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        try (Writer w = Outputs.file(target)) {
            w.write(render());
        } catch (IOException | RuntimeException e) {
            problem = "cannot write the JUnit XML report " + target + ": " + e;
        }
    }

    String render() {
        List<Case> all = new ArrayList<>(cases.values());
        long failures = all.stream().filter(c -> c.status.equals("failure")).count();
        long errors = all.stream().filter(c -> c.status.equals("error")).count();
        long skipped = all.stream().filter(c -> c.status.equals("skipped")).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"ws-test scenarios\" tests=\"").append(all.size()).append("\" skipped=\"")
                .append(skipped).append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" time=\"").append(seconds(System.nanoTime() - startNanos)).append("\" timestamp=\"")
                .append(started == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        started.atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0)))
                .append("\">\n");
        for (Case c : all) {
            sb.append("  <testcase name=\"").append(attr(c.name)).append("\" classname=\"").append(attr(c.classname))
                    .append("\" time=\"").append(seconds(c.nanos)).append("\"");
            if (c.status.equals("passed") && c.out.length() == 0) {
                sb.append("/>\n");
                continue;
            }
            sb.append(">\n");
            switch (c.status) {
                case "skipped" -> sb.append("    <skipped message=\"").append(attr(String.valueOf(c.message)))
                        .append("\"/>\n");
                case "failure", "error" -> sb.append("    <").append(c.status).append(" message=\"")
                        .append(attr(c.message)).append("\" type=\"").append(attr(c.type)).append("\">")
                        .append(text(c.detail)).append("</").append(c.status).append(">\n");
                default -> {
                }
            }
            if (c.out.length() > 0) {
                sb.append("    <system-out>").append(text(c.out.toString())).append("</system-out>\n");
            }
            sb.append("  </testcase>\n");
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }

    private static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0xfffe || c == 0xffff) {
                        sb.append("\\u").append(String.format("%04x", (int) c)); // not allowed in XML 1.0
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
