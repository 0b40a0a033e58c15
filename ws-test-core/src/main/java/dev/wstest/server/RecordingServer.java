package dev.wstest.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.Redactor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * A server that records what it saw, in the words every ws-test server uses: the embedded {@link WsServer}
 * and the mock server both implement it, so a test reads their activity, waits on it and prints it the
 * same way.
 *
 * <pre>{@code
 * RecordingServer server = ...;                       // a WsServer or a mock
 * client = WsClient.connect(server.uri("/chat"));
 * RecordedServerConnection c = server.awaitConnection(1, Duration.ofSeconds(2));
 * c.log().awaitUntil(() -> c.receivedTexts().contains("hi"), Duration.ofSeconds(2));
 * System.out.println(server.describeActivity());      // handshakes and every frame, secrets redacted
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface RecordingServer extends AutoCloseable {

    /** The name used in messages. */
    String name();

    /** {@code ws://host:port/} (or {@code wss://} with TLS). */
    URI uri();

    /** The URI of a path on this server; the path may carry a query. */
    URI uri(String path);

    /**
     * The upgrade requests received so far that the server still keeps, accepted or not, in order (a server
     * drops the handshakes of the closed connections it no longer keeps, see {@link #connections()}).
     */
    List<ServerHandshake> handshakes();

    /** How many upgrade requests this server received, including those it no longer keeps. */
    int handshakeCount();

    /**
     * The connections accepted so far, in the order they were accepted: every open one, and the most recent
     * closed ones (by default the last 100; {@code keepClosedConnections(n)} on the server's builder).
     */
    List<? extends RecordedServerConnection> connections();

    /** How many connections this server accepted: the id of the latest one. */
    int connectionCount();

    /** How many closed connections this server dropped, with their logs, to keep its memory flat. */
    int forgottenConnectionCount();

    /**
     * Waits until at least {@code count} connections were accepted and returns the {@code count}-th
     * (1-based).
     *
     * @throws AssertionError if fewer arrive within the timeout, with what the server saw
     */
    RecordedServerConnection awaitConnection(int count, Duration timeout);

    /**
     * Waits until the condition holds, re-checked whenever a handshake or a frame arrives on any connection;
     * returns whether it held within the timeout.
     */
    boolean awaitUntil(BooleanSupplier condition, Duration timeout);

    /** The redaction rules this server prints with. */
    Redactor redactor();

    /** Whether {@link #close()} was called. */
    boolean isClosed();

    /**
     * Everything this server saw: handshakes and each connection's frame log, secrets redacted (by name, and
     * every known secret value {@linkplain Redactor#scrub scrubbed} wherever it appears, e.g. echoed in a frame).
     */
    default String describeActivity() {
        Redactor redactor = redactor();
        StringBuilder sb = new StringBuilder();
        sb.append("Handshakes received by server \"").append(name()).append("\":\n");
        List<ServerHandshake> handshakes = handshakes();
        int forgottenHandshakes = handshakeCount() - handshakes.size();
        if (forgottenHandshakes > 0) {
            sb.append(String.format(Locale.ROOT, "  \u2026 %,d earlier handshake(s) no longer kept \u2026%n",
                    forgottenHandshakes));
        }
        if (handshakes.isEmpty() && forgottenHandshakes <= 0) {
            sb.append("  (none)\n");
        }
        handshakes.forEach(h -> sb.append("  ").append(h.format(redactor).replace("\n", "\n  ").trim())
                .append('\n'));
        int forgotten = forgottenConnectionCount();
        if (forgotten > 0) {
            sb.append(String.format(Locale.ROOT, "\u2026 %,d earlier closed connection(s) no longer kept"
                    + " (keepClosedConnections(n) on the server's builder keeps more) \u2026%n", forgotten));
        }
        for (RecordedServerConnection c : connections()) {
            sb.append("Connection ").append(c.id()).append(" (").append(redactor.redactUrl(c.path()))
                    .append("), frames seen by the server (ms after handshake):\n")
                    .append(FrameLogFormat.format(c.log(), redactor, null)).append('\n');
        }
        return redactor.scrub(sb.toString());
    }

    /** Stops listening, drops open connections and releases every thread. Idempotent. */
    @Override
    void close();
}
