package dev.wstest.assertions;

import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.client.WsHandshakeException;
import java.util.concurrent.Callable;

/**
 * Entry point of the ws-test assertions. Static-import {@code assertThat} next to AssertJ's own; the
 * overloads do not clash.
 *
 * <pre>{@code
 * import static dev.wstest.assertions.WebSocketAssertions.assertThat;
 *
 * client.sendText("ping");
 * assertThat(client).receivesText("pong").isOpen();
 * }</pre>
 */
public final class WebSocketAssertions {

    private WebSocketAssertions() {
    }

    /** Assertions on a client: received messages, close, handshake. */
    public static WsClientAssert assertThat(WsClient client) {
        return new WsClientAssert(client);
    }

    /** Assertions on a refused handshake. */
    public static WsHandshakeExceptionAssert assertThat(WsHandshakeException refused) {
        return new WsHandshakeExceptionAssert(refused);
    }

    /**
     * Runs the code, expects it to fail with a refused handshake and returns assertions on it. A connection
     * that was accepted after all is closed before the assertion fails.
     *
     * <pre>{@code
     * assertThatHandshakeRefused(() -> WsClient.connect(server.uri("/admin"))).hasStatus(401);
     * }</pre>
     */
    public static WsHandshakeExceptionAssert assertThatHandshakeRefused(Callable<?> connect) {
        Object connected;
        try {
            connected = connect.call();
        } catch (WsHandshakeException refused) {
            return new WsHandshakeExceptionAssert(refused);
        } catch (WsConnectException other) {
            throw new AssertionError("Expecting the server to refuse the WebSocket handshake with an HTTP status,"
                    + "\nbut the connection failed before any HTTP answer (" + other.reason() + "):\n  "
                    + other.getMessage(), other);
        } catch (Throwable other) {
            throw new AssertionError("Expecting the server to refuse the WebSocket handshake,\nbut the code threw "
                    + other, other);
        }
        String what = String.valueOf(connected);
        if (connected instanceof AutoCloseable) {
            try {
                ((AutoCloseable) connected).close();
            } catch (Exception ignored) {
                // the failure below is what matters
            }
        }
        throw new AssertionError("Expecting the server to refuse the WebSocket handshake,\nbut the connection was"
                + " accepted: " + what);
    }
}
