package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.protocol.Frame;
import dev.wstest.record.CloseStatus;
import dev.wstest.record.ProtocolRule;
import dev.wstest.record.Side;
import dev.wstest.record.WsEvent;
import dev.wstest.testing.JdkClient;
import dev.wstest.testing.MisbehavingServer;
import dev.wstest.testing.Peer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client is as strict as RFC 6455: a server that breaks a rule gets its connection failed with 1002
 * (1007 for invalid UTF-8) and the TCP connection dropped, and the violating frame never reaches Tyrus or
 * an expectation. Each case is played by a raw-socket server that misbehaves on purpose; the same bytes
 * played to python3-websockets and node-ws show that the verdict is RFC 6455's, not ours.
 */
@Timeout(120)
class StrictClientTest {

    /** One way to break the protocol: the bytes a server sends after a valid "hello", and the verdict. */
    record Case(String name, ProtocolRule rule, byte[] bytes) {
        int code() {
            return rule.closeCode();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] wire(Frame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            out.writeBytes(f.toBytes());
        }
        return out.toByteArray();
    }

    static List<Case> cases() {
        byte[] invalidUtf8 = bytes(0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80,
                0x65, 0x64, 0x69, 0x74, 0x65, 0x64);
        return List.of(
                new Case("masked server frame", ProtocolRule.SERVER_FRAME_MASKED,
                        wire(Frame.text("Hello").masked(bytes(0x37, 0xfa, 0x21, 0x3d)))),
                new Case("RSV1 without an extension", ProtocolRule.RESERVED_BITS, wire(Frame.text("rsv").rsv(0b100))),
                new Case("RSV3 on a ping", ProtocolRule.RESERVED_BITS, wire(Frame.ping(bytes(1)).rsv(0b001))),
                new Case("reserved data opcode 0x3", ProtocolRule.RESERVED_OPCODE, wire(Frame.of(0x3, bytes(1)))),
                new Case("reserved control opcode 0xB", ProtocolRule.RESERVED_OPCODE, wire(Frame.of(0xB, bytes()))),
                new Case("ping of 126 bytes", ProtocolRule.CONTROL_FRAME_TOO_LONG, wire(Frame.ping(new byte[126]))),
                new Case("fragmented ping", ProtocolRule.CONTROL_FRAME_FRAGMENTED,
                        wire(Frame.ping(bytes(1)).fin(false), Frame.continuation(bytes(2)))),
                new Case("continuation without a start", ProtocolRule.CONTINUATION_WITHOUT_START,
                        wire(Frame.continuation("orphan"))),
                new Case("text frame inside a fragmented message", ProtocolRule.DATA_FRAME_INSIDE_MESSAGE,
                        wire(Frame.text("frag").fin(false), Frame.text("new"))),
                new Case("invalid UTF-8 in a text frame", ProtocolRule.INVALID_UTF8_TEXT, wire(Frame.text(invalidUtf8))),
                new Case("invalid UTF-8 across fragments", ProtocolRule.INVALID_UTF8_TEXT,
                        wire(Frame.text(bytes(0xe2, 0x82)).fin(false), Frame.continuation(bytes(0x41)))),
                new Case("close payload of 1 byte", ProtocolRule.CLOSE_PAYLOAD_ONE_BYTE, wire(Frame.of(0x8, bytes(3)))),
                new Case("close code 999", ProtocolRule.INVALID_CLOSE_CODE, wire(Frame.close(999, ""))),
                new Case("close code 1005", ProtocolRule.INVALID_CLOSE_CODE, wire(Frame.close(1005, ""))),
                new Case("close code 5000", ProtocolRule.INVALID_CLOSE_CODE, wire(Frame.close(5000, "x"))),
                new Case("close reason not UTF-8", ProtocolRule.INVALID_UTF8_CLOSE_REASON,
                        wire(Frame.of(0x8, bytes(0x03, 0xe8, 0xff, 0xfe)))),
                new Case("64-bit length with its top bit set", ProtocolRule.LENGTH_TOP_BIT_SET,
                        bytes(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1)),
                new Case("2 bytes in the 16-bit length form", ProtocolRule.NON_MINIMAL_LENGTH,
                        wire(Frame.text("hi").lengthEncoding(Frame.LengthEncoding.BITS_16))),
                new Case("300 bytes in the 64-bit length form", ProtocolRule.NON_MINIMAL_LENGTH,
                        wire(Frame.binary(new byte[300]).lengthEncoding(Frame.LengthEncoding.BITS_64))),
                new Case("a close frame in the 16-bit length form", ProtocolRule.NON_MINIMAL_LENGTH,
                        wire(Frame.close(1000, "").lengthEncoding(Frame.LengthEncoding.BITS_16))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("ws-test fails the connection: close with the rule's code, drop TCP, mark the frame")
    void failsTheConnection(Case c) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.sending(c.bytes());
             WsClient client = WsClient.builder(server.uri()).name("strict").connect()) {
            client.sendText("go");
            MisbehavingServer.Outcome outcome = server.awaitOutcome();
            assertThat(outcome.closeCode()).as("close code the server received: %s", outcome).isEqualTo(c.code());
            assertThat(outcome.closeReason()).isEqualTo(c.rule().toString());
            assertThat(outcome.closeFrameMasked()).as("a client's close frame is masked").isTrue();
            assertThat(outcome.tcpClosedByClient()).as("the client dropped TCP: %s", outcome).isTrue();
            assertThat(outcome.notes()).as("nothing after the close frame").isEmpty();

            assertThat(client).receivesText("hello").isClosedWith(c.code(), c.rule().toString()).isClosedByClient();
            assertThat(client.log().violations()).singleElement()
                    .satisfies(v -> assertThat(v.rule()).isEqualTo(c.rule()));
            assertThat(client.log().receivedMessages()).extracting(WsEvent::text).containsExactly("hello");
            String log = client.formatLog();
            assertThat(log).contains("VIOLATION " + c.rule(), "CLOSE  " + c.code() + " \"" + c.rule() + "\"");
            CloseStatus status = client.closeStatus().orElseThrow();
            assertThat(status.initiator()).contains(Side.CLIENT);
        }
    }

    static Stream<Arguments> casesForPeers() {
        // python3-websockets and node-ws do not check that a length is minimally encoded (measured: they take a
        // 16- or 64-bit length for a short frame as it is); the JDK's client does, see jdkClientAgrees...
        return cases().stream().filter(c -> c.rule() != ProtocolRule.NON_MINIMAL_LENGTH)
                .flatMap(c -> Stream.of(Arguments.of(Peer.Kind.PYTHON_WEBSOCKETS, c), Arguments.of(Peer.Kind.NODE_WS, c)));
    }

    static Stream<Case> nonMinimalLengths() {
        return cases().stream().filter(c -> c.rule() == ProtocolRule.NON_MINIMAL_LENGTH);
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a data frame after the server's close frame is a violation, never a message; the close completes")
    void dataAfterCloseIsNeverAMessage() throws Exception {
        byte[] bytes = wire(Frame.close(1000, "bye"), Frame.text("after close"));
        try (MisbehavingServer server = MisbehavingServer.sending(bytes);
             WsClient client = WsClient.builder(server.uri()).name("strict").connect()) {
            client.sendText("go");
            MisbehavingServer.Outcome outcome = server.awaitOutcome();
            assertThat(outcome.closeFrameMasked()).isTrue();
            assertThat(outcome.tcpClosedByClient()).as("the client dropped TCP: %s", outcome).isTrue();
            assertThat(client).isClosedWith(1000, "bye").isClosedByServer();
            assertThat(client.log().violations()).singleElement()
                    .satisfies(v -> assertThat(v.rule()).isEqualTo(ProtocolRule.DATA_AFTER_CLOSE));
            // before: "after close" was recorded as a message and receivesText("after close") passed
            assertThat(client.receivedTexts()).containsExactly("hello");
            assertThat(client.formatLog()).contains("VIOLATION §5.5.1: no data frame may follow a close frame");
        }
        // the JDK's client, facing the same bytes, delivers the close and nothing after it
        try (MisbehavingServer server = MisbehavingServer.sending(bytes)) {
            JdkClient jdk = JdkClient.connect(server.uri()).sendText("go");
            assertThat(jdk.awaitEnd(Duration.ofSeconds(10))).isEqualTo(1000);
            server.awaitOutcome();
            assertThat(jdk.delivered()).as("what the JDK's client delivered").containsExactly("text hello", "close 1000");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonMinimalLengths")
    @DisplayName("the JDK's client fails a length that is not minimally encoded too, and delivers nothing of it")
    void jdkClientAgreesOnNonMinimalLengths(Case c) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.sending(c.bytes())) {
            JdkClient jdk = JdkClient.connect(server.uri()).sendText("go");
            assertThat(jdk.awaitEnd(Duration.ofSeconds(10))).isInstanceOf(java.net.ProtocolException.class);
            assertThat(jdk.delivered()).as("what the JDK's client delivered").containsExactly("text hello");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesForPeers")
    @DisplayName("an independent client facing the same bytes gives the same verdict")
    void independentPeersAgree(Peer.Kind peer, Case c) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.sending(c.bytes())) {
            Peer.runClient(peer, peer == Peer.Kind.PYTHON_WEBSOCKETS ? "/peers/strict_client.py"
                    : "/peers/strict_client.js", server.uri().toString());
            MisbehavingServer.Outcome outcome = server.awaitOutcome();
            System.out.println(peer + " facing " + c + ": " + outcome);
            // A 64-bit length with its top bit set is also larger than any size limit; both peers check the
            // size first and fail with 1009 (Message Too Big), which Autobahn accepts too (case 1.3.5).
            Set<Integer> verdicts = c.rule() == ProtocolRule.LENGTH_TOP_BIT_SET ? Set.of(1002, 1009) : Set.of(c.code());
            assertThat(outcome.closeCode()).as("%s facing %s: %s", peer, c, outcome).isIn(verdicts);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("lenient: the violation is recorded and shown, never a message; ws-test does not close")
    void lenientRecordsButDoesNotAct(Case c) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.sending(c.bytes());
             WsClient client = WsClient.builder(server.uri()).name("lenient").lenient().connect()) {
            client.sendText("go");
            assertThat(client.log().awaitUntil(() -> client.log().violationCount() > 0, Duration.ofSeconds(5)))
                    .as(client.formatLog()).isTrue();
            client.close();
            MisbehavingServer.Outcome outcome = server.awaitOutcome();
            // Tyrus then does what it does: it accepts masked frames (and the test's close sends 1000), and fails
            // the connection itself for the others, with its own reasons (1011 for the 64-bit length).
            assertThat(outcome.closeReason()).as("ws-test itself did not fail the connection: %s", outcome)
                    .isNotEqualTo(c.rule().toString());
            assertThat(client.log().violations()).extracting(WsEvent.Violation::rule).contains(c.rule());
            assertThat(client.log().receivedMessages()).extracting(WsEvent::text).containsExactly("hello");
            assertThat(client.formatLog()).contains("VIOLATION " + c.rule());
        }
    }
}
