package dev.wstest.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What an embedded server does with its connections, for servers the test scripts in Java. Callbacks run
 * on the server's I/O threads, one at a time per connection. Text and binary messages arrive whole unless
 * the part methods are overridden.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ServerBehaviour {

    /** A client connected. */
    default void onOpen(ServerConnection connection) {
    }

    /** A whole text message arrived. */
    default void onText(ServerConnection connection, String text) {
    }

    /** A whole binary message arrived. */
    default void onBinary(ServerConnection connection, byte[] data) {
    }

    /**
     * A text frame arrived; {@code last} says whether it completes the message. The default collects the
     * parts and calls {@link #onText} with the whole message.
     */
    default void onTextPart(ServerConnection connection, String part, boolean last) {
        throw new UnsupportedOperationException("dispatched by the server");
    }

    /** Whether this behaviour handles frames itself through the part methods. */
    default boolean handlesParts() {
        return false;
    }

    /** A binary frame arrived; see {@link #onTextPart}. */
    default void onBinaryPart(ServerConnection connection, byte[] part, boolean last) {
        throw new UnsupportedOperationException("dispatched by the server");
    }

    /** The connection closed, with the code and reason the stack reported. */
    default void onClose(ServerConnection connection, int code, String reason) {
    }

    /**
     * Echoes every message back on the connection it came from, frame by frame, so fragmented messages
     * come back in the same fragments. Pings are answered by the WebSocket stack.
     */
    static ServerBehaviour echo() {
        return Behaviours.ECHO;
    }

    /** Sends every message, whole, to every open connection of the server, including the sender. */
    static ServerBehaviour broadcast() {
        return Behaviours.BROADCAST;
    }
}
