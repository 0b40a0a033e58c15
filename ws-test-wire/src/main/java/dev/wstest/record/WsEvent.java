package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.FrameHeader;
import dev.wstest.protocol.Opcode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One recorded event of a WebSocket connection: a message, a control frame, a frame that broke the
 * protocol, the disconnect, or an error. Each kind is a record of its own ({@link Text}, {@link Binary},
 * {@link Ping}, {@link Pong}, {@link Close}, {@link Violation}, {@link Disconnected}, {@link Failure});
 * the methods here answer the common questions for every kind.
 *
 * <p>Events are immutable. A data message that arrived in several frames is recorded once, when the last
 * frame arrives, with the size of every frame in {@link #frameSizes()}. A recorded frame costs its payload
 * once plus a few dozen bytes: payloads are not copied on the way into the log, and text is decoded only
 * when {@link #text()} asks for it. The records' constructors therefore take the payload arrays as they
 * are, without copying; {@link #payload()} hands out copies.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface WsEvent permits WsEvent.Text, WsEvent.Binary, WsEvent.Ping, WsEvent.Pong, WsEvent.Close,
        WsEvent.Violation, WsEvent.Disconnected, WsEvent.Failure {

    /** The close code used when a close frame carried no status code (RFC 6455, section 7.1.5). */
    int NO_STATUS_CODE = 1005;

    /** Position in the connection's log, starting at 1 and without gaps. */
    long seq();

    /** Which way the event travelled, seen from the side that recorded it. */
    Direction direction();

    /** The kind of event. */
    EventType type();

    /** Time between the completed handshake and this event, in nanoseconds. */
    long sinceOpenNanos();

    /** Time between the completed handshake and this event. */
    default Duration sinceOpen() {
        return Duration.ofNanos(sinceOpenNanos());
    }

    default boolean isInbound() {
        return direction() == Direction.INBOUND;
    }

    default boolean isOutbound() {
        return direction() == Direction.OUTBOUND;
    }

    /**
     * The (unmasked, reassembled) payload as a read-only view, without copying; for CLOSE the raw close
     * payload; empty for local events.
     */
    ByteBuffer payloadView();

    /** A copy of the payload (see {@link #payloadView()}). */
    default byte[] payload() {
        ByteBuffer view = payloadView();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return copy;
    }

    /** Payload size in bytes (for a fragmented message, the sum of its frames). */
    default int size() {
        return payloadView().remaining();
    }

    /**
     * The text of a TEXT message, the reason of a CLOSE or DISCONNECTED event, the rule broken by a
     * VIOLATION, the message of an ERROR; for other types the payload decoded as UTF-8.
     */
    default String text() {
        return new String(payload(), StandardCharsets.UTF_8);
    }

    /** Close code of a CLOSE or DISCONNECTED event, otherwise -1. */
    default int closeCode() {
        return -1;
    }

    /**
     * Sizes of the frames' payloads on the wire: one element for a single frame, none for local events. For a
     * compressed message these are the compressed sizes; {@link #size()} is the decompressed one.
     */
    default List<Integer> frameSizes() {
        return direction() == Direction.LOCAL ? List.of() : List.of(size());
    }

    /**
     * Whether the message travelled compressed (permessage-deflate: RSV1 on its first frame); its payload
     * here is the decompressed message.
     */
    default boolean isCompressed() {
        return false;
    }

    /** Bytes of payload the event took on the wire: its frames' sizes added up (compressed, if it was). */
    default long wireSize() {
        long sum = 0;
        for (int n : frameSizes()) {
            sum += n;
        }
        return sum;
    }

    /** Whether the message was split into more than one frame. */
    default boolean isFragmented() {
        return frameSizes().size() > 1;
    }

    /**
     * Whether the WebSocket stack sent this frame by itself rather than on the user's request: the pong
     * answering a ping, the close frame answering a close.
     */
    default boolean isAutomatic() {
        return false;
    }

    /** The opcode of the event's (first) frame, or -1 for local events. */
    default int opcode() {
        return -1;
    }

    /** Extra information such as how a connection ended or what exactly broke a rule; may be null. */
    default String detail() {
        return null;
    }

    /** Whether the payload equals the given bytes. */
    default boolean payloadEquals(byte[] other) {
        return payloadView().equals(ByteBuffer.wrap(other));
    }

    // ------------------------------------------------------------------------------------------- the kinds

    /**
     * A complete text message, valid UTF-8 (text that is not is recorded as a {@link Violation}).
     *
     * @param payload    the UTF-8 bytes, reassembled from all frames (decompressed); owned by the event
     * @param frameSizes the size of each frame's payload on the wire, or null for an uncompressed message in
     *                   one frame
     * @param compressed whether the message was sent compressed (permessage-deflate, RSV1 on its first frame)
     */
    record Text(long seq, Direction direction, long sinceOpenNanos, byte[] payload, List<Integer> frameSizes,
                boolean compressed) implements WsEvent {
        public Text {
            Objects.requireNonNull(payload, "payload");
            frameSizes = Frames.sizes(frameSizes, compressed);
        }

        /** An uncompressed message. */
        public Text(long seq, Direction direction, long sinceOpenNanos, byte[] payload, List<Integer> frameSizes) {
            this(seq, direction, sinceOpenNanos, payload, frameSizes, false);
        }

        @Override
        public boolean isCompressed() {
            return compressed;
        }

        @Override
        public EventType type() {
            return EventType.TEXT;
        }

        /** The message decoded from UTF-8 (each call decodes anew: nothing is kept but the bytes). */
        @Override
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public ByteBuffer payloadView() {
            return ByteBuffer.wrap(payload).asReadOnlyBuffer();
        }

        @Override
        public int size() {
            return payload.length;
        }

        @Override
        public boolean payloadEquals(byte[] other) {
            return Arrays.equals(payload, other);
        }

        @Override
        public List<Integer> frameSizes() {
            return frameSizes != null ? frameSizes : List.of(payload.length);
        }

        @Override
        public int opcode() {
            return Opcode.TEXT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Text t && Frames.same(this, t, payload, t.payload);
        }

        @Override
        public int hashCode() {
            return Frames.hash(this);
        }

        @Override
        public String toString() {
            return FrameLogFormat.line(this, Redactor.DEFAULT);
        }
    }

    /**
     * A complete binary message.
     *
     * @param payload    the bytes, reassembled from all frames (decompressed); owned by the event
     * @param frameSizes the size of each frame's payload on the wire, or null for an uncompressed message in
     *                   one frame
     * @param compressed whether the message was sent compressed (permessage-deflate, RSV1 on its first frame)
     */
    record Binary(long seq, Direction direction, long sinceOpenNanos, byte[] payload, List<Integer> frameSizes,
                boolean compressed) implements WsEvent {
        public Binary {
            Objects.requireNonNull(payload, "payload");
            frameSizes = Frames.sizes(frameSizes, compressed);
        }

        /** An uncompressed message. */
        public Binary(long seq, Direction direction, long sinceOpenNanos, byte[] payload, List<Integer> frameSizes) {
            this(seq, direction, sinceOpenNanos, payload, frameSizes, false);
        }

        @Override
        public boolean isCompressed() {
            return compressed;
        }

        @Override
        public EventType type() {
            return EventType.BINARY;
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public ByteBuffer payloadView() {
            return ByteBuffer.wrap(payload).asReadOnlyBuffer();
        }

        @Override
        public int size() {
            return payload.length;
        }

        @Override
        public boolean payloadEquals(byte[] other) {
            return Arrays.equals(payload, other);
        }

        @Override
        public List<Integer> frameSizes() {
            return frameSizes != null ? frameSizes : List.of(payload.length);
        }

        @Override
        public int opcode() {
            return Opcode.BINARY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Frames.same(this, b, payload, b.payload);
        }

        @Override
        public int hashCode() {
            return Frames.hash(this);
        }

        @Override
        public String toString() {
            return FrameLogFormat.line(this, Redactor.DEFAULT);
        }
    }

    /** A ping, with its application data (at most 125 bytes); owned by the event. */
    record Ping(long seq, Direction direction, long sinceOpenNanos, byte[] payload) implements WsEvent {
        public Ping {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public EventType type() {
            return EventType.PING;
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public ByteBuffer payloadView() {
            return ByteBuffer.wrap(payload).asReadOnlyBuffer();
        }

        @Override
        public int size() {
            return payload.length;
        }

        @Override
        public int opcode() {
            return Opcode.PING;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ping p && Frames.same(this, p, payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Frames.hash(this);
        }

        @Override
        public String toString() {
            return FrameLogFormat.line(this, Redactor.DEFAULT);
        }
    }

    /**
     * A pong, with its application data.
     *
     * @param automatic whether the stack sent it by itself, answering a ping
     */
    record Pong(long seq, Direction direction, long sinceOpenNanos, byte[] payload, boolean automatic)
            implements WsEvent {
        public Pong {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public EventType type() {
            return EventType.PONG;
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public ByteBuffer payloadView() {
            return ByteBuffer.wrap(payload).asReadOnlyBuffer();
        }

        @Override
        public int size() {
            return payload.length;
        }

        @Override
        public boolean isAutomatic() {
            return automatic;
        }

        @Override
        public int opcode() {
            return Opcode.PONG;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pong p && p.automatic == automatic && Frames.same(this, p, payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Frames.hash(this);
        }

        @Override
        public String toString() {
            return FrameLogFormat.line(this, Redactor.DEFAULT);
        }
    }

    /**
     * A close frame. Its code and reason are read from the payload: a valid close frame from the peer (an
     * invalid one is a {@link Violation}), or one this side sent.
     *
     * @param payload   the raw close payload: empty, or a 2-byte code and a UTF-8 reason
     * @param automatic whether the stack sent it by itself, answering the peer's close
     */
    record Close(long seq, Direction direction, long sinceOpenNanos, byte[] payload, boolean automatic)
            implements WsEvent {
        public Close {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public EventType type() {
            return EventType.CLOSE;
        }

        /** The status code, or {@link #NO_STATUS_CODE} (1005) when the frame carried none. */
        @Override
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : NO_STATUS_CODE;
        }

        /** The reason, "" when there is none. */
        public String reason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        /** The reason. */
        @Override
        public String text() {
            return reason();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public ByteBuffer payloadView() {
            return ByteBuffer.wrap(payload).asReadOnlyBuffer();
        }

        @Override
        public int size() {
            return payload.length;
        }

        @Override
        public boolean isAutomatic() {
            return automatic;
        }

        @Override
        public int opcode() {
            return Opcode.CLOSE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Close c && c.automatic == automatic && Frames.same(this, c, payload, c.payload);
        }

        @Override
        public int hashCode() {
            return Frames.hash(this);
        }

        @Override
        public String toString() {
            return FrameLogFormat.line(this, Redactor.DEFAULT);
        }
    }

    /**
     * A frame from the peer that broke a rule of RFC 6455, recorded instead of what it claimed to be: it
     * never counts as a message, a ping or a close.
     *
     * @param rule        the rule it broke
     * @param detail      what exactly was wrong, e.g. {@code "byte 0xff at offset 3"}; may be null
     * @param frame       the header of the offending frame
     * @param payload     its payload (unmasked) as far as it had arrived when the violation was seen; for
     *                    invalid UTF-8 in a fragmented message, the offending frame's part; owned by the event
     * @param frameLength the payload length the frame declared (more than {@code payload.length} when a
     *                    strict endpoint failed the connection before the frame was complete)
     */
    record Violation(long seq, Direction direction, long sinceOpenNanos, ProtocolRule rule, String detail,
                     FrameHeader frame, byte[] payload, long frameLength) implements WsEvent {
        public Violation {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public EventType type() {
            return EventType.VIOLATION;
        }

        /** The rule and what broke it: {@code §5.1: server frames must not be masked}. */
        @Override
        public String text() {
            return rule + (detail == null ? "" : " (" + detail + ")");
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public ByteBuffer payloadView() {
            return ByteBuffer.wrap(payload).asReadOnlyBuffer();
        }

        @Override
        public int size() {
            return payload.length;
        }

        @Override
        public int opcode() {
            return frame == null ? -1 : frame.opcode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Violation v && v.rule == rule && Objects.equals(v.detail, detail)
                    && Objects.equals(v.frame, frame) && Frames.same(this, v, payload, v.payload);
        }

        @Override
        public int hashCode() {
            return Frames.hash(this);
        }

        @Override
        public String toString() {
            return FrameLogFormat.line(this, Redactor.DEFAULT);
        }
    }

    /**
     * The connection went away.
     *
     * @param closeCode the close code the WebSocket stack reported (1006 when no close frame was exchanged)
     * @param reason    the close reason, "" when there is none
     * @param how       how it ended ("TCP connection closed", ...); may be null
     */
    record Disconnected(long seq, long sinceOpenNanos, int closeCode, String reason, String how) implements WsEvent {
        public Disconnected {
            reason = reason == null ? "" : reason;
        }

        @Override
        public Direction direction() {
            return Direction.LOCAL;
        }

        @Override
        public EventType type() {
            return EventType.DISCONNECTED;
        }

        /** The reason. */
        @Override
        public String text() {
            return reason;
        }

        @Override
        public ByteBuffer payloadView() {
            return Frames.EMPTY;
        }

        @Override
        public String detail() {
            return how;
        }

        @Override
        public String toString() {
            return FrameLogFormat.line(this, Redactor.DEFAULT);
        }
    }

    /**
     * An error reported by the WebSocket stack, or bytes the recorder could not decode.
     *
     * @param message what went wrong
     */
    record Failure(long seq, long sinceOpenNanos, String message) implements WsEvent {
        public Failure {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Direction direction() {
            return Direction.LOCAL;
        }

        @Override
        public EventType type() {
            return EventType.ERROR;
        }

        /** The message. */
        @Override
        public String text() {
            return message;
        }

        @Override
        public ByteBuffer payloadView() {
            return Frames.EMPTY;
        }

        @Override
        public String toString() {
            return FrameLogFormat.line(this, Redactor.DEFAULT);
        }
    }
}
