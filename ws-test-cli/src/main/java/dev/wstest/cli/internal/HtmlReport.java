package dev.wstest.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wstest.junit5.engine.ReportEntries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
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
 * A single self-contained HTML file: a summary, each file and scenario with its steps and failure, and per
 * scenario a timeline with one column per connection, lined up in time (drawn by a small script from JSON
 * embedded in the page; the plain frame logs are there too, for readers without scripts).
 */
public final class HtmlReport implements TestExecutionListener {

    /** The report's file name inside the reports folder. */
    public static final String FILE_NAME = "ws-test-report.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path target;
    private final Map<String, FileRecord> files = new LinkedHashMap<>();
    private final Map<String, ScenarioRecord> scenarios = new LinkedHashMap<>();
    private TestPlan plan;
    private String problem;

    private static final class FileRecord {
        final String name;
        final List<ScenarioRecord> scenarios = new ArrayList<>();
        String loadError;

        FileRecord(String name) {
            this.name = name;
        }
    }

    private static final class ScenarioRecord {
        final String name;
        final List<Map<String, String>> steps = new ArrayList<>();
        final List<Map<String, String>> connections = new ArrayList<>();
        String status = "skipped";
        String message;
        long startNanos;
        long millis;

        ScenarioRecord(String name) {
            this.name = name;
        }
    }

    public HtmlReport(Path target) {
        this.target = target;
    }

