package dev.wstest.cli;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.testing.Peer;
import dev.wstest.client.WsClient;
import dev.wstest.record.EventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ProxyCommandTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("the proxy relays text, binary, pings and the close code both ways, logs both sides, and --record"
            + " writes a scenario that ws-test run passes against the target")
    void relayAndRecord() throws Exception {
        Path ws = dir.resolve("proxied.ws");
        try (Peer peer = Peer.start(Peer.Kind.PYTHON_WEBSOCKETS);
             Tool.Background proxy = Tool.start("proxy", "--target", peer.uri("/").toString(), "--record",
                     ws.toString(), "--count", "2", "--timeout", "60s")) {
            String url = proxy.awaitOut("listening on (ws://127\\.0\\.0\\.1:\\d+)/", WAIT);
            // /ping: the python peer pings first ("hb"), then echoes
            try (WsClient c = WsClient.builder(url + "/ping").header("Authorization", "Bearer s3cret").connect()) {
                assertThat(c.log().awaitUntil(() -> !c.log().events(e -> e.isInbound() && e.type() == EventType.PING
                        && e.text().equals("hb")).isEmpty(), WAIT)).as(proxy.toString()).isTrue();
                c.sendText("hello").sendBinary(new byte[] {1, 2, 3}).sendPing("p1".getBytes(StandardCharsets.UTF_8));
                assertThat(c).receivesText("hello").receivesBinary(new byte[] {1, 2, 3}).receivesPong();
                c.close(4005, "client done");
                assertThat(c).isClosed();
            }
            // /close4001: the peer closes at once with 4001; the proxy passes the code on
            try (WsClient c = WsClient.connect(url + "/close4001")) {
                assertThat(c.log().awaitUntil(() -> c.closeStatus().isPresent(), WAIT)).isTrue();
                assertThat(c.closeStatus().orElseThrow().code()).isEqualTo(4001);
                assertThat(c.closeStatus().orElseThrow().reason()).isEqualTo("bye from python");
            }
            Cli.Result r = proxy.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("[1] client connected: /ping -> " + peer.uri("/ping"),
                    "[1] target ", "<- PING   \"hb\"", "[1] client ", "<- TEXT   hello", "<- BINARY 0x010203",
                    "<- CLOSE  4005 \"client done\"", "[2] target ", "4001 \"bye from python\"",
                    "scenario written to " + ws).doesNotContain("s3cret");

            String scenario = Files.readString(ws);
            assertThat(scenario).contains("var TARGET = " + peer.uri("").toString().replaceAll("/$", ""),
                    "scenario \"connection 1 /ping\"", "connect ${TARGET}/ping header \"authorization: ${AUTHORIZATION}\"",
                    "expect ping \"hb\"", "send text \"hello\"", "expect text \"hello\"", "send binary hex \"01 02 03\"",
                    "close 4005 \"client done\"", "scenario \"connection 2 /close4001\"",
                    "expect closed 4001 \"bye from python\"").doesNotContain("s3cret");
            Cli.Result run = Cli.run("run", ws.toString(), "--var", "AUTHORIZATION=x");
            assertThat(run.exitCode()).as(run + "\n" + scenario).isZero();
            assertThat(run.out()).contains("2 passed");
        }
    }

    @Test
    @DisplayName("--max-message-size holds on the target side too: a bigger message from the target is refused with 1009")
    void messageSizeLimitAppliesUpstream() throws Exception {
        try (dev.wstest.server.WsServer target = dev.wstest.server.WsServer.echo();
             Tool.Background proxy = Tool.start("proxy", "--target", target.uri().toString(), "--max-message-size",
                     "1KiB", "--count", "1", "--timeout", "60s")) {
            String url = proxy.awaitOut("listening on (ws://127\\.0\\.0\\.1:\\d+)/", WAIT);
            try (WsClient c = WsClient.connect(url + "/")) {
                c.sendText("small");
                assertThat(c).receivesText("small");
                // the target itself sends 2 KiB: before, the proxy's connection to it kept the default 4 MiB limit
                dev.wstest.server.ServerConnection upstream = target.awaitConnection(1, WAIT);
                upstream.sendText("x".repeat(2048));
                assertThat(target.awaitUntil(t -> upstream.closeStatus().isPresent(), WAIT)).isTrue();
                assertThat(upstream.closeStatus().orElseThrow().code()).as(proxy.toString()).isEqualTo(1009);
            }
        }
    }

    @Test
    @DisplayName("an unreachable target closes the client with 1014 and says why")
    void unreachableTarget() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Tool.Background proxy = Tool.start("proxy", "--target", "ws://127.0.0.1:" + port + "/", "--count", "1",
                "--timeout", "60s")) {
            String url = proxy.awaitOut("listening on (ws://127\\.0\\.0\\.1:\\d+)/", WAIT);
            try (WsClient c = WsClient.connect(url + "/")) {
                assertThat(c.log().awaitUntil(() -> c.closeStatus().isPresent(), WAIT)).isTrue();
                assertThat(c.closeStatus().orElseThrow().code()).isEqualTo(1014);
            }
            Cli.Result r = proxy.await(WAIT);
            assertThat(r.out()).contains("target refused: ", "connection refused", "closing the client with 1014",
                    "proxy stopped after 1 connection(s) (1 not forwarded)");
        }
    }
}
