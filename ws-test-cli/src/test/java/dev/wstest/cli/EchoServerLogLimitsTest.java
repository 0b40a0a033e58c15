package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * echo-server keeps little of each conversation (it prints events as they come and never looks back), and
 * says so when its printer falls behind what the log still holds.
 */
@Timeout(120)
class EchoServerLogLimitsTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @DisplayName("a printer held up while 3,000 messages pass prints an elision marker, then the newest messages"
            + " and the close")
    void printerBehindTheLogShowsWhatWasElided() throws Exception {
        GatedOutput out = new GatedOutput();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> WsTestCli.commandLine(
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(Writer.nullWriter()),
                WsTestCli.Terminal.none()).execute("echo-server", "--count", "1", "--timeout", "100s"),
                r -> new Thread(r, "echo-server under test").start());
        String url = out.await("listening on (ws://127\\.0\\.0\\.1:\\d+/)", WAIT);
        int n = 3_000;
        String padding = "x".repeat(1000);
        try (WsClient c = WsClient.connect(url + "long")) {
            out.await("\\[1] connected: /long", WAIT);
            out.shut(); // the printer blocks on its next line, as on a terminal that stopped reading
            for (int i = 0; i < n; i++) {
                c.sendText("m" + i + " " + padding);
            }
            assertThat(c.log().awaitUntil(() -> c.receivedTexts().size() == n, WAIT)).as("echoes").isTrue();
            out.open();
        }
        assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        String text = out.toString();
        assertThat(text).containsPattern("\\[1] … [\\d,]+ events elided \\(log limits: first 0, last 1,000 events,"
                + " 1 MiB\\) …");
        assertThat(text).contains("<- TEXT   m" + (n - 1) + " x").contains("[1] disconnected: 1000");
        assertThat(text.indexOf("events elided")).as("the marker comes before the newest message")
                .isLessThan(text.indexOf("m" + (n - 1) + " x"));
    }

    /** Standard output that can stop taking lines, as a terminal that stopped reading does. */
    static final class GatedOutput extends Tool.Buffer {
        private boolean shut;

        synchronized void shut() {
            shut = true;
        }

        synchronized void open() {
            shut = false;
            notifyAll();
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            try {
                while (shut) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            super.write(buf, off, len);
        }

        String await(String regex, Duration timeout) {
            return await(Pattern.compile(regex), timeout, this);
        }
    }
}
