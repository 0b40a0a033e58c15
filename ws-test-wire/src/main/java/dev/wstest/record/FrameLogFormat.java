package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Renders frame logs in the house format used by every failure message and report:
 *
 * <pre>
 *   -&gt;    +5  TEXT   "ping"
 *   &lt;-   +12  TEXT   "welcome"
 *   &lt;- +1510  PING   (0 bytes)
 *   -&gt; +1511  PONG   (0 bytes, automatic)
 * Connection still OPEN at +2003.
 * </pre>
 *
 * Times are milliseconds after the handshake. Payloads are shortened; logs longer than
 * {@value #MAX_LINES} events show their head and tail with the number of omitted events in between.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FrameLogFormat {

    /** Above this many events, the middle of the log is elided. */
    public static final int MAX_LINES = 400;
    private static final int MAX_TEXT = 100;
    private static final int MAX_HEX_BYTES = 24;

    private FrameLogFormat() {
    }

    /**
     * The whole log with a closing state line.
     *
     * @param notes text appended to the lines of particular events, by sequence number; may be null
     */
    public static String format(FrameLog log, Redactor redactor, Map<Long, String> notes) {
        StringBuilder sb = new StringBuilder();
        List<WsEvent> events = log.events();
        if (events.isEmpty() && log.lastSeq() == 0) {
            sb.append("  (nothing sent or received)\n");
        }
        int head = MAX_LINES / 4;
        int tail = MAX_LINES - head;
        long previous = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.size() > MAX_LINES && i == head) {
                sb.append("  ... ").append(events.size() - MAX_LINES).append(" events omitted ...\n");
                i = events.size() - tail;
                previous = events.get(i).seq() - 1;
            }
            WsEvent e = events.get(i);
            if (e.seq() > previous + 1) {
                sb.append(elisionMarker(e.seq() - previous - 1, log.limits())).append('\n');
            }
            previous = e.seq();
            sb.append(line(e, redactor));
            String note = notes == null ? null : notes.get(e.seq());
            if (note != null) {
                sb.append("   <- ").append(note);
            }
            sb.append('\n');
        }
        if (log.lastSeq() > previous) {
            sb.append(elisionMarker(log.lastSeq() - previous, log.limits())).append('\n');
        }
        sb.append(stateLine(log));
        return redactor.scrub(sb.toString());
    }

    /**
     * The line that stands for events a log no longer keeps:
     * {@code … 12,345 events elided (log limits: first 1,000, last 10,000 events, 16 MiB) …}.
     */
    public static String elisionMarker(long count, LogLimits limits) {
        return String.format(Locale.ROOT, "  \u2026 %,d event%s elided (log limits: %s) \u2026", count,
                count == 1 ? "" : "s", limits);
    }

    /** The closing line: "Connection still OPEN at +2003." and the like. */
    public static String stateLine(FrameLog log) {
        long now = log.sinceOpen().toMillis();
        ConnectionState state = log.state();
        Optional<CloseStatus> status = log.closeStatus();
        switch (state) {
            case OPEN:
                return "Connection still OPEN at +" + now + ".";
            case CLOSING:
                return "Connection CLOSING at +" + now + " (close frame seen, TCP still open).";
            default:
                CloseStatus s = status.orElseThrow();
                return "Connection CLOSED at +" + s.at().toMillis() + ": " + s + ".";
        }
    }

    /** One event, without a trailing newline. */
    public static String line(WsEvent e, Redactor redactor) {
        String time = "+" + e.sinceOpen().toMillis();
        return redactor.scrub(String.format("  %s %6s  %-6s %s", e.direction().arrow(), time, e.type(),
                describe(e, redactor))); // the whole line too: a detail or error text may hold a secret
    }

    /** The event's payload and attributes as shown in a log line, known secrets scrubbed ({@link Redactor#DEFAULT}). */
    public static String describe(WsEvent e) {
        return describe(e, Redactor.DEFAULT);
    }

    /**
     * The event's payload and attributes as shown in a log line. Texts are {@linkplain Redactor#scrub scrubbed}
     * before they are shortened, so that a secret cut off at the end of a long message leaves no prefix behind.
     */
    public static String describe(WsEvent e, Redactor redactor) {
        StringBuilder sb = new StringBuilder();
        switch (e.type()) {
            case TEXT:
                sb.append(quote(redactor.scrub(e.text())));
                appendSize(sb, e, e.size() > MAX_TEXT || e.isFragmented() || e.isCompressed());
                break;
            case BINARY:
                sb.append(hex(e.payloadView()));
                appendSize(sb, e, true);
                break;
            case PING:
            case PONG:
                if (e.size() > 0) {
                    sb.append(printable(e.payload()) ? quote(redactor.scrub(e.text())) : hex(e.payload())).append(' ');
                }
                sb.append('(').append(e.size()).append(e.size() == 1 ? " byte" : " bytes")
                        .append(e.isAutomatic() ? ", automatic" : "").append(')');
                break;
            case CLOSE:
                sb.append(e.closeCode() == WsEvent.NO_STATUS_CODE ? "(no status code)" : e.closeCode());
                if (!e.text().isEmpty()) {
                    sb.append(' ').append(quote(redactor.scrub(e.text())));
                }
                if (e.isAutomatic()) {
                    sb.append(" (automatic reply)");
                }
                break;
            case VIOLATION:
                describeViolation(sb, (WsEvent.Violation) e);
                break;
            case DISCONNECTED:
                sb.append(e.detail() != null ? e.detail() : "connection closed").append(" (").append(e.closeCode());
                if (!e.text().isEmpty()) {
                    sb.append(' ').append(quote(e.text()));
                }
                sb.append(')');
                break;
            case ERROR:
                sb.append(e.text());
                break;
            default:
                sb.append(e.size()).append(" bytes");
        }
        return sb.toString();
    }

    private static void describeViolation(StringBuilder sb, WsEvent.Violation v) {
        sb.append(v.text());
        if (v.frame() == null) {
            return;
        }
        byte[] payload = v.payload();
        long length = v.frameLength() >= 0 ? v.frameLength() : payload.length;
        sb.append(" \u2014 ").append(Opcode.name(v.frame().opcode())).append(" frame, ");
        if (payload.length != length && payload.length > 0) {
            sb.append(payload.length).append(" of ");
        }
        sb.append(length).append(length == 1 ? " byte" : " bytes");
        if (payload.length != length) {
            sb.append(payload.length == 0 ? " (not read)" : " read");
        }
        if (payload.length > 0) {
            boolean readable = v.frame().opcode() == Opcode.TEXT || v.frame().opcode() == Opcode.CONTINUATION
                    || Opcode.isControl(v.frame().opcode());
            sb.append(": ").append(readable && printable(payload) ? quote(new String(payload, StandardCharsets.UTF_8))
                    : hex(payload));
        }
    }

    /**
     * {@code (120 bytes in 3 frames: 40+40+40)}; a compressed message shows its decompressed size, then RSV1
     * and what it took on the wire: {@code (1000 bytes; RSV1, 120 bytes on the wire in 3 frames: 40+40+40)}.
     */
    private static void appendSize(StringBuilder sb, WsEvent e, boolean always) {
        if (!always) {
            return;
        }
        sb.append(" (").append(e.size()).append(e.size() == 1 ? " byte" : " bytes");
        if (e.isCompressed()) {
            sb.append("; RSV1, ").append(e.wireSize()).append(e.wireSize() == 1 ? " byte" : " bytes")
                    .append(" on the wire");
        }
        if (e.isFragmented()) {
            sb.append(" in ").append(e.frameSizes().size()).append(" frames: ");
            List<Integer> sizes = e.frameSizes();
            for (int i = 0; i < sizes.size() && i < 12; i++) {
                sb.append(i == 0 ? "" : "+").append(sizes.get(i));
            }
            if (sizes.size() > 12) {
                sb.append("+...");
            }
        }
        sb.append(')');
    }

    /** Shortens and escapes text for one log line. */
    public static String quote(String text) {
        // known secrets go before the cut: a shortened preview must not show the first half of one
        String whole = text.length() > MAX_TEXT ? Secrets.scrub(text) : text;
        String shown = whole.length() > MAX_TEXT ? whole.substring(0, MAX_TEXT - 3) + "..." : whole;
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '"': sb.append("\\\""); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** Hex of the first bytes, space-free, with "..." when shortened. */
    public static String hex(byte[] payload) {
        byte[] bytes = payload.length > MAX_HEX_BYTES ? Secrets.scrub(payload) : payload; // before the cut, as quote
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < bytes.length && i < MAX_HEX_BYTES; i++) {
            sb.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
        }
        if (bytes.length > MAX_HEX_BYTES) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** Hex of the first bytes of a payload view, as {@link #hex(byte[])}, without copying the payload. */
    static String hex(java.nio.ByteBuffer view) {
        // enough beyond the cut for a known secret that starts before it to be recognised and scrubbed
        byte[] head = new byte[Math.min(view.remaining(), MAX_HEX_BYTES + Math.max(1, Secrets.longestForm()))];
        view.duplicate().get(head);
        return hex(head);
    }

    private static boolean printable(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.chars().allMatch(c -> c >= 0x20 && c != 0xfffd);
    }
}
