package dev.wstest.mock;

import static dev.wstest.mock.MockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.protocol.ClosePayload;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import dev.wstest.raw.RawClient;
import dev.wstest.record.EventType;
import dev.wstest.record.ProtocolRule;
import dev.wstest.record.WsEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mock checks the client under test against RFC 6455 with the recorder's rules, as WsServer does: a
 * violation is recorded with its rule and, unless the mock is lenient, fails the connection with the rule's
 * code (a close frame, then TCP closed). The client here is the raw client, which sends frames exactly as
 * given.
 */
@Timeout(60)
class StrictMockTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    @DisplayName("an unmasked client frame: violation 5.1 recorded, close 1002 with the rule as reason, TCP closed")
    void unmaskedFrame() throws Exception {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onText("hi").sendText("ho")).start();
             RawClient client = RawClient.connect(mock.uri("/").toString())) {
            client.send(Frame.text("hi")); // not masked
            RawClient.Received close = client.read(WAIT);
            assertThat(close.isFrame()).as("a close frame, got %s", close).isTrue();
            assertThat(close.frame().opcode()).isEqualTo(Opcode.CLOSE);
            ClosePayload payload = ClosePayload.decode(close.frame().payload());
            assertThat(payload.code()).hasValue(1002);
            assertThat(payload.reason()).isEqualTo("§5.1: client frames must be masked");
            assertThat(client.awaitEof(WAIT)).as("TCP closed by the mock").isTrue();

            MockConnection c = mock.awaitConnection(1, WAIT);
            assertThat(c).isClosed();
            List<WsEvent> violations = c.log().events(e -> e.type() == EventType.VIOLATION);
            assertThat(violations).singleElement().satisfies(v ->
                    assertThat(((WsEvent.Violation) v).rule()).isEqualTo(ProtocolRule.CLIENT_FRAME_UNMASKED));
            assertThat(c.receivedTexts()).as("the violating frame is not handled").isEmpty();
            assertThat(mock.stubUses().values()).containsOnly(0);
        }
    }

    @Test
    @DisplayName("invalid UTF-8 in a text message: violation 8.1, close 1007")
    void invalidUtf8() throws Exception {
        try (MockWsServer mock = MockWsServer.start();
             RawClient client = RawClient.connect(mock.uri("/").toString())) {
            client.send(Frame.text(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}).masked());
            RawClient.Received close = client.read(WAIT);
            assertThat(close.isFrame()).as("a close frame, got %s", close).isTrue();
            assertThat(ClosePayload.decode(close.frame().payload()).code()).hasValue(1007);
            assertThat(client.awaitEof(WAIT)).isTrue();
            assertThat(mock.awaitConnection(1, WAIT).log().firstViolation()).get()
                    .extracting(WsEvent.Violation::rule).isEqualTo(ProtocolRule.INVALID_UTF8_TEXT);
        }
    }

    @Test
    @DisplayName("a failed expectation on a connection the client broke says so first")
    void failureNamesTheViolation() throws Exception {
        try (MockWsServer mock = MockWsServer.builder().name("feed").start();
             RawClient client = RawClient.connect(mock.uri("/").toString())) {
            client.send(Frame.of(0x3, new byte[0]).masked()); // a reserved opcode
            assertThat(client.awaitEof(WAIT)).isTrue();
            MockConnection c = mock.awaitConnection(1, WAIT);
            assertThatThrownBy(() -> assertThat(c).receivesText("subscribe"))
                    .hasMessageStartingWith("The client broke RFC 6455 at +")
                    .hasMessageContaining("§5.2: opcodes 0x3-0x7 and 0xB-0xF are reserved")
                    .hasMessageContaining("; the mock failed the connection with 1002.\n"
                            + "Expecting connection 1 of mock \"feed\"");
        }
    }

    @Test
    @DisplayName("lenient(): the violation is recorded, the connection stays open and later frames are answered")
    void lenientMock() throws Exception {
        try (MockWsServer mock = MockWsServer.builder().lenient().stub(Stub.onText("hi").sendText("ho")).start();
             RawClient client = RawClient.connect(mock.uri("/").toString())) {
            client.send(Frame.text("hi"));             // unmasked: recorded as a violation, not as a message
            client.send(Frame.text("hi").masked());    // legal: the stub answers
            RawClient.Received reply = client.read(WAIT);
            assertThat(reply.isFrame()).as("the stub's reply, got %s", reply).isTrue();
            assertThat(reply.frame().payloadAsText()).isEqualTo("ho");
            MockConnection c = mock.awaitConnection(1, WAIT);
            assertThat(c).isOpen();
            assertThat(c.receivedTexts()).containsExactly("hi");
            assertThat(c.log().firstViolation()).get().extracting(WsEvent.Violation::rule)
                    .isEqualTo(ProtocolRule.CLIENT_FRAME_UNMASKED);
            assertThat(mock.stubUses().values()).containsExactly(1);
            assertThat(mock.isLenient()).isTrue();
        }
    }

    @Test
    @DisplayName("ConnectionPolicy.lenient() for the next connection only; the one after is strict again")
    void lenientForOneConnection() throws Exception {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onText("hi").sendText("ho"))
                .forNextConnections(1, ConnectionPolicy.defaults().lenient()).start()) {
            try (RawClient first = RawClient.connect(mock.uri("/").toString())) {
                first.send(Frame.text("hi"), Frame.text("hi").masked());
                RawClient.Received reply = first.read(WAIT);
                assertThat(reply.isFrame()).as("the stub's reply, got %s", reply).isTrue();
                assertThat(reply.frame().payloadAsText()).isEqualTo("ho");
            }
            try (RawClient second = RawClient.connect(mock.uri("/").toString())) {
                second.send(Frame.text("hi"));
                RawClient.Received close = second.read(WAIT);
                assertThat(close.isFrame()).as("a close frame, got %s", close).isTrue();
                assertThat(ClosePayload.decode(close.frame().payload()).code()).hasValue(1002);
            }
        }
    }

    @Test
    @DisplayName("a masked, legal conversation is untouched by the checks")
    void legalFramesPass() throws Exception {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onText("hi").sendText("ho")).start();
             RawClient client = RawClient.connect(mock.uri("/").toString())) {
            client.send(Frame.text("h").fin(false).masked(), Frame.continuation("i").masked());
            assertThat(client.read(WAIT).frame().payloadAsText()).isEqualTo("ho");
            assertThat(mock.awaitConnection(1, WAIT).log().violationCount()).isZero();
        }
    }
}
