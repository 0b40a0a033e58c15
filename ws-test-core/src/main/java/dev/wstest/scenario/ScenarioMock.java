package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.MessageMatcher;
import dev.wstest.server.RecordingServer;
import dev.wstest.tls.TlsIdentity;
import dev.wstest.tls.TlsTrust;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A mock server a scenario started ({@link MockServerProvider}), and the expectations of
 * {@code expect NAME received ...} on what its clients sent. {@code connection} is 1-based; 0 means the latest
 * one (waiting for the first one if there is none yet). Every expectation waits as the client assertions do and
 * throws an {@link AssertionError} that shows the connection's whole timeline.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ScenarioMock extends RecordingServer {

    /**
     * A message the matcher accepts ({@code next}: the very next one).
     *
     * @param closestTo what to compare the messages with to mark the closest one in a failure, or null
     */
    void expectMessage(int connection, boolean next, MessageMatcher matcher, String closestTo, Duration within);

    /** No message (after the last matched one) during the whole duration. */
    void expectNothing(int connection, Duration during);

    /** A ping or a pong from the client, with this payload unless it is null. */
    void expectControl(int connection, boolean ping, byte[] payload, Duration within);

    /** A close frame from the client, with this code unless it is null. */
    void expectCloseFrame(int connection, Integer code, Duration within);

    /** A header of the connection's upgrade request: present, equal to {@code value}, or matching {@code regex}. */
    void expectHandshakeHeader(int connection, String name, String value, String regex);

    /** At least this many connections accepted. */
    void expectConnections(int count, Duration within);

    /** Trust in exactly its certificate, when it serves {@code wss://}. */
    Optional<TlsTrust> trust();

    /** What a client presents under mutual TLS, when it asks for a certificate. */
    Optional<TlsIdentity> clientIdentity();

    /**
     * With {@code unmatched fail}: the report of the messages no stub matched so far, to fail the scenario with at
     * its end; empty when there is nothing to report.
     */
    Optional<String> unexpectedMessages();
}
