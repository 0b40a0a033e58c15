package dev.wstest.junit5.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.client.WsClient;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.Redactor;
import dev.wstest.record.WsEvent;
import dev.wstest.scenario.StepResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * The report entries the engine publishes for each scenario, for consoles and reports: one per step as it
 * finishes, and one per connection at the end with its handshake, frame log and a JSON timeline. Every value
 * is built with the connection's redactor and scrubbed of known secrets, so no secret reaches a report.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReportEntries {

    /** Marks a step entry; the value is "passed" or "failed". */
    public static final String STEP = "wstest.step";
    /** Source and line of the step ("chat.ws:7"). */
    public static final String STEP_LOCATION = "wstest.step.location";
    /** The step as written. */
    public static final String STEP_TEXT = "wstest.step.text";
    /** Milliseconds the step took. */
    public static final String STEP_MILLIS = "wstest.step.millis";
    /** Round of the enclosing repeat block, when there is one. */
    public static final String STEP_ROUND = "wstest.step.round";

    /** Marks a connection entry; the value is the connection's name. */
    public static final String CONNECTION = "wstest.connection";
    /** The URL it connected to. */
    public static final String CONNECTION_URI = "wstest.connection.uri";
    /** The handshake, secret headers redacted. */
    public static final String CONNECTION_HANDSHAKE = "wstest.connection.handshake";
    /** The frame log in the house format. */
    public static final String CONNECTION_LOG = "wstest.connection.log";
    /**
     * The frame log as a JSON array of {t (ms after the handshake), at (System.nanoTime, to line up several
     * connections), dir (in, out, local), type, size, desc}, for timelines.
     */
    public static final String CONNECTION_EVENTS = "wstest.connection.events";

    /** Above this many events per connection, the middle of a timeline is left out to keep reports small. */
    static final int MAX_TIMELINE_EVENTS = 2000;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ReportEntries() {
    }

    static ReportEntry step(StepResult r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(STEP, r.passed() ? "passed" : "failed");
        m.put(STEP_LOCATION, r.step().location());
        m.put(STEP_TEXT, Redactor.DEFAULT.scrub(r.step().text()));
        m.put(STEP_MILLIS, String.valueOf(r.duration().toMillis()));
        if (r.round() > 0) {
            m.put(STEP_ROUND, String.valueOf(r.round()));
        }
        m.replaceAll((k, v) -> v == null || v.isBlank() ? "(none)" : v); // report entries refuse blank values
        return ReportEntry.from(m);
    }

    static ReportEntry connection(WsClient c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CONNECTION, c.name());
        m.put(CONNECTION_URI, c.redactor().redactUrl(c.uri().toString()));
        m.put(CONNECTION_HANDSHAKE, c.handshake().format(c.redactor()));
        m.put(CONNECTION_LOG, c.formatLog());
        StringBuilder events = new StringBuilder("[");
        List<WsEvent> all = c.log().events();
        long openedAt = c.log().openedAtNanos();
        for (int i = 0; i < all.size(); i++) {
            if (all.size() > MAX_TIMELINE_EVENTS && i == MAX_TIMELINE_EVENTS / 4) {
                int skipped = all.size() - MAX_TIMELINE_EVENTS;
                WsEvent first = all.get(i);
                timelineEntry(events, first.sinceOpen().toMillis(), openedAt + first.sinceOpenNanos(), "local", "OMITTED",
                        0, skipped + " events omitted (the report keeps the first and last ones)");
                i += skipped;
            }
            WsEvent e = all.get(i);
            long previous = i == 0 ? 0 : all.get(i - 1).seq();
            if (e.seq() > previous + 1) { // events the log's limits no longer keep
                timelineEntry(events, e.sinceOpen().toMillis(), openedAt + e.sinceOpenNanos(), "local", "ELIDED", 0,
                        FrameLogFormat.elisionMarker(e.seq() - previous - 1, c.log().limits()).trim());
            }
            timelineEntry(events, e.sinceOpen().toMillis(), openedAt + e.sinceOpenNanos(),
                    e.isInbound() ? "in" : e.isOutbound() ? "out" : "local", e.type().name(), e.size(),
                    c.redactor().scrub(FrameLogFormat.describe(e)));
        }
        events.append(']');
        m.put(CONNECTION_EVENTS, c.redactor().scrub(events.toString()));
        m.replaceAll((k, v) -> v == null || v.isBlank() ? "(none)" : v); // report entries refuse blank values
        return ReportEntry.from(m);
    }

    /**
     * Appends one timeline object, written by hand rather than with Jackson: every scenario publishes its
     * connections, and a console run should not have to start a JSON library for an entry only reports read.
     * The text is what Jackson's compact writer makes of the same fields.
     */
    private static void timelineEntry(StringBuilder out, long t, long at, String dir, String type, int size,
                                      String desc) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append("{\"t\":").append(t).append(",\"at\":").append(at).append(",\"dir\":");
        jsonString(out, dir);
        out.append(",\"type\":");
        jsonString(out, type);
        out.append(",\"size\":").append(size).append(",\"desc\":");
        jsonString(out, desc);
        out.append('}');
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, as Jackson escapes them. */
    static void jsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (ch < 0x20) {
                        out.append("\\u00").append(HEX[ch >> 4]).append(HEX[ch & 0xf]);
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
