package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wstest.protocol.FrameHeader;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.WsEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.apiguardian.api.API;

/**
 * How the toolbox commands print frames: for people (time, direction, type, payload; more with -v and -vv)
 * and for scripts (one JSON object per line).
 */
@API(status = INTERNAL, since = "0.1")
public final class EventLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final Instant openedAt;
    private final int verbosity;

    /** @param log the connection's log, whose handshake instant anchors the wall-clock times */
    public EventLines(FrameLog log, int verbosity) {
        this.openedAt = Instant.now().minus(log.sinceOpen());
        this.verbosity = verbosity;
    }

    public Instant wallClock(WsEvent e) {
        return openedAt.plus(e.sinceOpen());
    }

    /**
     * {@code "14:03:07.412 <- TEXT  hello"} (with -v the opcode and size, and for a compressed message RSV1 and
     * its size on the wire; with -vv a hex dump of the decompressed payload below).
     */
    public String human(WsEvent e) {
        StringBuilder sb = new StringBuilder(TIME.format(wallClock(e))).append(' ').append(e.direction().arrow())
                .append(' ').append(String.format("%-6s ", e.type()));
        if (verbosity >= 1 && e.opcode() >= 0 && e.type() != EventType.VIOLATION) { // a violation says it itself
            sb.append("(opcode 0x").append(Integer.toHexString(e.opcode())).append(", ").append(e.size())
                    .append(e.size() == 1 ? " byte" : " bytes");
            if (e.isCompressed()) {
                sb.append("; RSV1, ").append(e.wireSize()).append(" on the wire");
            }
            if (e.isFragmented()) {
                sb.append(" in ").append(e.frameSizes().size()).append(" frames");
            }
            sb.append(") ");
        }
        if (e.type() == EventType.TEXT) {
            sb.append(e.text());
        } else {
            sb.append(FrameLogFormat.describe(e));
        }
        if (verbosity >= 2 && e instanceof WsEvent.Violation v && v.frame() != null) {
            sb.append('\n').append(header(v.frame()));
        }
        if (verbosity >= 2 && e.size() > 0 && e.type() != EventType.DISCONNECTED && e.type() != EventType.ERROR) {
            sb.append('\n').append(hexDump(e.payload()));
        }
        return sb.toString();
    }

    /** The header fields of a frame that broke the protocol, mask key included: what -vv shows for it. */
    static String header(FrameHeader h) {
        return String.format(java.util.Locale.ROOT, "  frame header: FIN=%d RSV=%s opcode=0x%x MASK=%d%s length=%d",
                h.fin() ? 1 : 0, String.format("%3s", Integer.toBinaryString(h.rsv())).replace(' ', '0'), h.opcode(),
                h.masked() ? 1 : 0, h.masked() ? " key=" + h.maskKeyHex() : "", h.payloadLength());
    }

    /** One JSON object: time, direction, type, and text / json / base64 / code + reason. */
    public String json(WsEvent e, boolean parseJsonPayloads) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", wallClock(e).toString());
        o.put("ms", e.sinceOpen().toMillis());
        o.put("direction", e.isInbound() ? "in" : e.isOutbound() ? "out" : "local");
        o.put("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
        o.put("size", e.size());
        if (e.isCompressed()) {
            o.put("compressed", true).put("wireSize", e.wireSize());
        }
        switch (e.type()) {
            case TEXT:
                o.put("text", e.text());
                if (parseJsonPayloads) {
                    JsonNode parsed = parseOrNull(e.text());
                    if (parsed != null) {
                        o.set("json", parsed);
                    }
                }
                break;
            case BINARY:
            case PING:
            case PONG:
                o.put("base64", Base64.getEncoder().encodeToString(e.payload()));
                break;
            case CLOSE:
            case DISCONNECTED:
                o.put("code", e.closeCode());
                o.put("reason", e.text());
                break;
            case VIOLATION:
                WsEvent.Violation v = (WsEvent.Violation) e;
                o.put("rule", v.rule().toString());
                o.put("text", v.text());
                o.put("failsWith", v.rule().closeCode());
                if (v.frame() != null) {
                    o.put("opcode", v.frame().opcode());
                    if (v.frame().masked()) {
                        o.put("maskKey", v.frame().maskKeyHex());
                    }
                }
                o.put("base64", Base64.getEncoder().encodeToString(v.payload()));
                break;
            default:
                o.put("text", e.text());
        }
        return o.toString();
    }

    /** The text pretty-printed if it is JSON, else as it is. */
    public static String prettyIfJson(String text) {
        JsonNode n = parseOrNull(text);
        if (n == null || !(n.isObject() || n.isArray())) {
            return text;
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (IOException e) {
            return text;
        }
    }

    static JsonNode parseOrNull(String text) {
        String t = text.strip();
        if (t.isEmpty() || !(t.startsWith("{") || t.startsWith("["))) {
            return null;
        }
        try {
            return JSON.readTree(t);
        } catch (IOException e) {
            return null;
        }
    }

    /** Classic hex dump: offset, 16 bytes in hex, printable ASCII; known secrets shown as {@code *} bytes. */
    public static String hexDump(byte[] payload) {
        byte[] bytes = dev.wstest.record.Secrets.scrub(payload);
        StringBuilder sb = new StringBuilder();
        for (int off = 0; off < bytes.length; off += 16) {
            if (off > 0) {
                sb.append('\n');
            }
            sb.append(String.format("    %04x  ", off));
            StringBuilder ascii = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (off + i < bytes.length) {
                    int b = bytes[off + i] & 0xff;
                    sb.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(' ').append(ascii);
        }
        return sb.toString();
    }

    /** The bytes of a text as UTF-8 (helper for byte counts). */
    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
