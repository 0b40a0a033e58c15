package dev.wstest.server;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.LogLimits;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A long-running embedded server keeps a bounded amount: the last closed connections (100 by default) and,
 * per connection, the first and last events within its log limits. Measured in retained bytes, not time.
 */
@Timeout(180)
class ServerMemoryTest {

    static long retainedHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static void roundTrip(WsServer server, String path) {
        try (WsClient c = WsClient.connect(server.uri(path))) {
            c.sendText("x");
            assertThat(c).receivesText("x");
        }
    }

    @Test
    @DisplayName("by default the last 100 closed connections are kept; older ones are counted, not kept")
    void defaultKeepsTheLast100ClosedConnections() {
        try (WsServer server = WsServer.echo()) {
            for (int i = 1; i <= 150; i++) {
                roundTrip(server, "/c" + i);
            }
            assertThat(server.awaitUntil(s -> s.connections().stream().allMatch(c -> c.state() == ConnectionState.CLOSED),
                    Duration.ofSeconds(10))).isTrue();
            roundTrip(server, "/last"); // dropping happens as new connections open
            assertThat(server.connectionCount()).isEqualTo(151);
            assertThat(server.connections()).hasSizeLessThanOrEqualTo(WsServer.DEFAULT_KEEP_CLOSED_CONNECTIONS + 1);
            assertThat(server.connections().get(server.connections().size() - 1).path()).isEqualTo("/last");
            assertThat(server.handshakes()).hasSizeLessThanOrEqualTo(WsServer.DEFAULT_KEEP_CLOSED_CONNECTIONS + 2);
            assertThat(server.handshakeCount()).isEqualTo(151);
        }
    }

    @Test
    @DisplayName("keepClosedConnections(n): the activity says how many were dropped; awaitConnection explains")
    void keepClosedConnections() {
        try (WsServer server = WsServer.builder().keepClosedConnections(3).start()) {
            for (int i = 1; i <= 10; i++) {
                roundTrip(server, "/c" + i);
                int id = i;
                server.awaitUntil(s -> s.connections().stream().filter(c -> c.id() == id)
                        .allMatch(c -> c.state() == ConnectionState.CLOSED), Duration.ofSeconds(5));
            }
            try (WsClient open = WsClient.connect(server.uri("/open"))) {
                assertThat(server.awaitConnection(11, Duration.ofSeconds(5)).path()).isEqualTo("/open");
                assertThat(server.connections()).extracting(ServerConnection::id).containsExactly(8, 9, 10, 11);
                assertThat(server.describeActivity()).contains("\u2026 7 earlier closed connection(s) no longer kept"
                        + " (keepClosedConnections(n) on the server's builder keeps more) \u2026");
                assertThatThrownBy(() -> server.awaitConnection(2, Duration.ofSeconds(5)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("no longer keeps connection 2")
                        .hasMessageContaining("keepClosedConnections(n) keeps more");
            }
        }
    }

    @Test
    @DisplayName("an echo server's retained heap stays flat over thousands of 16 KiB messages (default limits)")
    void echoServerHeapStaysFlat() {
        byte[] payload = new byte[16 * 1024];
        Arrays.fill(payload, (byte) 'w');
        String text = new String(payload, java.nio.charset.StandardCharsets.US_ASCII);
        try (WsServer server = WsServer.echo();
             WsClient client = WsClient.builder(server.uri("/soak")).defaultTimeout(Duration.ofSeconds(10)).connect()) {
            pump(client, text, 1_500);
            long warm = retainedHeap();
            pump(client, text, 6_000);
            long after = retainedHeap();
            ServerConnection conn = server.awaitConnection(1, Duration.ofSeconds(5));
            long growth = after - warm;
            System.out.printf("echo server + client, 6,000 more 16 KiB messages: retained heap %+.1f MB"
                    + " (server log holds %,d events, %,d payload bytes, %,d elided)%n", growth / 1e6,
                    conn.log().events().size(), conn.log().retainedBytes(), conn.log().elided());
            assertThat(conn.log().retainedBytes()).isLessThanOrEqualTo(LogLimits.DEFAULT.maxPayloadBytes() + payload.length);
            assertThat(conn.log().elided()).isGreaterThan(10_000);
            // 6,000 messages are 2 x 98 MB of payload in each log; everything kept would be 400 MB and more
            assertThat(growth).as("retained heap growth in bytes").isLessThan(24L * 1024 * 1024);
        }
    }

    /** Sends {@code count} messages in batches, receiving each batch before the next. */
    static void pump(WsClient client, String text, int count) {
        for (int sent = 0; sent < count; sent += 100) {
            for (int i = 0; i < 100; i++) {
                client.sendText(text);
            }
            assertThat(client).receivesMessages(100);
        }
    }
}
