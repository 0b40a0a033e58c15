package dev.wstest.record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One recorded event of a WebSocket connection: a message, a control frame, the disconnect, or an error.
 *
 * <p>Events are immutable. Data messages that arrived in several frames are recorded once, when the last
 * frame arrives, with the size of every frame in {@link #frameSizes()}.
 */
public final class WsEvent {

    /** The close code used when a close frame carried no status code (RFC 6455, section 7.1.5). */
    public static final int NO_STATUS_CODE = 1005;

    private final long seq;
    private final Direction direction;
    private final EventType type;
    private final long nanoTime;
    private final Duration sinceOpen;
    private final byte[] payload;
    private final String text;
    private final int closeCode;
    private final List<Integer> frameSizes;
    private final boolean automatic;
    private final int opcode;
    private final String detail;

    WsEvent(long seq, Direction direction, EventType type, long nanoTime, Duration sinceOpen, byte[] payload,
            String text, int closeCode, List<Integer> frameSizes, boolean automatic, int opcode, String detail) {
        this.seq = seq;
        this.direction = direction;
        this.type = type;
        this.nanoTime = nanoTime;
        this.sinceOpen = sinceOpen;
        this.payload = payload;
        this.text = text;
        this.closeCode = closeCode;
        this.frameSizes = frameSizes;
        this.automatic = automatic;
        this.opcode = opcode;
        this.detail = detail;
    }

    WsEvent withSeq(long newSeq) {
        return new WsEvent(newSeq, direction, type, nanoTime, sinceOpen, payload, text, closeCode, frameSizes,
                automatic, opcode, detail);
    }

    /** Position in the connection's log, starting at 1 and without gaps. */
    public long seq() {
        return seq;
    }

    public Direction direction() {
        return direction;
    }

    public EventType type() {
        return type;
    }

    public boolean isInbound() {
        return direction == Direction.INBOUND;
    }

    public boolean isOutbound() {
        return direction == Direction.OUTBOUND;
    }

    /** {@link System#nanoTime()} when the event was recorded. */
    public long nanoTime() {
        return nanoTime;
    }

    /** Time between the completed handshake and this event. */
    public Duration sinceOpen() {
        return sinceOpen;
    }

    /** A copy of the (unmasked, reassembled) payload; for CLOSE the raw close payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload size in bytes (for a fragmented message, the sum of its frames). */
    public int size() {
        return payload.length;
    }

    /**
     * The text of a TEXT message, the reason of a CLOSE or DISCONNECTED event, the message of an ERROR;
     * for other types the payload decoded as UTF-8.
     */
    public String text() {
        return text != null ? text : new String(payload, StandardCharsets.UTF_8);
    }

    /** Close code of a CLOSE or DISCONNECTED event, otherwise -1. */
    public int closeCode() {
        return closeCode;
    }

    /** Sizes of the frames a data message arrived in; one element for an unfragmented message. */
    public List<Integer> frameSizes() {
        return frameSizes;
    }

    /** Whether the message was split into more than one frame. */
    public boolean isFragmented() {
        return frameSizes.size() > 1;
    }

    /**
     * Whether the WebSocket stack sent this frame by itself rather than on the user's request: the pong
     * answering a ping, the close frame answering a close.
     */
    public boolean isAutomatic() {
        return automatic;
    }

    /** The frame opcode for RESERVED events, otherwise the opcode of the event's first frame or -1. */
    public int opcode() {
        return opcode;
    }

    /** Extra information such as an error's cause; may be null. */
    public String detail() {
        return detail;
    }

    /** Whether the payload equals the given bytes. */
    public boolean payloadEquals(byte[] other) {
        return Arrays.equals(payload, other);
    }

    @Override
    public String toString() {
        return FrameLogFormat.line(this, Redactor.NONE);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WsEvent)) {
            return false;
        }
        WsEvent e = (WsEvent) o;
        return seq == e.seq && nanoTime == e.nanoTime && direction == e.direction && type == e.type
                && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, nanoTime, direction, type);
    }
}
