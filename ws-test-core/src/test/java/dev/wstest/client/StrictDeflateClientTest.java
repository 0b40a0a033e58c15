package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.PerMessageDeflater;
import dev.wstest.record.ProtocolRule;
import dev.wstest.record.WsEvent;
import dev.wstest.testing.MisbehavingServer;
import dev.wstest.testing.Peer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With permessage-deflate negotiated the client stays as strict as RFC 7692 asks: RSV1 only where it
 * belongs, compressed data that inflates, text that is UTF-8 once inflated. Each case is a raw-socket server
 * that accepts the extension and then misbehaves; python3-websockets and node-ws face the same bytes.
 */
@Timeout(120)
class StrictDeflateClientTest {

    record Case(String name, ProtocolRule rule, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] wire(Frame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            out.writeBytes(f.toBytes());
        }
        return out.toByteArray();
    }

    static List<Case> cases() {
        byte[] notUtf8;
        try (PerMessageDeflater d = DeflateParameters.defaults().deflater(DeflateParameters.Role.SERVER,
                Deflater.DEFAULT_COMPRESSION)) {
            notUtf8 = d.compress(new byte[] {'o', 'k', (byte) 0xc0, (byte) 0xaf});
        }
        return List.of(
                new Case("compressed data that does not inflate", ProtocolRule.INVALID_COMPRESSED_DATA,
                        wire(Frame.text(new byte[] {(byte) 0xff, (byte) 0xfe, 0x01}).rsv(0b100))),
                new Case("RSV1 on a ping", ProtocolRule.COMPRESSED_BIT_MISPLACED,
                        wire(Frame.ping(new byte[] {1}).rsv(0b100))),
                new Case("RSV1 on a continuation", ProtocolRule.COMPRESSED_BIT_MISPLACED,
                        wire(Frame.text("a").fin(false), Frame.continuation("b").rsv(0b100))),
                new Case("compressed text that is not UTF-8 once inflated", ProtocolRule.INVALID_UTF8_TEXT,
                        wire(Frame.text(notUtf8).rsv(0b100))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("ws-test fails the connection with the rule named, and the frame never becomes a message")
    void failsTheConnection(Case c) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.acceptingExtensions("permessage-deflate", c.bytes());
             WsClient client = WsClient.builder(server.uri()).permessageDeflate().connect()) {
            client.sendText("go");
            MisbehavingServer.Outcome outcome = server.awaitOutcome();
            assertThat(outcome.closeCode()).as("%s", outcome).isEqualTo(c.rule().closeCode());
            assertThat(outcome.closeReason()).isEqualTo(c.rule().toString());
            assertThat(outcome.tcpClosedByClient()).as("%s", outcome).isTrue();
            assertThat(client).receivesText("hello").isClosedWith(c.rule().closeCode(), c.rule().toString())
                    .isClosedByClient();
            assertThat(client.log().violations()).singleElement().extracting(WsEvent.Violation::rule)
                    .isEqualTo(c.rule());
            assertThat(client.log().receivedMessages()).extracting(WsEvent::text).containsExactly("hello");
            assertThat(client.formatLog()).contains("VIOLATION " + c.rule());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("lenient: the violation is recorded, never a message, and the connection ends without a hang")
    void lenient(Case c) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.acceptingExtensions("permessage-deflate", c.bytes());
             WsClient client = WsClient.builder(server.uri()).permessageDeflate().lenient().connect()) {
            client.sendText("go");
            assertThat(client.log().awaitUntil(() -> client.log().violationCount() > 0, Duration.ofSeconds(5)))
                    .as(client.formatLog()).isTrue();
            client.close();
            server.awaitOutcome();
            assertThat(client.log().violations()).extracting(WsEvent.Violation::rule).contains(c.rule());
            assertThat(client.log().receivedMessages()).extracting(WsEvent::text).containsExactly("hello");
        }
    }

    static Stream<Arguments> casesForPeers() {
        return cases().stream().flatMap(c -> Stream.of(Arguments.of(Peer.Kind.PYTHON_WEBSOCKETS, c),
                Arguments.of(Peer.Kind.NODE_WS, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesForPeers")
    @DisplayName("an independent client (compression on by default) fails the connection too")
    void independentPeersAgree(Peer.Kind peer, Case c) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.acceptingExtensions("permessage-deflate", c.bytes())) {
            Peer.runClient(peer, peer == Peer.Kind.PYTHON_WEBSOCKETS ? "/peers/strict_client.py"
                    : "/peers/strict_client.js", server.uri().toString());
            MisbehavingServer.Outcome outcome = server.awaitOutcome();
            System.out.println(peer + " facing " + c + " (deflate): " + outcome);
            // RFC 7692 says "fail the connection" without a code for data that does not inflate: websockets
            // closes with 1002 (as ws-test does), node-ws with 1007
            Set<Integer> verdicts = c.rule() == ProtocolRule.INVALID_COMPRESSED_DATA ? Set.of(1002, 1007)
                    : Set.of(c.rule().closeCode());
            assertThat(outcome.closeCode()).as("%s facing %s: %s", peer, c, outcome).isIn(verdicts);
        }
    }

    @Test
    @DisplayName("an answer that does not fit the offer fails the handshake, naming the RFC 7692 rule")
    void badAnswer() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.acceptingExtensions(
                "permessage-deflate; server_max_window_bits=10; x_extra", new byte[0])) {
            assertThatThrownBy(() -> WsClient.builder(server.uri()).permessageDeflate().connect())
                    .isInstanceOf(WsConnectException.class)
                    .satisfies(e -> assertThat(((WsConnectException) e).reason())
                            .isEqualTo(WsConnectException.Reason.INVALID_HANDSHAKE))
                    .hasMessageContaining("unknown parameter x_extra")
                    .hasMessageContaining("RFC 7692 section 7");
        }
    }
}
