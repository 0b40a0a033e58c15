package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** echo-server keeps only recent connections; its log still shows every one, once. */
@Timeout(120)
class EchoServerLongRunTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @DisplayName("130 connections (more than the 100 closed ones the server keeps): each is logged exactly once")
    void everyConnectionLoggedOnce() {
        int n = 130;
        try (Tool.Background server = Tool.start("echo-server", "--count", String.valueOf(n), "--timeout", "100s")) {
            String url = server.awaitOut("listening on (ws://127\\.0\\.0\\.1:\\d+/)", WAIT);
            for (int i = 1; i <= n; i++) {
                try (WsClient c = WsClient.connect(url + "c" + i)) {
                    c.sendText("x" + i);
                    assertThat(c.log().awaitUntil(() -> c.receivedTexts().size() == 1, WAIT)).isTrue();
                }
            }
            Cli.Result r = server.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            for (int i = 1; i <= n; i++) {
                assertThat(Pattern.compile("handshake GET /c" + i + " -> 101").matcher(r.out()).results().count())
                        .as("handshake of /c%d", i).isEqualTo(1);
                assertThat(Pattern.compile("\\[" + i + "\\] connected: /c" + i + "\\b").matcher(r.out()).results()
                        .count()).as("connection %d", i).isEqualTo(1);
            }
            assertThat(r.out()).contains("echo-server stopped after " + n + " connection(s)");
        }
    }
}
