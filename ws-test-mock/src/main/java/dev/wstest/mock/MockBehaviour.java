package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Java for what no {@link Stub} can express, in the words of the embedded server's
 * {@code ServerBehaviour}. It hears of messages no stub matched (instead of the {@link Unmatched} policy).
 * Callbacks run on the connection's I/O thread, one at a time per connection: keep them short and never
 * block in them.
 *
 * <pre>{@code
 * MockWsServer.builder().behaviour(new MockBehaviour() {
 *     @Override public void onText(MockConnection c, String text) {
 *         c.sendText(new StringBuilder(text).reverse().toString());
 *     }
 * }).start();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface MockBehaviour {

    /** A client connected (after the connect stubs started). */
    default void onOpen(MockConnection connection) {
    }

    /** A whole text message arrived that no stub matched. */
    default void onText(MockConnection connection, String text) {
    }

    /** A whole binary message arrived that no stub matched. */
    default void onBinary(MockConnection connection, byte[] data) {
    }

    /** The TCP connection is gone; the close status is in {@code connection.closeStatus()}. */
    default void onClose(MockConnection connection) {
    }
}
