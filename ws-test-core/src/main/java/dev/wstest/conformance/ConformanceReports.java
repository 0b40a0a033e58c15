package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wstest.raw.WireEvent;
import dev.wstest.record.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** Renders a {@link ConformanceReport}: a console summary per category, JSON, and a self-contained HTML page. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ConformanceReports {

    /**
     * Version of the JSON layout; bumped when a field changes meaning or disappears. 2: the two columns
     * (behaviour, closeBehaviour) are Autobahn's, labelled as Autobahn prints them; verdictRule added;
     * serverCloseCode is the last close code the server sent.
     */
    public static final int JSON_FORMAT_VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConformanceReports() {
    }

    /**
     * A table of headline verdict counts per category (and how many cases' close behaviour was not OK),
     * then one line per FAILED case with both columns (accepted deviations marked).
     */
    public static String summary(ConformanceReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("Conformance of ").append(report.target()).append(": ").append(report.results().size())
                .append(" cases in ").append(String.format("%.1f", report.duration().toMillis() / 1000.0)).append(" s")
                .append(report.verdictRule() == VerdictRule.AUTOBAHN ? "" : " (verdicts " + report.verdictRule() + ")")
                .append("\n\n");
        String row = "  %-30s %5s %11s %7s %14s %14s %11s%n";
        sb.append(String.format(row, "Category", "OK", "NON-STRICT", "FAILED", "INFORMATIONAL", "UNIMPLEMENTED",
                "close not OK"));
        Map<Category, Integer> closeNotOk = new java.util.EnumMap<>(Category.class);
        for (CaseResult r : report.results()) {
            if (r.closeBehaviour() != CloseBehaviour.OK && r.closeBehaviour() != CloseBehaviour.INFORMATIONAL) {
                closeNotOk.merge(r.conformanceCase().category(), 1, Integer::sum);
            }
        }
        for (Map.Entry<Category, Map<Verdict, Integer>> e : report.countsByCategory().entrySet()) {
            Map<Verdict, Integer> m = e.getValue();
            sb.append(String.format(row, e.getKey().toString(), m.get(Verdict.OK), m.get(Verdict.NON_STRICT),
                    m.get(Verdict.FAILED), m.get(Verdict.INFORMATIONAL), m.get(Verdict.UNIMPLEMENTED),
                    closeNotOk.getOrDefault(e.getKey(), 0)));
        }
        Map<Verdict, Integer> t = report.counts();
        sb.append(String.format(row, "Total", t.get(Verdict.OK), t.get(Verdict.NON_STRICT), t.get(Verdict.FAILED),
                t.get(Verdict.INFORMATIONAL), t.get(Verdict.UNIMPLEMENTED),
                closeNotOk.values().stream().mapToInt(Integer::intValue).sum()));
        boolean header = false;
        for (CaseResult r : report.results()) {
            if (r.verdict() != Verdict.FAILED) {
                continue;
            }
            if (!header) {
                sb.append("\nFAILED (behaviour / close behaviour):\n");
                header = true;
            }
            sb.append(String.format("  %-9s %s / %s  %s%n", r.id(), r.behaviour().label(), r.closeBehaviour().label(),
                    r.conformanceCase().description()));
            if (!r.notes().isEmpty()) {
                sb.append("            ").append(r.notes().get(0)).append('\n');
            }
            r.acceptedDeviation().ifPresent(reason -> sb.append("            (accepted deviation: ").append(reason)
                    .append(")\n"));
        }
        sb.append('\n').append(report.passed() ? "PASSED" : report.unacceptedFailures().size() + " case(s) FAILED")
                .append('\n');
        return Redactor.DEFAULT.scrub(sb.toString());
    }

    /** The report as JSON (layout version {@value #JSON_FORMAT_VERSION}). */
    public static String toJson(ConformanceReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", JSON_FORMAT_VERSION);
        root.put("target", report.target());
        root.put("startedAt", report.startedAt().toString());
        root.put("durationMs", report.duration().toMillis());
        root.put("verdictRule", report.verdictRule().name());
        root.put("passed", report.passed());
        ObjectNode totals = root.putObject("counts");
        report.counts().forEach((v, n) -> totals.put(v.label(), n));
        ArrayNode cats = root.putArray("categories");
        report.countsByCategory().forEach((cat, m) -> {
            ObjectNode c = cats.addObject();
            c.put("number", cat.number());
            c.put("title", cat.title());
            c.put("checks", cat.checks());
            ObjectNode counts = c.putObject("counts");
            m.forEach((v, n) -> counts.put(v.label(), n));
        });
        ArrayNode cases = root.putArray("cases");
        for (CaseResult r : report.results()) {
            ObjectNode c = cases.addObject();
            c.put("id", r.id());
            c.put("category", r.conformanceCase().category().number());
            c.put("description", r.conformanceCase().description());
            c.put("requirement", r.conformanceCase().requirement());
            c.put("verdict", r.verdict().label());
            c.put("behaviour", r.behaviour().label());
            c.put("closeBehaviour", r.closeBehaviour().label());
            if (r.serverCloseCode().isPresent()) {
                c.put("serverCloseCode", r.serverCloseCode().getAsInt());
            } else {
                c.putNull("serverCloseCode");
            }
            c.put("durationMs", r.duration().toMillis());
            r.acceptedDeviation().ifPresentOrElse(a -> c.put("acceptedDeviation", a), () -> c.putNull("acceptedDeviation"));
            ArrayNode notes = c.putArray("notes");
            r.notes().forEach(notes::add);
            c.put("framesOmitted", r.omittedEvents());
            ArrayNode frames = c.putArray("frames");
            for (WireEvent e : r.transcript()) {
                ObjectNode f = frames.addObject();
                f.put("direction", e.direction().name());
                f.put("ms", e.sinceOpen().toMillis());
                f.put("event", e.description());
            }
        }
        try {
            return Redactor.DEFAULT.scrub(MAPPER.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeJson(ConformanceReport report, Path file) throws IOException {
        write(file, toJson(report));
    }

    /** A self-contained HTML page: counts per category, one row per case, each expandable to its frames. */
    public static String toHtml(ConformanceReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>WebSocket conformance: ")
                .append(esc(report.target())).append("</title>\n<style>\n")
                .append("body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}")
                .append(".OK{background:#c8f7c5}.NON-STRICT{background:#f9f3a8}.FAILED{background:#f7c5c5}")
                .append(".INFORMATIONAL{background:#d5e3f7}.UNIMPLEMENTED{background:#e4e4e4}pre{margin:4px 0;font-size:12px}")
                .append("summary{cursor:pointer}td.v{font-weight:bold;white-space:nowrap}\n</style></head><body>\n");
        sb.append("<h1>WebSocket conformance</h1>\n<p>Target <code>").append(esc(report.target()))
                .append("</code>, started ").append(esc(report.startedAt().toString())).append(", ")
                .append(report.results().size()).append(" cases in ").append(report.duration().toMillis())
                .append(" ms: <b>").append(report.passed() ? "PASSED" : "FAILED").append("</b></p>\n");
        sb.append("<table><tr><th>Category</th>");
        for (Verdict v : Verdict.values()) {
            sb.append("<th>").append(v.label()).append("</th>");
        }
        sb.append("</tr>\n");
        report.countsByCategory().forEach((cat, m) -> {
            sb.append("<tr><td>").append(esc(cat.toString())).append("</td>");
            for (Verdict v : Verdict.values()) {
                int n = m.get(v);
                sb.append("<td").append(n > 0 ? " class=\"" + v.label() + "\"" : "").append('>').append(n).append("</td>");
            }
            sb.append("</tr>\n");
        });
        sb.append("</table>\n");
        Category current = null;
        for (CaseResult r : report.results()) {
            Category cat = r.conformanceCase().category();
            if (cat != current) {
                if (current != null) {
                    sb.append("</table>\n");
                }
                current = cat;
                sb.append("<h2>").append(esc(cat.toString())).append("</h2><p>").append(esc(cat.checks()))
                        .append("</p>\n<table><tr><th>Case</th><th>Verdict</th><th>Behaviour</th><th>Close"
                                + " behaviour</th><th>ms</th>")
                        .append("<th>Description, requirement and frames</th></tr>\n");
            }
            sb.append("<tr id=\"case-").append(esc(r.id())).append("\"><td>").append(esc(r.id()))
                    .append("</td><td class=\"v ").append(r.verdict().label()).append("\">").append(r.verdict().label());
            r.acceptedDeviation().ifPresent(a -> sb.append("<br><small>accepted: ").append(esc(a)).append("</small>"));
            sb.append("</td><td>").append(r.behaviour().label()).append("</td><td>").append(r.closeBehaviour().label())
                    .append(r.serverCloseCode().isPresent() ? " (" + r.serverCloseCode().getAsInt() + ")" : "")
                    .append("</td><td>").append(r.duration().toMillis()).append("</td><td><details><summary>")
                    .append(esc(r.conformanceCase().description())).append("</summary><p>").append(esc(r.conformanceCase()
                    .requirement())).append("</p>");
            List<String> notes = r.notes();
            if (!notes.isEmpty()) {
                sb.append("<ul>");
                notes.forEach(n -> sb.append("<li>").append(esc(n)).append("</li>"));
                sb.append("</ul>");
            }
            sb.append("<pre>").append(esc(r.formatTranscript())).append("</pre></details></td></tr>\n");
        }
        if (current != null) {
            sb.append("</table>\n");
        }
        sb.append("</body></html>\n");
        return Redactor.DEFAULT.scrub(sb.toString());
    }

    public static void writeHtml(ConformanceReport report, Path file) throws IOException {
        write(file, toHtml(report));
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }
}
