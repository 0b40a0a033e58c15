package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.record.EventType;
import dev.wstest.record.WsEvent;
import dev.wstest.testing.Peer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against independently written servers: python3-websockets and node-ws. */
@Timeout(120)
class PeerInteropTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.Kind.class)
    @DisplayName("echo: text, binary, fragments, ping")
    void echo(Peer.Kind kind) {
        try (Peer peer = Peer.start(kind); WsClient client = WsClient.connect(peer.uri("/echo"))) {
            client.sendText("hello " + kind).sendBinary(new byte[] {0, 1, (byte) 255})
                    .sendTextFragments("fr", "ag").sendPing("are you there");
            assertThat(client).receivesText("hello " + kind).receivesBinary(new byte[] {0, 1, (byte) 255})
                    .receivesText("frag").receivesPong("are you there");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.Kind.class)
    @DisplayName("a refused handshake (401) is reported with its status and headers")
    void refusedHandshake(Peer.Kind kind) {
        try (Peer peer = Peer.start(kind)) {
            assertThatHandshakeRefused(() -> WsClient.connect(peer.uri("/secure")))
                    .hasStatus(401)
                    .hasResponseHeader("www-authenticate", "Bearer realm=\"ws-test\"");
            try (WsClient ok = WsClient.builder(peer.uri("/secure")).header("Authorization", "Bearer t").connect()) {
                assertThat(ok).hasHandshakeStatus(101).isOpen();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.Kind.class)
    @DisplayName("a server-initiated close 4001 is observed with its reason")
    void serverClose(Peer.Kind kind) {
        String who = kind == Peer.Kind.NODE_WS ? "node" : "python";
        try (Peer peer = Peer.start(kind); WsClient client = WsClient.connect(peer.uri("/close4001"))) {
            assertThat(client).isClosedWith(4001, "bye from " + who).isClosedByServer();
            assertThat(client.log().awaitUntil(() -> client.log().firstAfter(0,
                    e -> e.isOutbound() && e.type() == EventType.CLOSE).isPresent(), Duration.ofSeconds(2)))
                    .as("the client answered the close:%n%s", client.formatLog()).isTrue();
            WsEvent echo = client.log().firstAfter(0, e -> e.isOutbound() && e.type() == EventType.CLOSE).orElseThrow();
            assertThat(echo.isAutomatic()).as("the client's close reply is recorded as automatic").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.Kind.class)
    @DisplayName("inbound fragments are reassembled, and the fragment sizes are kept")
    void inboundFragments(Peer.Kind kind) {
        try (Peer peer = Peer.start(kind); WsClient client = WsClient.connect(peer.uri("/fragments"))) {
            assertThat(client).receivesText("fragmented");
            WsEvent message = client.log().receivedMessages().get(0);
            if (kind == Peer.Kind.PYTHON_WEBSOCKETS) {
                // python-websockets ends a message sent from an iterable with an empty FIN frame: the log
                // shows the wire as it was
                assertThat(message.frameSizes()).containsExactly(4, 4, 2, 0);
            } else {
                assertThat(message.frameSizes()).containsExactly(4, 4, 2);
            }
            assertThat(message.isFragmented()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.Kind.class)
    @DisplayName("pings from the server are recorded with their payload")
    void inboundPing(Peer.Kind kind) {
        try (Peer peer = Peer.start(kind); WsClient client = WsClient.connect(peer.uri("/ping"))) {
            assertThat(client).receivesPing("hb".getBytes(StandardCharsets.UTF_8));
        }
    }
}
