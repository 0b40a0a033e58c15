package dev.wstest.junit5;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.client.WsClient;
import dev.wstest.server.RecordingServer;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Opens clients in code, for when the number of clients or their options are decided by the test. Declare a
 * parameter of this type in a test method, a {@code @BeforeEach} method (same instance as the test's) or a
 * {@code @BeforeAll} method (clients shared by the class).
 *
 * <pre>{@code
 * @Test
 * void everyoneHearsEveryone(WebSocketClients clients) {
 *     List<WsClient> members = clients.connect(20, hub.uri("/room"));
 *     members.get(0).sendText("hi");
 *     members.forEach(m -> assertThat(m).receivesText("hi"));
 * }
 * }</pre>
 *
 * <p>Clients are built with the {@code wstest.*} configuration (timeouts, TLS trust, redaction), closed when
 * the scope ends, and their frame logs are part of the failure report, exactly like {@link Connect} clients.
 * {@code ${...}} placeholders in URL strings are resolved as for {@link Connect#url()}. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface WebSocketClients {

    /** Connects to a {@code ws://} or {@code wss://} URL, which may contain {@code ${...}} placeholders. */
    WsClient connect(String url);

    /** Connects to the URI. */
    WsClient connect(URI uri);

    /**
     * Connects with more options: {@code options} gets a builder already set up with the configured defaults
     * and a name ({@code client-1}, {@code client-2}, ... in this scope) and may change any of them.
     *
     * <pre>{@code
     * WsClient admin = clients.connect(server.uri("/admin"), b -> b.name("admin").header("X-Role", "admin"));
     * }</pre>
     */
    WsClient connect(URI uri, Consumer<WsClient.Builder> options);

    /** As {@link #connect(URI, Consumer)}, for a URL that may contain {@code ${...}} placeholders. */
    WsClient connect(String url, Consumer<WsClient.Builder> options);

    /** Connects {@code count} clients, one after the other, and returns them in order. */
    List<WsClient> connect(int count, URI uri);

    /**
     * Connects {@code count} clients, one after the other, each with these options (as
     * {@link #connect(URI, Consumer)}: headers, subprotocols, timeouts; each keeps its own name unless the
     * options set one), and returns them in order.
     *
     * <pre>{@code
     * List<WsClient> crowd = clients.connect(50, chat.uri("/rooms/big"), b -> b.header("Authorization", "Bearer t0ken"));
     * }</pre>
     */
    List<WsClient> connect(int count, URI uri, Consumer<WsClient.Builder> options);

    /**
     * Takes charge of a server the test started itself (a {@code WsServer} with a certificate of its own, a
     * {@code MockWsServer} built in code): it is closed when this scope ends, after its clients, its activity is
     * part of the failure report, and {@link Connect} can name it.
     *
     * @return the server
     */
    <S extends RecordingServer> S manage(S server);

    /** Every client opened through this object so far, in order. */
    List<WsClient> clients();
}
