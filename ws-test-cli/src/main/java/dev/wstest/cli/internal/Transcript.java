package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.cli.ExitCodes;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.Redactor;
import dev.wstest.record.WsEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A saved session for a bug report: the handshake (secrets redacted) and every frame with its time, as plain
 * text, a self-contained HTML page, or an SVG sequence diagram.
 */
@API(status = INTERNAL, since = "0.1")
public final class Transcript {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final int SVG_LABEL = 70;

    /** The file formats, chosen by extension. */
    public enum Format {
        TXT, HTML, SVG;

        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".txt") || name.endsWith(".log")) {
                return TXT;
            }
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return HTML;
            }
            if (name.endsWith(".svg")) {
                return SVG;
            }
            throw new CliFailure(ExitCodes.INVALID_INPUT, "-o " + file + ": the extension says the format;"
                    + " use .txt, .html or .svg");
        }
    }

    private Transcript() {
    }

    /** The transcript in the given format. */
    public static String render(Format format, String title, String handshake, FrameLog log, Redactor redactor,
                                Instant openedAt) {
        switch (format) {
            case HTML:
                return html(title, handshake, log, openedAt);
            case SVG:
                return svg(title, log, openedAt);
            default:
                return text(title, handshake, log, openedAt);
        }
    }

    private static String time(Instant openedAt, WsEvent e) {
        return TIME.format(openedAt.plus(e.sinceOpen()));
    }

    private static String payload(WsEvent e) {
        return e.type() == EventType.TEXT ? e.text() : FrameLogFormat.describe(e);
    }

    static String text(String title, String handshake, FrameLog log, Instant openedAt) {
        StringBuilder sb = new StringBuilder(title).append('\n').append("Opened ").append(openedAt).append("\n\n")
                .append(handshake.stripTrailing()).append("\n\nFrames (-> sent, <- received; ms after handshake):\n");
        long previous = 0;
        for (WsEvent e : log.events()) {
            if (e.seq() > previous + 1) {
                sb.append(FrameLogFormat.elisionMarker(e.seq() - previous - 1, log.limits())).append('\n');
            }
            previous = e.seq();
            sb.append(time(openedAt, e)).append(String.format(" %s %6s  %-6s ", e.direction().arrow(),
                    "+" + e.sinceOpen().toMillis(), e.type()));
            if (e.type().isMessage()) {
                sb.append('(').append(e.size()).append(" bytes) ");
            }
            sb.append(payload(e)).append('\n');
        }
        return sb.append(FrameLogFormat.stateLine(log)).append('\n').toString();
    }

    static String html(String title, String handshake, FrameLog log, Instant openedAt) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n")
                .append("pre{background:#f6f8fa;padding:1em;overflow:auto}\n")
                .append("table{border-collapse:collapse;width:100%;font-family:ui-monospace,monospace;font-size:13px}\n")
                .append("th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #e5e5e5;vertical-align:top}\n")
                .append("td.payload{white-space:pre-wrap;word-break:break-all}\n")
                .append("tr.in td.dir{color:#0a7d32}tr.out td.dir{color:#1f5fbf}tr.local td{color:#888}\n")
                .append("tr.control td.type{color:#8250df}tr.close td{font-weight:bold}\n")
                .append("</style></head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n<p>Opened ")
                .append(esc(openedAt.toString())).append("</p>\n<h2>Handshake</h2>\n<pre class=\"handshake\">")
                .append(esc(handshake.stripTrailing())).append("</pre>\n<h2>Frames</h2>\n")
                .append("<table class=\"frames\"><thead><tr><th>time</th><th>ms</th><th>dir</th><th>type</th>")
                .append("<th>size</th><th>payload</th></tr></thead>\n<tbody>\n");
        long previous = 0;
        for (WsEvent e : log.events()) {
            if (e.seq() > previous + 1) {
                sb.append("<tr class=\"local elided\"><td colspan=\"6\">")
                        .append(esc(FrameLogFormat.elisionMarker(e.seq() - previous - 1, log.limits()).trim()))
                        .append("</td></tr>\n");
            }
            previous = e.seq();
            String cls = e.isInbound() ? "in" : e.isOutbound() ? "out" : "local";
            if (e.type().isPingOrPong()) {
                cls += " control";
            } else if (e.type() == EventType.CLOSE || e.type() == EventType.DISCONNECTED) {
                cls += " close";
            }
            sb.append("<tr class=\"").append(cls).append("\"><td>").append(time(openedAt, e)).append("</td><td>+")
                    .append(e.sinceOpen().toMillis()).append("</td><td class=\"dir\">")
                    .append(e.isInbound() ? "&#8592; in" : e.isOutbound() ? "&#8594; out" : "")
                    .append("</td><td class=\"type\">").append(e.type()).append("</td><td>").append(e.size())
                    .append("</td><td class=\"payload\">").append(esc(payload(e))).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n<p class=\"state\">").append(esc(FrameLogFormat.stateLine(log)))
                .append("</p>\n</body></html>\n");
        return sb.toString();
    }

    static String svg(String title, FrameLog log, Instant openedAt) {
        List<WsEvent> events = log.events();
        int client = 220;
        int server = 760;
        int top = 90;
        int step = 34;
        int gaps = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).seq() > (i == 0 ? 0 : events.get(i - 1).seq()) + 1) {
                gaps++;
            }
        }
        int height = top + (events.size() + gaps) * step + 60;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"").append(height)
                .append("\" viewBox=\"0 0 900 ").append(height).append("\" font-family=\"monospace\" font-size=\"12\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\"")
                .append(" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/>")
                .append("</marker></defs>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append("<text x=\"20\" y=\"24\" font-size=\"15\" font-weight=\"bold\">").append(esc(title)).append("</text>\n")
                .append("<text class=\"lifeline-label\" x=\"").append(client).append("\" y=\"60\" text-anchor=\"middle\"")
                .append(" font-weight=\"bold\">client</text>\n")
                .append("<text class=\"lifeline-label\" x=\"").append(server).append("\" y=\"60\" text-anchor=\"middle\"")
                .append(" font-weight=\"bold\">server</text>\n")
                .append("<line x1=\"").append(client).append("\" y1=\"68\" x2=\"").append(client).append("\" y2=\"")
                .append(height - 30).append("\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n")
                .append("<line x1=\"").append(server).append("\" y1=\"68\" x2=\"").append(server).append("\" y2=\"")
                .append(height - 30).append("\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n");
        int y = top;
        long previous = 0;
        for (WsEvent e : events) {
            if (e.seq() > previous + 1) { // events the log no longer keeps: one line says how many
                sb.append("<text class=\"elided\" x=\"").append(client + 10).append("\" y=\"").append(y + 4)
                        .append("\" fill=\"#888\">").append(esc(FrameLogFormat.elisionMarker(e.seq() - previous - 1,
                                log.limits()).trim())).append("</text>\n");
                y += step;
            }
            previous = e.seq();
            String label = e.type() + " " + payload(e).replace('\n', ' ');
            if (label.length() > SVG_LABEL) {
                label = label.substring(0, SVG_LABEL - 3) + "...";
            }
            String colour = e.isInbound() ? "#0a7d32" : e.isOutbound() ? "#1f5fbf" : "#888";
            sb.append("<g class=\"frame ").append(e.isInbound() ? "in" : e.isOutbound() ? "out" : "local").append("\">")
                    .append("<text x=\"10\" y=\"").append(y + 4).append("\" fill=\"#666\">").append(time(openedAt, e))
                    .append("</text>");
            if (e.isInbound() || e.isOutbound()) {
                int from = e.isOutbound() ? client : server;
                int to = e.isOutbound() ? server : client;
                sb.append("<line x1=\"").append(from).append("\" y1=\"").append(y).append("\" x2=\"").append(to)
                        .append("\" y2=\"").append(y).append("\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
                sb.append("<text x=\"").append((client + server) / 2).append("\" y=\"").append(y - 5)
                        .append("\" text-anchor=\"middle\" fill=\"").append(colour).append("\">").append(esc(label))
                        .append("</text>");
            } else {
                sb.append("<text x=\"").append(client + 10).append("\" y=\"").append(y + 4).append("\" fill=\"")
                        .append(colour).append("\">").append(esc(label)).append("</text>");
            }
            sb.append("</g>\n");
            y += step;
        }
        sb.append("<text x=\"20\" y=\"").append(height - 10).append("\" fill=\"#444\">")
                .append(esc(FrameLogFormat.stateLine(log))).append("</text>\n</svg>\n");
        return sb.toString();
    }

    /** Escapes text for HTML and XML (SVG): markup in payloads stays text. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default:
                    // control characters are not allowed in XML 1.0
                    sb.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
