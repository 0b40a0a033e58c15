package dev.wstest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.record.Headers;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The vocabulary WsServer shares with the mock server through {@link RecordingServer}. */
@Timeout(30)
class RecordingServerTest {

    @Test
    @DisplayName("WsServer reads, waits and prints through the shared interface")
    void wsServerIsARecordingServer() {
        try (RecordingServer server = WsServer.echo();
             WsClient client = WsClient.builder(server.uri("/room?token=abc")).header("Cookie", "sid=42; theme=dark")
                     .connect()) {
            client.sendText("hi");
            RecordedServerConnection c = server.awaitConnection(1, Duration.ofSeconds(2));
            assertThat(c.log().awaitUntil(() -> c.receivedTexts().contains("hi"), Duration.ofSeconds(2))).isTrue();
            assertThat(c.id()).isEqualTo(1);
            assertThat(c.path()).isEqualTo("/room");
            assertThat(server.handshakes()).singleElement()
                    .satisfies(h -> assertThat(h.cookies()).containsExactly(
                            java.util.Map.entry("sid", "42"), java.util.Map.entry("theme", "dark")));
            String activity = server.describeActivity();
            assertThat(activity).contains("Handshakes received by server \"echo\"", "GET /room?token=<redacted 3 chars>",
                    "Connection 1 (/room), frames seen by the server", "TEXT   \"hi\"")
                    .doesNotContain("sid=42");
        }
    }

    @Test
    @DisplayName("ServerHandshake.of builds the record other servers keep")
    void handshakeFactory() {
        ServerHandshake h = ServerHandshake.of(3, "/feed", "symbol=ACME", Headers.of("Sec-WebSocket-Protocol",
                "a, b", "Cookie", "x=1"), 401);
        assertThat(h.path()).isEqualTo("/feed");
        assertThat(h.query()).contains("symbol=ACME");
        assertThat(h.subprotocols()).containsExactly("a", "b");
        assertThat(h.cookies()).containsEntry("x", "1");
        assertThat(h.status()).isEqualTo(401);
        assertThat(h.number()).isEqualTo(3);
    }
}
