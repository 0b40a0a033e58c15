package dev.wstest.assertions;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.protocol.Frame;
import dev.wstest.server.WsServer;
import dev.wstest.testing.MisbehavingServer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A violation is never a message, and when an expectation fails on a connection where the server broke
 * RFC 6455, the failure says so first. {@code hasNoProtocolViolations()}: one passing, one failing case.
 */
@Timeout(60)
class ProtocolViolationAssertTest {

    static final Duration SHORT = Duration.ofMillis(300);

    @Test
    @DisplayName("hasNoProtocolViolations passes against a server that keeps to the RFC")
    void noViolationsPasses() {
        try (WsServer server = WsServer.echo(); WsClient client = WsClient.connect(server.uri("/ok"))) {
            client.sendText("fine");
            assertThat(client).receivesText("fine").hasNoProtocolViolations();
        }
    }

    @Test
    @DisplayName("hasNoProtocolViolations fails with the rule, the frame and the verdict")
    void noViolationsFails() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.sending(Frame.text("Hello").masked(new byte[] {1, 2, 3, 4})
                .toBytes()); WsClient client = WsClient.builder(server.uri()).name("c").connect()) {
            client.sendText("go");
            server.awaitOutcome();
            assertThatThrownBy(() -> assertThat(client).hasNoProtocolViolations())
                    .isInstanceOf(AssertionError.class)
                    .satisfies(e -> assertThat(e.getMessage().lines().limit(4)).containsExactly(
                            "The server broke RFC 6455 at +" + client.log().violations().get(0).sinceOpen().toMillis()
                                    + ": §5.1: server frames must not be masked (masked with key 0x01020304); the"
                                    + " client failed the connection with 1002.",
                            "Expecting client \"c\" (" + server.uri() + ", CLOSED)",
                            "to see no protocol violations from the server",
                            "but it saw 1."))
                    .hasMessageContaining("VIOLATION §5.1: server frames must not be masked (masked with key"
                            + " 0x01020304) \u2014 TEXT frame, 5 bytes (not read)   <- violation");
        }
    }

    @Test
    @DisplayName("invalid UTF-8 is never text: receivesTextContaining fails, and its first line names the violation")
    void invalidUtf8IsNotText() throws Exception {
        byte[] cafe = {'c', 'a', 'f', (byte) 0xe9}; // Latin-1, not UTF-8
        try (MisbehavingServer server = MisbehavingServer.sending(Frame.text(cafe).toBytes());
             WsClient client = WsClient.builder(server.uri()).name("c").connect()) {
            client.sendText("go");
            server.awaitOutcome();
            assertThat(client).receivesText("hello");
            assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesTextContaining("caf"))
                    .isInstanceOf(AssertionError.class)
                    .satisfies(e -> assertThat(e.getMessage().lines().findFirst().orElseThrow())
                            .startsWith("The server broke RFC 6455 at +")
                            .endsWith(": §8.1: text messages must be valid UTF-8 (the message ends inside a UTF-8"
                                    + " sequence); the client failed the connection with 1007."))
                    .hasMessageContaining("to receive a text message containing \"caf\"");
            assertThat(client.receivedTexts()).containsExactly("hello");
        }
    }

    @Test
    @DisplayName("a lenient client says it left the connection to Tyrus")
    void lenientSaysSo() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.sending(Frame.text("Hello").masked(new byte[] {1, 2, 3, 4})
                .toBytes()); WsClient client = WsClient.builder(server.uri()).name("c").lenient().connect()) {
            client.sendText("go");
            assertThat(client.log().awaitUntil(() -> client.log().violationCount() > 0, Duration.ofSeconds(5))).isTrue();
            assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesText("Hello"))
                    .satisfies(e -> assertThat(e.getMessage().lines().findFirst().orElseThrow())
                            .endsWith("; the client is lenient, so it left the connection to Tyrus."));
        }
    }
}
