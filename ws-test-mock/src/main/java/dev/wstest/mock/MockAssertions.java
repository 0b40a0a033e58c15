package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.record.Redactor;
import dev.wstest.server.ServerHandshake;
import org.apiguardian.api.API;

/**
 * Entry point of the mock's assertions. Static-import {@code assertThat} next to
 * {@code WebSocketAssertions.assertThat} and AssertJ's own; the overloads do not clash.
 *
 * <pre>{@code
 * import static dev.wstest.assertions.WebSocketAssertions.assertThat;
 * import static dev.wstest.mock.MockAssertions.assertThat;
 *
 * assertThat(mock).connection(1).receivesText("hello");
 * assertThat(client).receivesText("welcome");
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MockAssertions {

    private MockAssertions() {
    }

    /** Assertions on the whole mock: handshakes, connections, stubs, unmatched messages. */
    public static MockServerAssert assertThat(MockWsServer mock) {
        return new MockServerAssert(mock);
    }

    /** Assertions on what the client sent on one connection. */
    public static MockConnectionAssert assertThat(MockConnection connection) {
        return new MockConnectionAssert(connection);
    }

    /** Assertions on an upgrade request (secrets redacted with the default rules). */
    public static ServerHandshakeAssert assertThat(ServerHandshake handshake) {
        return new ServerHandshakeAssert(handshake, Redactor.DEFAULT);
    }
}
