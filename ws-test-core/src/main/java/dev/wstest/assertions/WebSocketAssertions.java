package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.internal.Failing;
import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.client.WsHandshakeException;
import dev.wstest.record.Redactor;
import java.util.concurrent.Callable;
import org.apiguardian.api.API;
import org.assertj.core.api.Assertions;

/**
 * Entry point of the ws-test assertions. It extends AssertJ's {@link Assertions}, so one static import gives
 * AssertJ's {@code assertThat} overloads too ({@code assertThat(clients).hasSize(50)} compiles with it
 * alone); importing both is fine as well. For soft assertions, see {@link WebSocketSoftAssertions}.
 *
 * <pre>{@code
 * import static dev.wstest.assertions.WebSocketAssertions.assertThat;
 *
 * client.sendText("ping");
 * assertThat(client).receivesText("pong").isOpen();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class WebSocketAssertions extends Assertions {

    private static final String REFUSED = "a refused handshake (an HTTP status other than 101)";

    /** For a project's own entry point that adds its assertions to these. */
    protected WebSocketAssertions() {
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
            throw Failing.failure(Redactor.DEFAULT, "Expecting the server to refuse the WebSocket handshake with an"
                    + " HTTP status,\nbut the connection failed before any HTTP answer (" + other.reason() + "):\n  "
                    + other.getMessage(), REFUSED, "connection failed: " + other.reason(), other);
        } catch (Throwable other) {
            throw Failing.failure(Redactor.DEFAULT, "Expecting the server to refuse the WebSocket handshake,\nbut the"
                    + " code threw " + other, REFUSED, String.valueOf(other), other);
        }
        String what = String.valueOf(connected);
        if (connected instanceof AutoCloseable) {
            try {
                ((AutoCloseable) connected).close();
            } catch (Exception ignored) {
                // the failure below is what matters
            }
        }
        throw Failing.failure(Redactor.DEFAULT, "Expecting the server to refuse the WebSocket handshake,\nbut the"
                + " connection was accepted: " + what, REFUSED, "accepted: " + what, null);
    }
}
