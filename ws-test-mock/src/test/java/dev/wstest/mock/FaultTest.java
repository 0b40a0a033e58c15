package dev.wstest.mock;

import static dev.wstest.mock.MockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wstest.mock.ClientPeer.Events;
import dev.wstest.mock.ClientPeer.Kind;
import dev.wstest.record.LogLimits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault, proven by independently written clients (python3-websockets, node-ws, the JDK's
 * java.net.http.WebSocket) seeing exactly what the fault promises.
 */
@Timeout(180)
class FaultTest {

    /** Faults after which the TCP connection ends with no close frame: every client sees 1006. */
    static Stream<Arguments> abnormalClosures() {
        return Stream.of(
                Arguments.of("drop TCP without a close frame", Faults.dropConnection()),
                Arguments.of("reset TCP (RST)", Faults.resetConnection()),
                Arguments.of("half-close (FIN, still reading)", Faults.halfClose()),
                Arguments.of("drop in the middle of a fragmented message", Faults.dropMidMessage("frag")),
                Arguments.of("a frame cut short, then TCP closed", Faults.truncatedFrame("hello", 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("abnormalClosures")
    @DisplayName("python and node see 1006 (python: ConnectionClosedError, no close frame received)")
    void abnormalClosure(String name, Action fault) {
        try (MockWsServer mock = onConnect(fault)) {
            Events py = python(mock.uri("/f"), "[{\"recv\":1,\"timeout\":3}]");
            assertThat(py.first("closed").get("error").asText()).as(py.toString()).isEqualTo("ConnectionClosedError");
            assertThat(py.first("closed").get("rcvd").isNull()).as("no close frame received: %s", py).isTrue();
            assertThat(py.first("final").get("close_code").asInt()).isEqualTo(1006);
            assertThat(py.texts()).as("no message completed").isEmpty();
            Events node = node(mock.uri("/f"));
            assertThat(node.first("close").get("code").asInt()).as(node.toString()).isEqualTo(1006);
            assertThat(node.ofType("text")).isEmpty();
        }
    }

    @Test
    @DisplayName("drop TCP: the JDK client's onClose reports 1006")
    void dropSeenByJdk() throws Exception {
        try (MockWsServer mock = onConnect(Faults.dropConnection())) {
            assertThat(jdk(mock.uri("/f")).get(5, TimeUnit.SECONDS)).isEqualTo("onClose 1006");
        }
    }

    /** Frames a strict client must reject, with the close code it must fail the connection with. */
    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("invalid UTF-8 in a text frame", Faults.invalidUtf8(), 1007, "WS_ERR_INVALID_UTF8"),
                Arguments.of("RSV1 set without an extension", Faults.reservedBits(0b100, "x"), 1002,
                        "WS_ERR_UNEXPECTED_RSV_1"),
                Arguments.of("reserved opcode 0x3", Faults.reservedOpcode(0x3), 1002, "WS_ERR_INVALID_OPCODE"),
                Arguments.of("reserved control opcode 0xB", Faults.reservedOpcode(0xB), 1002, "WS_ERR_INVALID_OPCODE"),
                Arguments.of("a masked server frame", Faults.maskedFrame("m"), 1002, "WS_ERR_UNEXPECTED_MASK"),
                Arguments.of("a ping of 126 bytes", Faults.oversizedPing(), 1002,
                        "WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH"),
                Arguments.of("a fragmented ping", Faults.fragmentedPing(), 1002, "WS_ERR_EXPECTED_FIN"),
                Arguments.of("a continuation with no message", Faults.continuationWithoutStart(), 1002,
                        "WS_ERR_INVALID_OPCODE"),
                Arguments.of("close code 1005 on the wire", Faults.closeWithCode(1005), 1002,
                        "WS_ERR_INVALID_CLOSE_CODE"),
                Arguments.of("close code 999", Faults.closeWithCode(999), 1002, "WS_ERR_INVALID_CLOSE_CODE"),
                Arguments.of("a close reason of 124 bytes", Faults.closeWithReasonOf(124), 1002,
                        "WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH"),
                Arguments.of("a close reason that is not UTF-8", Faults.closeWithInvalidUtf8Reason(), 1007,
                        "WS_ERR_INVALID_UTF8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    @DisplayName("python fails the connection with the RFC's code, node with its error code; the mock records it")
    void protocolViolation(String name, Action fault, int code, String nodeError) {
        try (MockWsServer mock = onConnect(fault)) {
            Events py = python(mock.uri("/f"), "[{\"recv\":1,\"timeout\":3}]");
            assertThat(py.first("closed").get("sent").asInt()).as(py.toString()).isEqualTo(code);
            assertThat(py.texts()).as("the bad frame is never delivered as a message").isEmpty();
            assertThat(mock).connection(1).receivesCloseFrame(code).isClosed();

            Events node = node(mock.uri("/f"));
            assertThat(node.first("error").get("code").asText()).as(node.toString()).isEqualTo(nodeError);
            assertThat(node.ofType("text")).isEmpty();
            assertThat(mock).connection(2).receivesCloseFrame(code).isClosed();
        }
    }

    @Test
    @DisplayName("a masked frame, invalid UTF-8, RSV bits: the JDK client reports a ProtocolException")
    void violationsSeenByJdk() throws Exception {
        for (Action fault : List.of(Faults.maskedFrame("m"), Faults.invalidUtf8(), Faults.reservedBits(4, "x"))) {
            try (MockWsServer mock = onConnect(fault)) {
                assertThat(jdk(mock.uri("/f")).get(5, TimeUnit.SECONDS)).isEqualTo("onError java.net.ProtocolException");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    @DisplayName("close in the middle of a message: the client gets the close, never the message")
    void closeMidMessage(Kind kind) {
        try (MockWsServer mock = onConnect(Faults.closeMidMessage("half", 4000, "mid"))) {
            Events e = kind == Kind.PYTHON ? python(mock.uri("/f"), "[{\"recv\":1,\"timeout\":3}]") : node(mock.uri("/f"));
            assertThat(e.texts()).as(e.toString()).isEmpty();
            JsonNode close = kind == Kind.PYTHON ? e.first("final") : e.first("close");
            assertThat(close.get(kind == Kind.PYTHON ? "close_code" : "code").asInt()).isEqualTo(4000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    @DisplayName("a second close frame: the client closes with the first one's code")
    void secondClose(Kind kind) {
        try (MockWsServer mock = onConnect(Faults.secondClose(4000, "twice"))) {
            Events e = kind == Kind.PYTHON ? python(mock.uri("/f"), "[{\"recv\":1,\"timeout\":3}]") : node(mock.uri("/f"));
            JsonNode close = kind == Kind.PYTHON ? e.first("final") : e.first("close");
            assertThat(close.get(kind == Kind.PYTHON ? "close_code" : "code").asInt()).as(e.toString()).isEqualTo(4000);
            assertThat(mock.connections().get(0).log().events(ev -> ev.isOutbound()
                    && ev.type() == dev.wstest.record.EventType.CLOSE)).hasSize(2);
        }
    }

    static Stream<Kind> peers() {
        return Stream.of(Kind.values());
    }

    // -------------------------------------------------------------------------------------- connection policy

    @Test
    @DisplayName("withheld pongs: python's ping waits in vain; node gets no pong event")
    void withholdPongs() {
        try (MockWsServer mock = MockWsServer.builder().policy(ConnectionPolicy.defaults().withholdPongs()).start()) {
            Events py = python(mock.uri("/"), "[{\"ping\":\"hb\",\"timeout\":1}]");
            assertThat(py.ofType("pong_timeout")).as(py.toString()).hasSize(1);
            assertThat(mock).connection(1).receivesPing("hb");
            Events node = node(mock.uri("/"), "[{\"ping\":\"hb\"},{\"sleep\":800},{\"close\":[1000,\"bye\"]}]");
            assertThat(node.ofType("pong")).as(node.toString()).isEmpty();
        }
        try (MockWsServer mock = MockWsServer.start()) {
            Events py = python(mock.uri("/"), "[{\"ping\":\"hb\",\"timeout\":1}]");
            assertThat(py.ofType("pong")).as("by default pings are answered: %s", py).hasSize(1);
        }
    }

    @Test
    @DisplayName("pings every T: python and node answer them, and the mock records the pongs")
    void pingsEvery() {
        try (MockWsServer mock = MockWsServer.builder()
                .policy(ConnectionPolicy.defaults().pingEvery(Duration.ofMillis(50), "hb")).start()) {
            python(mock.uri("/"), "[{\"sleep\":0.4}]");
            assertThat(mock).connection(1).receivesPong("hb").receivesPong("hb").receivesPong("hb");
            Events node = node(mock.uri("/"), "[{\"sleep\":400},{\"close\":[1000,\"bye\"]}]");
            assertThat(node.ofType("ping").size()).as(node.toString()).isGreaterThanOrEqualTo(3);
            assertThat(mock).connection(2).receivesPong("hb").receivesPong("hb");
        }
    }

    @Test
    @DisplayName("never answering the client's close: python gives up after its close timeout with 1006")
    void neverAnswerClose() {
        try (MockWsServer mock = MockWsServer.builder().policy(ConnectionPolicy.defaults().neverAnswerClose())
                .start()) {
            long t0 = System.nanoTime();
            Events py = python(mock.uri("/"), "[{\"close\":[1000,\"bye\"]}]", 1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("python waited its close timeout")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(py.first("final").get("close_code").asInt()).as(py.toString()).isEqualTo(1006);
            assertThat(mock).connection(1).isClosedWith(1000, "bye").isClosedByClient();
            assertThat(mock.connections().get(0).log().events(e -> e.isOutbound())).as("the mock sent nothing")
                    .isEmpty();
        }
    }

    @Test
    @DisplayName("stall: 101, then nothing: no stub, no pong, no close answer")
    void stall() {
        try (MockWsServer mock = MockWsServer.builder().policy(ConnectionPolicy.defaults().stall())
                .stub(Stub.onConnect().sendText("welcome")).stub(Stub.onText("ping").sendText("pong")).start()) {
            Events py = python(mock.uri("/"), "[{\"send\":\"ping\"},{\"ping\":\"hb\",\"timeout\":0.5},"
                    + "{\"recv\":1,\"timeout\":0.5}]");
            assertThat(py.ofType("pong_timeout")).as(py.toString()).hasSize(1);
            assertThat(py.ofType("timeout")).hasSize(1);
            assertThat(py.texts()).isEmpty();
            assertThat(mock).connection(1).receivesText("ping");
        }
    }

    @Test
    @DisplayName("stop reading: the JDK client's sends stop completing once the TCP buffers are full")
    void stopReading() throws Exception {
        try (MockWsServer mock = MockWsServer.builder().policy(ConnectionPolicy.defaults().stopReading())
                .logLimits(LogLimits.keepAll()).start()) { // 64 MiB: more than the default log keeps
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(mock.uri("/"),
                    new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS);
            byte[] chunk = new byte[1 << 20];
            List<CompletableFuture<WebSocket>> sends = new ArrayList<>();
            CompletableFuture<WebSocket> last = CompletableFuture.completedFuture(ws);
            for (int i = 0; i < 64; i++) {
                last = last.thenCompose(w -> w.sendBinary(ByteBuffer.wrap(chunk), true));
                sends.add(last);
            }
            CompletableFuture<WebSocket> all = last;
            assertThatThrownBy(() -> all.get(500, TimeUnit.MILLISECONDS))
                    .as("64 MiB cannot all be written to a mock that does not read").isInstanceOf(TimeoutException.class);
            assertThat(sends.stream().filter(CompletableFuture::isDone).count()).isLessThan(64);
            mock.awaitConnection(1, Duration.ofSeconds(2)).perform(Faults.resumeReading());
            assertThat(all).as("once the mock reads again, every send completes").succeedsWithin(Duration.ofSeconds(20));
            assertThat(mock).connection(1).receivesMessages(64);
            ws.abort();
        }
    }

    @Test
    @DisplayName("a delayed reply arrives after the delay (the mock's log shows the gap)")
    void replyDelay() {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onText("ping").sendText("pong"))
                .policy(ConnectionPolicy.defaults().replyDelay(Duration.ofMillis(300))).start()) {
            Events py = python(mock.uri("/"), "[{\"send\":\"ping\"},{\"recv\":1,\"timeout\":3}]");
            assertThat(py.texts()).containsExactly("pong");
            List<dev.wstest.record.WsEvent> events = mock.connections().get(0).log().events(e -> e.type().isMessage());
            assertThat(events.get(1).sinceOpen().minus(events.get(0).sinceOpen()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    // -------------------------------------------------------------------------------------- delivery

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    @DisplayName("split into fragments, frames of n bytes, a ping between fragments, 1-byte TCP writes: reassembled")
    void delivery(Kind kind) {
        String text = "fragmented message";
        try (MockWsServer mock = MockWsServer.builder()
                .stub(Stub.onText("a").sendText(text, Delivery.inFragments(3)))
                .stub(Stub.onText("b").sendText(text, Delivery.inFramesOf(5)))
                .stub(Stub.onText("c").sendText(text, Delivery.inFragments(2).withPingBetweenFragments()))
                .stub(Stub.onText("d").sendText(text, Delivery.whole().inTcpChunksOf(1, Duration.ofMillis(2))))
                .start()) {
            Events e = kind == Kind.PYTHON
                    ? python(mock.uri("/"), "[{\"send\":\"a\"},{\"send\":\"b\"},{\"send\":\"c\"},{\"send\":\"d\"},"
                    + "{\"recv\":4,\"timeout\":3}]")
                    : node(mock.uri("/"), "[{\"send\":\"a\"},{\"send\":\"b\"},{\"send\":\"c\"},{\"send\":\"d\"},"
                    + "{\"expect\":4},{\"close\":[1000,\"ok\"]}]");
            assertThat(e.texts()).as(e.toString()).containsExactly(text, text, text, text);
            List<dev.wstest.record.WsEvent> sent = mock.connections().get(0).log()
                    .events(ev -> ev.isOutbound() && ev.type().isMessage());
            assertThat(sent.get(0).frameSizes()).containsExactly(6, 6, 6);
            assertThat(sent.get(1).frameSizes()).containsExactly(5, 5, 5, 3);
            assertThat(sent.get(2).frameSizes()).containsExactly(9, 9);
            assertThat(mock).connection(1).receivesPong("between fragments");
        }
    }

    // -------------------------------------------------------------------------------------- helpers

    private static MockWsServer onConnect(Action fault) {
        return MockWsServer.builder().stub(Stub.onConnect().then(fault)).start();
    }

    static Events python(URI uri, String steps) {
        return python(uri, steps, 2);
    }

    static Events python(URI uri, String steps, int closeTimeoutSeconds) {
        try {
            ObjectNode spec = ClientPeer.spec(uri).put("close_timeout", closeTimeoutSeconds);
            spec.set("steps", ClientPeer.JSON.readTree(steps));
            return ClientPeer.run(Kind.PYTHON, spec);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Events node(URI uri) {
        return ClientPeer.run(Kind.NODE, ClientPeer.spec(uri).put("timeout", 4000));
    }

    static Events node(URI uri, String steps) {
        try {
            ObjectNode spec = ClientPeer.spec(uri).put("timeout", 5000);
            spec.set("steps", ClientPeer.JSON.readTree(steps));
            return ClientPeer.run(Kind.NODE, spec);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Connects the JDK client and completes with the first onClose/onError it gets. */
    static CompletableFuture<String> jdk(URI uri) {
        CompletableFuture<String> seen = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                seen.complete("onClose " + code);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable t) {
                seen.complete("onError " + t.getClass().getName());
            }
        }).join();
        return seen;
    }
}
