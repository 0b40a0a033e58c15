package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.client.WsHandshakeException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class EchoServerCommandTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @DisplayName("echo-server prints its ephemeral port, refuses without the required header (401), logs handshakes"
            + " with secrets redacted, echoes, and stops after --count connections")
    void echoServerWithRequiredHeader() {
        try (Tool.Background server = Tool.start("echo-server", "--require-header", "X-Api-Key: s3cret-key",
                "--subprotocol", "chat.v2", "--count", "1", "--timeout", "60s")) {
            String url = server.awaitOut("listening on (ws://127\\.0\\.0\\.1:\\d+/)", WAIT);
            assertThatThrownBy(() -> WsClient.connect(url + "nope"))
                    .isInstanceOfSatisfying(WsHandshakeException.class, e -> assertThat(e.status()).isEqualTo(401));
            try (WsClient c = WsClient.builder(url + "chat").header("X-Api-Key", "s3cret-key")
                    .subprotocols("chat.v2").connect()) {
                assertThat(c.subprotocol()).hasValue("chat.v2");
                c.sendText("hello");
                assertThat(c.log().awaitUntil(() -> c.receivedTexts().contains("hello"), WAIT)).isTrue();
            }
            Cli.Result r = server.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("handshake GET /nope -> 401", "(refused)", "handshake GET /chat -> 101",
                    "[1] connected: /chat", "<- TEXT   hello", "[1] disconnected: 1000",
                    "echo-server stopped after 1 connection(s)")
                    .containsPattern("(?i)x-api-key: <redacted")
                    .doesNotContain("s3cret-key");
        }
    }

    @Test
    @DisplayName("chat: two piped sessions talk through echo-server --broadcast")
    void chatBetweenTwoSessions() {
        try (Tool.Background server = Tool.start("echo-server", "--broadcast", "--count", "2", "--timeout", "60s")) {
            String url = server.awaitOut("listening on (ws://\\S+/)", WAIT);
            try (Tool.Background alice = Tool.start("session", url + "room");
                 Tool.Background bob = Tool.start("session", url + "room")) {
                alice.awaitOut("HTTP 101", WAIT);
                bob.awaitOut("HTTP 101", WAIT);
                server.awaitOut("\\[2\\] connected", WAIT);
                alice.type("text hi bob");
                bob.awaitOut("<- TEXT   hi bob", WAIT);
                bob.type("text hi alice");
                alice.awaitOut("<- TEXT   hi alice", WAIT);
                alice.type("quit");
                bob.endInput();
                assertThat(alice.await(WAIT).exitCode()).isZero();
                assertThat(bob.await(WAIT).exitCode()).isZero();
            }
            Cli.Result r = server.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("[1] ", "<- TEXT   hi bob", "[2] ", "<- TEXT   hi alice",
                    "stopped after 2 connection(s)");
        }
    }

    @Test
    @DisplayName("a port in use is one line and exit 3; --timeout stops the server")
    void portInUseAndTimeout() {
        try (Tool.Background first = Tool.start("echo-server", "--timeout", "1s")) {
            String port = first.awaitOut("listening on ws://127\\.0\\.0\\.1:(\\d+)/", WAIT);
            Cli.Result second = Tool.run("", "echo-server", "--port", port, "--timeout", "1s");
            assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(second.err()).startsWith("ws-test echo-server: ").contains("cannot listen on 127.0.0.1:" + port);
            assertThat(second.err().lines()).hasSize(1);
            Cli.Result r = first.await(WAIT);
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("echo-server stopped after 0 connection(s)");
        }
    }
}
