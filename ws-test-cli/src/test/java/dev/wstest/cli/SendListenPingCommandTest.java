package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.server.WsServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SendListenPingCommandTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final WsServer echo = WsServer.echo();

    @AfterEach
    void stop() {
        echo.close();
    }

    @Test
    @DisplayName("send prints the replies asked for and exits 0")
    void sendPrintsReplies() {
        Cli.Result r = Tool.run("", "send", echo.uri("/x").toString(), "hello", "--replies", "1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("hello\n");
        assertThat(echo.awaitConnection(1, WAIT).receivedTexts()).containsExactly("hello");
    }

    @Test
    @DisplayName("send exits 5 with one line when fewer replies come than asked for")
    void sendMissingReplies() {
        Cli.Result r = Tool.run("", "send", echo.uri("/x").toString(), "hello", "--replies", "2", "--timeout", "300ms");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.out()).isEqualTo("hello\n");
        assertThat(r.err()).isEqualTo("ws-test send: expected 2 replies but got 1: no more within 300 ms\n");
    }

    @Test
    @DisplayName("send - sends each stdin line and prints replies as JSON lines")
    void sendStdinJson() {
        Cli.Result r = Tool.run("one\n{\"n\": 2}\n", "send", echo.uri("/x").toString(), "-", "--replies", "1", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("\"direction\":\"in\"", "\"type\":\"text\"", "\"text\":\"one\"");
        assertThat(lines[1]).contains("\"json\":{\"n\":2}");
    }

    @Test
    @DisplayName("a refused connection is one line and exit 4; the stack trace only with --debug")
    void refusedConnection() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Result r = Tool.run("", "send", "ws://127.0.0.1:" + port + "/", "x");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONNECTION_FAILED);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("ws-test send: ").contains("connection refused");
        Cli.Result debug = Tool.run("", "send", "ws://127.0.0.1:" + port + "/", "x", "--debug");
        assertThat(debug.exitCode()).isEqualTo(ExitCodes.CONNECTION_FAILED);
        assertThat(debug.err()).contains("\tat ");
    }

    @Test
    @DisplayName("a refused handshake names the HTTP status; a bad URL or option is exit 3")
    void refusedHandshakeAndBadInput() {
        try (WsServer guarded = WsServer.builder().requireHeader("Authorization", "Bearer s3cret").start()) {
            Cli.Result r = Tool.run("", "ping", guarded.uri("/").toString(), "-H", "Authorization: Bearer wrong");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONNECTION_FAILED);
            assertThat(r.err()).contains("HTTP 401").doesNotContain("wrong");
            assertThat(r.err().lines()).hasSize(1);
        }
        Cli.Result badUrl = Tool.run("", "listen", "http://127.0.0.1/");
        assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(badUrl.err()).isEqualTo("ws-test listen: expected a ws:// or wss:// URL but got 'http://127.0.0.1/'\n");
        Cli.Result fragment = Tool.run("", "send", echo.uri() + "#frag", "hi");
        assertThat(fragment.exitCode()).as(fragment.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(fragment.err()).contains("has a fragment (#frag)").hasLineCount(1);
        Cli.Result badHeader = Tool.run("", "send", echo.uri().toString(), "x", "-H", "nocolon");
        assertThat(badHeader.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(badHeader.err()).contains("-H expects 'Name: value'");
    }

    @Test
    @DisplayName("listen prints matching messages until --count, then exits 0")
    void listenCountAndMatch() {
        try (WsServer room = WsServer.broadcast();
             Tool.Background listen = Tool.start("listen", room.uri("/room").toString(), "--count", "2",
                     "--match", "order", "--timeout", "20s")) {
            room.awaitConnection(1, WAIT);
            try (WsClient c = WsClient.connect(room.uri("/room"))) {
                c.sendText("order 1").sendText("noise").sendText("{\"order\": 2}").sendText("order 3");
                Cli.Result r = listen.await(WAIT);
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out()).isEqualTo("order 1\n{\"order\": 2}\n");
                assertThat(r.err()).contains("listening on ws://");
            }
        }
    }

    @Test
    @DisplayName("listen --timeout without enough messages exits 5; --pretty prints JSON indented")
    void listenTimeout() {
        try (WsServer room = WsServer.broadcast();
             Tool.Background listen = Tool.start("listen", room.uri("/").toString(), "--count", "2", "--pretty",
                     "--timeout", "1s")) {
            room.awaitConnection(1, WAIT);
            try (WsClient c = WsClient.connect(room.uri("/"))) {
                c.sendText("{\"a\":1}");
                Cli.Result r = listen.await(WAIT);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INCOMPLETE);
                assertThat(r.out()).isEqualTo("{\n  \"a\" : 1\n}\n");
                assertThat(r.err()).contains("ws-test listen: expected 2 message(s) but got 1: no more within 1000 ms");
            }
        }
    }

    @Test
    @DisplayName("file transfer: send --file on one side, listen -o on the other, through echo-server --broadcast")
    void fileTransfer() throws Exception {
        byte[] data = new byte[200_000];
        new Random(42).nextBytes(data);
        Path file = Files.write(dir.resolve("photo.bin"), data);
        Path received = dir.resolve("received.bin");
        try (Tool.Background server = Tool.start("echo-server", "--broadcast", "--timeout", "60s")) {
            String url = server.awaitOut("listening on (ws://\\S+/)", WAIT);
            try (Tool.Background listen = Tool.start("listen", url + "files", "--count", "1", "-o", received.toString())) {
                listen.err.await(java.util.regex.Pattern.compile("listening on"), WAIT, listen);
                server.awaitOut("\\[1\\] connected", WAIT);
                Cli.Result sent = Tool.run("", "send", url + "files", "--file", file.toString());
                assertThat(sent.exitCode()).as(sent.toString()).isZero();
                Cli.Result r = listen.await(WAIT);
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.err()).contains("saved 200000 bytes to " + received);
                assertThat(Files.readAllBytes(received)).isEqualTo(data);
            }
        }
    }

    @Test
    @DisplayName("ping prints each round trip and min/avg/max/p99")
    void ping() {
        Cli.Result r = Tool.run("", "ping", echo.uri("/").toString(), "--count", "3", "--interval", "50ms");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("pong 1: 9 bytes, time=\\d+\\.\\d\\d ms")
                .contains("pong 3:", "3 sent, 3 pong(s), 0% lost")
                .containsPattern("rtt min/avg/max/p99 = [\\d.]+/[\\d.]+/[\\d.]+/[\\d.]+ ms");
        assertThat(echo.awaitConnection(1, WAIT).log().events(e -> e.isInbound()
                && e.type() == dev.wstest.record.EventType.PING)).hasSize(3);
    }
}
