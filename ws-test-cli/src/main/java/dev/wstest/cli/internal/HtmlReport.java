package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wstest.cli.internal.RunResults.Connection;
import dev.wstest.cli.internal.RunResults.FileResult;
import dev.wstest.cli.internal.RunResults.ScenarioResult;
import dev.wstest.cli.internal.RunResults.Status;
import dev.wstest.cli.internal.RunResults.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The HTML report: a summary, each file and scenario with its steps (the failing one marked and linked from
 * the scenario's heading) and failure, and per scenario a timeline with one column per connection, lined up in
 * time. Everything is rendered when the report is written: the page has no script and no inline style, and
 * its styles are a separate file next to it ({@value #CSS_FILE_NAME}), so it reads the same under a strict
 * Content-Security-Policy such as Jenkins' default ({@code sandbox; default-src 'none'; img-src 'self';
 * style-src 'self';}).
 */
@API(status = INTERNAL, since = "0.1")
public final class HtmlReport {

    /** The report's file name inside the reports folder. */
    public static final String FILE_NAME = "ws-test-report.html";
    /** Its stylesheet, next to it. */
    public static final String CSS_FILE_NAME = "ws-test-report.css";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {
    }

    /** Writes the report and its stylesheet into {@code dir}. */
    public static void write(RunResults results, ReportNames names, Path dir) throws IOException {
        Files.writeString(dir.resolve(CSS_FILE_NAME), CSS, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(FILE_NAME), render(results, names), StandardCharsets.UTF_8);
    }

    static String render(RunResults results, ReportNames names) {
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (FileResult f : results.files()) {
            body.append("<section class=\"file\">\n<h2>").append(esc(names.path(f.source()))).append("</h2>\n");
            if (f.loadError().isPresent()) {
                body.append("<article class=\"scenario failed\" data-status=\"failed\"><h3><span class=\"badge\">"
                        + "ERROR</span> the file does not load</h3><pre class=\"failure\">")
                        .append(esc(f.loadError().get().message())).append("</pre></article>\n");
            }
            for (ScenarioResult r : f.scenarios()) {
                scenario(body, r, "s" + (++n));
            }
            body.append("</section>\n");
        }
        RunResults.Totals t = results.totals();
        String summary = t.scenarios() + " scenario(s): " + t.passed() + " passed, " + t.failed() + " failed, "
                + t.skipped() + " skipped" + (t.fileErrors() > 0 ? ", " + t.fileErrors()
                + " file(s) could not be run" : "");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>ws-test report</title>\n<link rel=\"stylesheet\" href=\"" + CSS_FILE_NAME + "\">\n"
                + "</head>\n<body>\n<header>\n<h1>ws-test report</h1>\n<p id=\"summary\" class=\""
                + (t.failed() > 0 || t.fileErrors() > 0 ? "bad" : "good") + "\">" + esc(summary) + "</p>\n<p class=\"meta\">"
                + esc(results.started().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' '))
                + ", " + results.millis() + " ms</p>\n"
                + "<label><input type=\"checkbox\" id=\"only-failed\"> failures only</label>\n</header>\n<main>\n"
                + body + "</main>\n</body>\n</html>\n";
    }

    private static void scenario(StringBuilder body, ScenarioResult r, String sid) {
        String status = r.status().name().toLowerCase(java.util.Locale.ROOT);
        boolean failed = r.status() == Status.FAILED;
        String failedId = sid + "-failed";
        boolean marked = failed && r.steps().stream().anyMatch(s -> !s.passed());
        body.append("<article class=\"scenario ").append(status).append("\" data-status=\"").append(status)
                .append("\" id=\"").append(sid).append("\">\n<h3><span class=\"badge\">")
                .append(failed ? "FAIL" : r.status() == Status.PASSED ? "PASS" : "SKIP").append("</span> ")
                .append(esc(r.name())).append(" <span class=\"ms\">")
                .append(r.status() == Status.SKIPPED ? "" : r.millis() + " ms").append("</span>");
        if (marked) {
            body.append(" <a class=\"goto-failed\" href=\"#").append(failedId).append("\">failed at line ")
                    .append(r.failedLine()).append("</a>");
        }
        body.append("</h3>\n");
        if (!r.steps().isEmpty()) {
            body.append("<table class=\"steps\"><thead><tr><th></th><th>line</th><th>step</th><th>ms</th>"
                    + "</tr></thead><tbody>\n");
            for (StepResult s : r.steps()) {
                String round = s.round() == null ? "" : " <span class=\"round\">round " + esc(s.round()) + "</span>";
                body.append("<tr class=\"").append(s.passed() ? "ok" : "ko\" id=\"" + failedId).append("\"><td>")
                        .append(s.passed() ? "✔" : "✘").append("</td><td title=\"")
                        .append(esc(s.source() + ":" + s.line())).append("\">").append(s.line())
                        .append("</td><td><code>").append(esc(s.text())).append("</code>").append(round)
                        .append(s.passed() ? "" : " <strong class=\"failed-here\">failed here</strong>")
                        .append("</td><td>").append(s.millis()).append("</td></tr>\n");
            }
            body.append("</tbody></table>\n");
        }
        r.message().ifPresent(m -> body.append("<pre class=\"").append(failed ? "failure" : "reason").append("\">")
                .append(esc(m)).append("</pre>\n"));
        if (!r.connections().isEmpty()) {
            body.append("<h4>Timeline</h4>\n");
            timeline(body, r.connections(), sid);
            body.append("<details><summary>Handshakes and frame logs</summary>\n");
            for (Connection c : r.connections()) {
                body.append("<h5>").append(esc(c.name())).append(" — ").append(esc(c.uri()))
                        .append("</h5>\n<pre class=\"log\">").append(esc(c.handshake())).append("\n\n")
                        .append(esc(c.log())).append("</pre>\n");
            }
            body.append("</details>\n");
        }
        body.append("</article>\n");
    }

    private record Row(int column, JsonNode event) {
    }

    /** Every event of every connection, in time order, one column per connection. */
    private static void timeline(StringBuilder body, List<Connection> connections, String sid) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            for (JsonNode e : parse(connections.get(i).eventsJson())) {
                rows.add(new Row(i, e));
            }
        }
        rows.sort(Comparator.comparingLong(r -> r.event().path("at").asLong()));
        long base = rows.isEmpty() ? 0 : rows.get(0).event().path("at").asLong();
        body.append("<div class=\"timeline\" data-scenario=\"").append(sid).append("\" data-rendered=\"")
                .append(rows.size()).append("\"><table>\n<thead><tr><th>ms</th>");
        for (Connection c : connections) {
            body.append("<th title=\"").append(esc(c.uri())).append("\">").append(esc(c.name())).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            JsonNode e = r.event();
            String dir = e.path("dir").asText();
            body.append("<tr><td class=\"t\">+").append(Math.round((e.path("at").asLong() - base) / 1e6))
                    .append("</td>");
            for (int i = 0; i < connections.size(); i++) {
                body.append("<td>");
                if (i == r.column()) {
                    String arrow = switch (dir) {
                        case "out" -> "→";
                        case "in" -> "←";
                        default -> "·";
                    };
                    body.append("<span class=\"ev ").append(esc(dir)).append("\"><span class=\"type\">")
                            .append(arrow).append(' ').append(esc(e.path("type").asText())).append("</span>")
                            .append(esc(e.path("desc").asText())).append("</span>");
                }
                body.append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody></table></div>\n");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json == null || json.equals("(none)") ? "[]" : json);
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static final String CSS = String.join("\n",
            "/* ws-test report; a separate file so that a strict Content-Security-Policy (style-src 'self') keeps it */",
            "body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}",
            "header{padding:16px 24px;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0}",
            "h1{margin:0 0 4px;font-size:20px} .meta{color:#777;margin:0 0 6px}",
            "#summary{font-weight:600;margin:0} #summary.good{color:#1a7f37} #summary.bad{color:#c62828}",
            "main{padding:8px 24px} h2{font-size:16px;margin:24px 0 8px;font-family:ui-monospace,monospace}",
            ".scenario{background:#fff;border:1px solid #ddd;border-left:5px solid #999;border-radius:4px;"
                    + "padding:8px 14px;margin:10px 0}",
            ".scenario.passed{border-left-color:#1a7f37} .scenario.failed{border-left-color:#c62828}"
                    + " .scenario.skipped{border-left-color:#b58900}",
            "h3{font-size:15px;margin:4px 0 8px} .ms{color:#777;font-weight:normal;font-size:12px}",
            ".badge{display:inline-block;font-size:11px;padding:1px 6px;border-radius:3px;color:#fff;background:#999}",
            ".passed .badge{background:#1a7f37} .failed .badge{background:#c62828} .skipped .badge{background:#b58900}",
            ".goto-failed{font-size:12px;color:#c62828;margin-left:8px}",
            "table{border-collapse:collapse;width:100%;font-size:13px}",
            "td,th{padding:2px 6px;text-align:left;vertical-align:top;border-bottom:1px solid #eee}",
            "tr.ko td{background:#fdecea} tr.ko:target td{outline:2px solid #c62828}",
            ".failed-here{color:#fff;background:#c62828;border-radius:3px;padding:0 5px;margin-left:8px;font-size:11px}",
            "code,pre{font-family:ui-monospace,monospace;font-size:12px}",
            "pre{white-space:pre-wrap;background:#f6f8fa;padding:8px;border-radius:4px;overflow:auto}",
            "pre.failure{background:#fdecea} .round{color:#777;font-size:11px}",
            ".timeline table{table-layout:fixed} .timeline th{background:#e3ecf7}",
            ".timeline th:first-child{width:70px} .timeline td.t{color:#777;text-align:right}",
            ".ev{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all;display:block;padding:1px 4px;"
                    + "border-radius:3px}",
            ".ev.out{color:#0b5cad;background:#eaf2fc} .ev.in{color:#1a7f37;background:#eaf6ee}"
                    + " .ev.local{color:#777;font-style:italic}",
            ".ev .type{font-weight:600;margin-right:4px}",
            "body:has(#only-failed:checked) .scenario.passed,body:has(#only-failed:checked) .scenario.skipped"
                    + "{display:none}",
            "");
}