    /** Why the report could not be written, if it could not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    private FileRecord fileOf(TestIdentifier test) {
        TestIdentifier parent = test.getParentIdObject().map(plan::getTestIdentifier).orElse(test);
        return files.computeIfAbsent(parent.getUniqueId(), k -> new FileRecord(parent.getDisplayName()));
    }

    private ScenarioRecord scenario(TestIdentifier id) {
        return scenarios.computeIfAbsent(id.getUniqueId(), k -> {
            ScenarioRecord r = new ScenarioRecord(id.getDisplayName());
            fileOf(id).scenarios.add(r);
            return r;
        });
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            scenario(id).startNanos = System.nanoTime();
        } else if (id.getParentIdObject().isPresent()) {
            files.computeIfAbsent(id.getUniqueId(), k -> new FileRecord(id.getDisplayName()));
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            ScenarioRecord r = scenario(id);
            r.status = "skipped";
            r.message = reason;
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        if (!id.isTest()) {
            return;
        }
        Map<String, String> kv = entry.getKeyValuePairs();
        if (kv.containsKey(ReportEntries.STEP)) {
            scenario(id).steps.add(kv);
        } else if (kv.containsKey(ReportEntries.CONNECTION)) {
            scenario(id).connections.add(kv);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse(null);
        if (id.isTest()) {
            ScenarioRecord r = scenario(id);
            r.status = ok ? "passed" : "failed";
            r.message = message;
            r.millis = (System.nanoTime() - r.startNanos) / 1_000_000;
        } else if (id.getParentIdObject().isPresent() && !ok) {
            files.computeIfAbsent(id.getUniqueId(), k -> new FileRecord(id.getDisplayName())).loadError = message;
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        try {
            Outputs.writeString(target, render());
        } catch (IOException | RuntimeException e) {
            problem = "cannot write the HTML report " + target + ": " + e;
        }
    }

    String render() {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (ScenarioRecord r : scenarios.values()) {
            switch (r.status) {
                case "passed" -> passed++;
                case "failed" -> failed++;
                default -> skipped++;
            }
        }
        long broken = files.values().stream().filter(f -> f.loadError != null).count();
        ObjectNode data = JSON.createObjectNode();
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (FileRecord f : files.values()) {
            body.append("<section class=\"file\">\n<h2>").append(esc(f.name)).append("</h2>\n");
            if (f.loadError != null) {
                body.append("<article class=\"scenario failed\" data-status=\"failed\"><h3><span class=\"badge\">FAIL"
                        + "</span> the file could not be run</h3><pre class=\"failure\">").append(esc(f.loadError))
                        .append("</pre></article>\n");
            }
            for (ScenarioRecord r : f.scenarios) {
                String sid = "s" + (++n);
                body.append("<article class=\"scenario ").append(r.status).append("\" data-status=\"")
                        .append(r.status).append("\" id=\"").append(sid).append("\">\n<h3><span class=\"badge\">")
                        .append(r.status.equals("passed") ? "PASS" : r.status.equals("failed") ? "FAIL" : "SKIP")
                        .append("</span> ").append(esc(r.name)).append(" <span class=\"ms\">")
                        .append(r.status.equals("skipped") ? "" : r.millis + " ms").append("</span></h3>\n");
                if (!r.steps.isEmpty()) {
                    body.append("<table class=\"steps\"><thead><tr><th></th><th>line</th><th>step</th><th>ms</th>"
                            + "</tr></thead><tbody>\n");
                    for (Map<String, String> s : r.steps) {
                        boolean ok = "passed".equals(s.get(ReportEntries.STEP));
                        String loc = s.get(ReportEntries.STEP_LOCATION);
                        String round = s.containsKey(ReportEntries.STEP_ROUND)
                                ? " <span class=\"round\">round " + esc(s.get(ReportEntries.STEP_ROUND)) + "</span>" : "";
                        body.append("<tr class=\"").append(ok ? "ok" : "ko").append("\"><td>").append(ok ? "✔" : "✘")
                                .append("</td><td title=\"").append(esc(loc)).append("\">")
                                .append(esc(loc.substring(loc.lastIndexOf(':') + 1))).append("</td><td><code>")
                                .append(esc(s.get(ReportEntries.STEP_TEXT))).append("</code>").append(round)
                                .append("</td><td>").append(esc(s.get(ReportEntries.STEP_MILLIS))).append("</td></tr>\n");
                    }
                    body.append("</tbody></table>\n");
                }
                if (r.message != null) {
                    body.append("<pre class=\"").append(r.status.equals("failed") ? "failure" : "reason").append("\">")
                            .append(esc(r.message)).append("</pre>\n");
                }
                if (!r.connections.isEmpty()) {
                    ArrayNode conns = data.putArray(sid);
                    body.append("<h4>Timeline</h4>\n<div class=\"timeline\" data-scenario=\"").append(sid)
                            .append("\"><noscript>The timeline needs JavaScript; the frame logs are below.</noscript>"
                                    + "</div>\n<details><summary>Handshakes and frame logs</summary>\n");
                    for (Map<String, String> c : r.connections) {
                        ObjectNode cn = conns.addObject();
                        cn.put("name", c.get(ReportEntries.CONNECTION));
                        cn.put("uri", c.get(ReportEntries.CONNECTION_URI));
                        cn.set("events", parse(c.get(ReportEntries.CONNECTION_EVENTS)));
                        body.append("<h5>").append(esc(c.get(ReportEntries.CONNECTION))).append(" — ")
                                .append(esc(c.get(ReportEntries.CONNECTION_URI))).append("</h5>\n<pre class=\"log\">")
                                .append(esc(c.get(ReportEntries.CONNECTION_HANDSHAKE))).append("\n\n")
                                .append(esc(c.get(ReportEntries.CONNECTION_LOG))).append("</pre>\n");
                    }
                    body.append("</details>\n");
                }
                body.append("</article>\n");
            }
            body.append("</section>\n");
        }
        String summary = scenarios.size() + " scenario(s): " + passed + " passed, " + failed + " failed, " + skipped
                + " skipped" + (broken > 0 ? ", " + broken + " file(s) could not be run" : "");
        String json = data.toString().replace("</", "<\\/").replace("<!--", "<\\!--");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>ws-test report</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<header>\n"
                + "<h1>ws-test report</h1>\n<p id=\"summary\" class=\"" + (failed > 0 || broken > 0 ? "bad" : "good")
                + "\">" + esc(summary) + "</p>\n<p class=\"meta\">" + esc(ZonedDateTime.now()
                        .format(DateTimeFormatter.RFC_1123_DATE_TIME))
                + "</p>\n<label><input type=\"checkbox\" id=\"only-failed\"> failures only</label>\n</header>\n<main>\n"
                + body + "</main>\n<script type=\"application/json\" id=\"timelines\">" + json + "</script>\n<script>\n"
                + SCRIPT + "</script>\n</body>\n</html>\n";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json == null ? "[]" : json);
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
            "table{border-collapse:collapse;width:100%;font-size:13px}",
            "td,th{padding:2px 6px;text-align:left;vertical-align:top;border-bottom:1px solid #eee}",
            "tr.ko td{background:#fdecea} code,pre{font-family:ui-monospace,monospace;font-size:12px}",
            "pre{white-space:pre-wrap;background:#f6f8fa;padding:8px;border-radius:4px;overflow:auto}",
            "pre.failure{background:#fdecea} .round{color:#777;font-size:11px}",
            ".timeline table{table-layout:fixed} .timeline th{background:#f0f0f0}",
            ".timeline th:first-child{width:70px} .timeline td.t{color:#777;text-align:right}",
            ".ev{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}",
            ".ev.out{color:#0b5cad} .ev.in{color:#1a7f37} .ev.local{color:#777;font-style:italic}",
            ".ev .type{font-weight:600;margin-right:4px}",
            "body.only-failed .scenario.passed,body.only-failed .scenario.skipped{display:none}",
            "");

    private static final String SCRIPT = String.join("\n",
            "(function () {",
            "  var data = JSON.parse(document.getElementById('timelines').textContent);",
            "  var arrows = {out: '\\u2192', 'in': '\\u2190', local: '\\u00b7'};",
            "  document.querySelectorAll('.timeline').forEach(function (box) {",
            "    var conns = data[box.getAttribute('data-scenario')] || [];",
            "    var rows = [], base = null;",
            "    conns.forEach(function (c, i) {",
            "      c.events.forEach(function (e) {",
            "        rows.push({col: i, e: e});",
            "        if (base === null || e.at < base) { base = e.at; }",
            "      });",
            "    });",
            "    rows.sort(function (a, b) { return a.e.at - b.e.at; });",
            "    var table = document.createElement('table');",
            "    var head = table.createTHead().insertRow();",
            "    var th = document.createElement('th'); th.textContent = 'ms'; head.appendChild(th);",
            "    conns.forEach(function (c) {",
            "      var h = document.createElement('th'); h.textContent = c.name; h.title = c.uri; head.appendChild(h);",
            "    });",
            "    var tbody = table.createTBody();",
            "    rows.forEach(function (r) {",
            "      var tr = tbody.insertRow();",
            "      var t = tr.insertCell(); t.className = 't';",
            "      t.textContent = '+' + Math.round((r.e.at - base) / 1e6);",
            "      for (var i = 0; i < conns.length; i++) {",
            "        var td = tr.insertCell();",
            "        if (i === r.col) {",
            "          var span = document.createElement('span');",
            "          span.className = 'ev ' + r.e.dir;",
            "          var type = document.createElement('span'); type.className = 'type';",
            "          type.textContent = (arrows[r.e.dir] || '') + ' ' + r.e.type;",
            "          span.appendChild(type);",
            "          span.appendChild(document.createTextNode(r.e.desc));",
            "          td.appendChild(span);",
            "        }",
            "      }",
            "    });",
            "    box.innerHTML = '';",
            "    box.appendChild(table);",
            "    box.setAttribute('data-rendered', String(rows.length));",
            "  });",
            "  var only = document.getElementById('only-failed');",
            "  only.addEventListener('change', function () {",
            "    document.body.classList.toggle('only-failed', only.checked);",
            "  });",
            "})();",
            "");
}
