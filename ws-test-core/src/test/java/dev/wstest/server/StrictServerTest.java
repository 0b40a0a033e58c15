package dev.wstest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.protocol.Frame;
import dev.wstest.raw.RawClient;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.EventType;
import dev.wstest.record.ProtocolRule;
import dev.wstest.record.WsEvent;
import dev.wstest.testing.Peer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded servers are as strict as RFC 6455 too: a client that breaks a rule (unmasked frames first of
 * all, which Tyrus's own server accepts) has its connection failed with 1002 (1007 for invalid UTF-8). A raw
 * client sends the bad frames; python3-websockets and node-ws servers, sent the same frames, agree.
 */
@Timeout(120)
class StrictServerTest {

    static WsServer echo;
    static Peer python;
    static Peer node;

    @BeforeAll
    static void start() {
        echo = WsServer.echo();
    }

    @AfterAll
    static void stop() {
        echo.close();
        if (python != null) {
            python.close();
        }
        if (node != null) {
            node.close();
        }
    }

    /** Frames a client sends after a valid "hello", the last of which breaks the rule. */
    record Case(String name, ProtocolRule rule, List<Frame> frames) {
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

    static List<Case> cases() {
        return List.of(
                new Case("unmasked text frame (conformance case ws.1)", ProtocolRule.CLIENT_FRAME_UNMASKED,
                        List.of(Frame.text("Hello, world!"))),
                new Case("unmasked ping (Autobahn 1.3.2)", ProtocolRule.CLIENT_FRAME_UNMASKED,
                        List.of(Frame.ping(bytes(1, 2)))),
                new Case("RSV2 without an extension", ProtocolRule.RESERVED_BITS,
                        List.of(Frame.text("rsv").rsv(0b010).masked())),
                new Case("reserved opcode 0x4", ProtocolRule.RESERVED_OPCODE, List.of(Frame.of(0x4, bytes(1)).masked())),
                new Case("pong of 126 bytes", ProtocolRule.CONTROL_FRAME_TOO_LONG,
                        List.of(Frame.pong(new byte[126]).masked())),
                new Case("fragmented ping", ProtocolRule.CONTROL_FRAME_FRAGMENTED,
                        List.of(Frame.ping(bytes(1)).fin(false).masked(), Frame.continuation(bytes(2)).masked())),
                new Case("continuation without a start", ProtocolRule.CONTINUATION_WITHOUT_START,
                        List.of(Frame.continuation("orphan").masked())),
                new Case("binary frame inside a fragmented message", ProtocolRule.DATA_FRAME_INSIDE_MESSAGE,
                        List.of(Frame.text("frag").fin(false).masked(), Frame.binary(bytes(1)).masked())),
                new Case("invalid UTF-8", ProtocolRule.INVALID_UTF8_TEXT,
                        List.of(Frame.text(bytes(0x48, 0xc0, 0xaf)).masked())),
                new Case("invalid UTF-8 across fragments", ProtocolRule.INVALID_UTF8_TEXT,
                        List.of(Frame.text(bytes(0xf0, 0x9f)).fin(false).masked(),
                                Frame.continuation(bytes(0x41)).masked())),
                new Case("close payload of 1 byte", ProtocolRule.CLOSE_PAYLOAD_ONE_BYTE,
                        List.of(Frame.of(0x8, bytes(3)).masked())),
                new Case("close code 1004", ProtocolRule.INVALID_CLOSE_CODE, List.of(Frame.close(1004, "").masked())),
                new Case("close reason not UTF-8", ProtocolRule.INVALID_UTF8_CLOSE_REASON,
                        List.of(Frame.of(0x8, bytes(0x03, 0xe8, 0xed, 0xa0, 0x80)).masked())),
                new Case("2 bytes in the 16-bit length form", ProtocolRule.NON_MINIMAL_LENGTH,
                        List.of(Frame.text("hi").lengthEncoding(Frame.LengthEncoding.BITS_16).masked())),
                new Case("200 bytes in the 64-bit length form", ProtocolRule.NON_MINIMAL_LENGTH,
                        List.of(Frame.binary(new byte[200]).lengthEncoding(Frame.LengthEncoding.BITS_64).masked())));
    }

    /** Sends "hello", then the case's frames; returns the close code of the first close frame that comes back. */
    static Integer closeCodeFrom(URI uri, Case c) throws Exception {
        try (RawClient raw = RawClient.builder(uri).connect()) {
            raw.send(Frame.text("hello").masked());
            raw.send(c.frames().toArray(new Frame[0]));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                RawClient.Received r = raw.read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (!r.isFrame()) {
                    return null;
                }
                if (r.frame().opcode() == 0x8) {
                    byte[] p = r.frame().payload();
                    assertThat(r.frame().isMasked()).as("a server's close frame is unmasked").isFalse();
                    return p.length >= 2 ? ((p[0] & 0xff) << 8) | (p[1] & 0xff) : null;
                }
            }
            return null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("the embedded server fails the connection with the rule's code and marks the frame")
    void embeddedServerFailsTheConnection(Case c) throws Exception {
        int before = echo.connectionCount();
        assertThat(closeCodeFrom(echo.uri("/strict"), c)).as(c.name()).isEqualTo(c.rule().closeCode());
        ServerConnection conn = echo.awaitConnection(before + 1, Duration.ofSeconds(5));
        assertThat(echo.awaitUntil(s -> conn.state() == ConnectionState.CLOSED, Duration.ofSeconds(5))).isTrue();
        List<WsEvent> events = conn.log().events();
        assertThat(events).filteredOn(e -> e.type() == EventType.VIOLATION).singleElement()
                .satisfies(v -> assertThat(((WsEvent.Violation) v).rule()).isEqualTo(c.rule()));
        assertThat(conn.receivedTexts()).containsExactly("hello");
        assertThat(conn.closeStatus().orElseThrow().code()).isEqualTo(c.rule().closeCode());
        assertThat(conn.log().format()).contains("CLOSE  " + c.rule().closeCode() + " \"" + c.rule() + "\"");
    }

    static Stream<Arguments> casesForPeers() {
        List<Arguments> all = new ArrayList<>();
        for (Case c : cases()) {
            if (c.rule() == ProtocolRule.NON_MINIMAL_LENGTH) {
                continue; // python3-websockets and node-ws do not check it (measured); Netty does, see below
            }
            all.add(Arguments.of(Peer.Kind.PYTHON_WEBSOCKETS, c));
            all.add(Arguments.of(Peer.Kind.NODE_WS, c));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesForPeers")
    @DisplayName("an independent server sent the same frames gives the same verdict")
    void independentPeersAgree(Peer.Kind kind, Case c) throws Exception {
        Peer peer = peer(kind);
        Integer code = closeCodeFrom(peer.uri("/echo"), c);
        System.out.println(kind + " server sent " + c + ": close " + code);
        assertThat(code).as("%s: %s", kind, c).isEqualTo(c.rule().closeCode());
    }

    static Stream<Case> nonMinimalLengths() {
        return cases().stream().filter(c -> c.rule() == ProtocolRule.NON_MINIMAL_LENGTH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonMinimalLengths")
    @DisplayName("Netty's WebSocket server fails a length that is not minimally encoded too")
    void nettyAgreesOnNonMinimalLengths(Case c) throws Exception {
        try (dev.wstest.conformance.NettyEchoServer netty = new dev.wstest.conformance.NettyEchoServer()) {
            Integer code = closeCodeFrom(netty.uri(), c);
            System.out.println("Netty server sent " + c + ": close " + code);
            assertThat(code).as("Netty: %s", c).isEqualTo(c.rule().closeCode());
        }
    }

    @Test
    @DisplayName("a data frame after the client's close frame is a violation, never a message, on ws-test and Netty")
    void dataAfterCloseIsNeverAMessage() throws Exception {
        int before = echo.connectionCount();
        try (RawClient raw = RawClient.builder(echo.uri("/after-close")).connect()) {
            raw.send(Frame.text("hello").masked(), Frame.close(1000, "bye").masked(), Frame.text("after close").masked());
            Integer code = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (code == null && System.nanoTime() < deadline) {
                RawClient.Received r = raw.read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (!r.isFrame()) {
                    break;
                }
                if (r.frame().opcode() == 0x8) {
                    byte[] p = r.frame().payload();
                    code = ((p[0] & 0xff) << 8) | (p[1] & 0xff);
                }
            }
            assertThat(code).as("the server's answer to the close").isEqualTo(1000);
        }
        ServerConnection conn = echo.awaitConnection(before + 1, Duration.ofSeconds(5));
        assertThat(echo.awaitUntil(s -> conn.state() == ConnectionState.CLOSED, Duration.ofSeconds(5))).isTrue();
        assertThat(conn.log().events()).filteredOn(e -> e.type() == EventType.VIOLATION).singleElement()
                .satisfies(v -> assertThat(((WsEvent.Violation) v).rule()).isEqualTo(ProtocolRule.DATA_AFTER_CLOSE));
        // before: "after close" was a received message, and the echo server even tried to answer it
        assertThat(conn.receivedTexts()).containsExactly("hello");

        // Netty's server answers the close and discards what follows: it echoes "hello" only
        try (dev.wstest.conformance.NettyEchoServer netty = new dev.wstest.conformance.NettyEchoServer();
             RawClient raw = RawClient.builder(netty.uri()).connect()) {
            raw.send(Frame.text("hello").masked(), Frame.close(1000, "bye").masked(), Frame.text("after close").masked());
            List<String> texts = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                RawClient.Received r = raw.read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (!r.isFrame() || r.frame().opcode() == 0x8) {
                    break;
                }
                texts.add(new String(r.frame().payload(), java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(texts).containsExactly("hello");
        }
    }

    private static synchronized Peer peer(Peer.Kind kind) {
        if (kind == Peer.Kind.PYTHON_WEBSOCKETS) {
            if (python == null) {
                python = Peer.start(kind);
            }
            return python;
        }
        if (node == null) {
            node = Peer.start(kind);
        }
        return node;
    }

    @Test
    @DisplayName("a lenient server records the violation and lets Tyrus answer: it echoes the unmasked frame")
    void lenientServerLetsTyrusDecide() throws Exception {
        try (WsServer lenient = WsServer.builder().name("lenient").lenient().start();
             RawClient raw = RawClient.builder(lenient.uri()).connect()) {
            raw.send(Frame.text("Hello, world!"));
            RawClient.Received r = raw.read(Duration.ofSeconds(5));
            assertThat(r.isFrame()).as(raw.formatTranscript()).isTrue();
            assertThat(r.frame().payloadAsText()).isEqualTo("Hello, world!");
            ServerConnection conn = lenient.awaitConnection(1, Duration.ofSeconds(5));
            assertThat(conn.log().violations()).singleElement()
                    .satisfies(v -> assertThat(v.rule()).isEqualTo(ProtocolRule.CLIENT_FRAME_UNMASKED));
            assertThat(conn.receivedTexts()).as("a violating frame is never a message").isEmpty();
            assertThat(conn.isOpen()).isTrue();
        }
    }
}
