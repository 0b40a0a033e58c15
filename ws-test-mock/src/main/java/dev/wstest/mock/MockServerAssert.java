package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.ShouldReceive;
import dev.wstest.client.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a whole {@link MockWsServer}: the handshakes it received, the connections it accepted, the
 * stubs used, messages no stub matched, failed TLS handshakes. Waits follow the connection assertions'
 * rules (2 s unless {@link #within(Duration)}); every failure shows everything the mock saw, connection by
 * connection.
 *
 * <pre>{@code
 * assertThat(mock).acceptsConnections(2)          // the client reconnected
 *         .hasNoUnexpectedMessages()
 *         .hasUsedEveryStub();
 * assertThat(mock).connection(2).receivesJsonContaining("{\"op\":\"subscribe\"}");
 * assertThat(mock).handshake(1).hasStatus(401);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class MockServerAssert extends AbstractAssert<MockServerAssert, MockWsServer> {

    private Duration budget = WsClient.DEFAULT_EXPECT_TIMEOUT;

    public MockServerAssert(MockWsServer actual) {
        super(actual, MockServerAssert.class);
    }

    /** How long the following expectations of this chain wait (default 2 s). */
    public MockServerAssert within(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        this.budget = timeout;
        return myself;
    }

    /** Waits until the mock received {@code count} upgrade requests (accepted or not). */
    public MockServerAssert receivesHandshakes(int count) {
        isNotNull();
        if (!actual.awaitUntil(() -> actual.handshakes().size() >= count, budget)) {
            fail("to receive " + count + " upgrade request(s) within " + ShouldReceive.budget(budget), "but it received "
                    + actual.handshakes().size() + ".");
        }
        return myself;
    }

    /** Waits until the mock accepted {@code count} connections. */
    public MockServerAssert acceptsConnections(int count) {
        isNotNull();
        if (!actual.awaitUntil(() -> actual.connections().size() >= count, budget)) {
            fail("to accept " + count + " connection(s) within " + ShouldReceive.budget(budget), "but it accepted "
                    + actual.connections().size() + ".");
        }
        return myself;
    }

    /** Exactly this many connections were accepted so far (no waiting). */
    public MockServerAssert hasAcceptedConnections(int count) {
        isNotNull();
        if (actual.connections().size() != count) {
            fail("to have accepted " + count + " connection(s)", "but it accepted " + actual.connections().size()
                    + ".");
        }
        return myself;
    }

    /** Exactly this many upgrade requests were refused (answered with anything but 101) so far. */
    public MockServerAssert hasRefusedHandshakes(int count) {
        isNotNull();
        long refused = actual.handshakes().stream().filter(h -> h.status() != 101).count();
        if (refused != count) {
            fail("to have refused " + count + " upgrade request(s)", "but it refused " + refused + ".");
        }
        return myself;
    }

    /** Waits for the {@code n}-th upgrade request (1-based) and returns assertions on it. */
    public ServerHandshakeAssert handshake(int n) {
        receivesHandshakes(n);
        return new ServerHandshakeAssert(actual.handshakes().get(n - 1), actual.redactor());
    }

    /** Waits for the {@code n}-th accepted connection (1-based) and returns assertions on it. */
    public MockConnectionAssert connection(int n) {
        acceptsConnections(n);
        return new MockConnectionAssert(actual.connections().get(n - 1)).within(budget);
    }

    /**
     * No message so far matched no stub (whatever the {@link Unmatched} policy). Messages already recorded but
     * still being acted on by the I/O threads are waited for.
     */
    public MockServerAssert hasNoUnexpectedMessages() {
        isNotNull();
        actual.awaitSettled(budget);
        String report = actual.unexpectedMessagesReport();
        if (report != null) {
            fail(report);
        }
        return myself;
    }

    /** Every stub answered at least once. */
    public MockServerAssert hasUsedEveryStub() {
        isNotNull();
        actual.awaitSettled(budget);
        Map<Stub, Integer> uses = actual.stubUses();
        List<Stub> unused = uses.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey)
                .collect(Collectors.toList());
        if (!unused.isEmpty()) {
            fail("to have used every stub", "but " + unused.size() + " of " + uses.size() + " never answered:\n"
                    + unused.stream().map(s -> "  " + s).collect(Collectors.joining("\n")));
        }
        return myself;
    }

    /** Waits until a TLS handshake failed (e.g. a client without a certificate under mutual TLS). */
    public MockServerAssert hasFailedTlsHandshake() {
        isNotNull();
        if (!actual.awaitUntil(() -> !actual.tlsFailures().isEmpty(), budget)) {
            fail("to see a failed TLS handshake within " + ShouldReceive.budget(budget), "but none failed.");
        }
        return myself;
    }

    private void fail(String expectation, String outcome) {
        fail("Expecting " + actual + "\n" + expectation + "\n" + outcome + "\n\n" + actual.describeActivity());
    }

    /** Fails with this message, known secrets scrubbed from it and from the {@code as(...)} description. */
    private void fail(String message) {
        String description = info.descriptionText();
        if (description != null && !description.isEmpty()) {
            describedAs(actual.redactor().scrub(description)); // AssertJ puts it before the message
        }
        failWithMessage("%s", actual.redactor().scrub(message));
    }
}
