package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The kind of a recorded event; each has its record in {@link WsEvent}. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum EventType {
    /** A complete text message (one frame, or the reassembled fragments): {@link WsEvent.Text}. */
    TEXT,
    /** A complete binary message (one frame, or the reassembled fragments): {@link WsEvent.Binary}. */
    BINARY,
    /** A ping control frame: {@link WsEvent.Ping}. */
    PING,
    /** A pong control frame: {@link WsEvent.Pong}. */
    PONG,
    /** A close control frame, with its code and reason: {@link WsEvent.Close}. */
    CLOSE,
    /**
     * A frame from the peer that broke a rule of RFC 6455 (masking, reserved bits or opcodes, control
     * frame size, fragmentation, UTF-8, close codes): {@link WsEvent.Violation}.
     */
    VIOLATION,
    /** The TCP connection ended; carries the final close code as reported by the WebSocket stack. */
    DISCONNECTED,
    /** An error reported by the WebSocket stack, or bytes the recorder could not decode: {@link WsEvent.Failure}. */
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
