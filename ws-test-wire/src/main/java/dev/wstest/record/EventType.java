package dev.wstest.record;

/** The kind of a recorded event. */
public enum EventType {
    /** A complete text message (one frame, or the reassembled fragments). */
    TEXT,
    /** A complete binary message (one frame, or the reassembled fragments). */
    BINARY,
    /** A ping control frame. */
    PING,
    /** A pong control frame. */
    PONG,
    /** A close control frame, with its code and reason. */
    CLOSE,
    /** A frame with a reserved opcode (protocol violation, recorded as seen). */
    RESERVED,
    /** The TCP connection ended; carries the final close code as reported by the WebSocket stack. */
    DISCONNECTED,
    /** An error reported by the WebSocket stack, or a frame the recorder could not parse. */
    ERROR;

    /** Whether this type is a data message (text or binary). */
    public boolean isMessage() {
        return this == TEXT || this == BINARY;
    }

    /** Whether this type is a ping or a pong. */
    public boolean isPingOrPong() {
        return this == PING || this == PONG;
    }
}
