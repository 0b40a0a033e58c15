package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ws-test session} in a real terminal: tmux runs the command line's main in a pseudo-terminal, the test
 * types keys and reads the screen. Skipped locally when tmux is missing; fails on CI (CI=true), where .ci/run
 * must install it.
 */
@Timeout(180)
class SessionTmuxTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path TMUX = Path.of("/usr/bin/tmux");

    private final String socket = "ws-test-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void killTmux() throws Exception {
        if (Files.isExecutable(TMUX)) {
            tmux("kill-server");
        }
    }

    @Test
    @DisplayName("line editing, history, frames printed above the prompt, and Ctrl-D closing with 1000")
    void interactiveSession() throws Exception {
        requireTmux();
        try (WsServer echo = WsServer.echo()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = String.join(" ", quote(java), "-cp", quote(System.getProperty("java.class.path")),
                    "dev.wstest.cli.WsTestCli", "session", echo.uri("/tty").toString())
                    + "; echo EXIT=$?; read keep";
            tmux("new-session", "-d", "-s", "s", "-x", "160", "-y", "50", command);
            awaitScreen("type 'help' for the commands");
            awaitScreen("^>\\s*$"); // the prompt
            // typed with a typo, fixed by moving the cursor left: line editing
            tmux("send-keys", "-t", "s", "text helo", "Left", "l", "Enter");
            awaitScreen("<- TEXT   hello");
            // Up recalls the previous line: history
            tmux("send-keys", "-t", "s", "Up", "Enter");
            awaitScreen("(?s)<- TEXT   hello.*<- TEXT   hello");
            tmux("send-keys", "-t", "s", "C-d");
            String screen = awaitScreen("EXIT=0");
            assertThat(screen).contains("HTTP 101", "closed: 1000");
            ServerConnection c = echo.awaitConnection(1, WAIT);
            assertThat(c.receivedTexts()).containsExactly("hello", "hello");
        }
    }

    private String awaitScreen(String regex) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        String[] screen = {""};
        try {
            // A terminal screen offers no change event, so Awaitility re-reads it until it matches or the deadline.
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                screen[0] = tmux("capture-pane", "-p", "-t", "s");
                return p.matcher(screen[0]).find();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected the terminal to show /" + regex + "/ within " + WAIT.toSeconds()
                    + " s; screen:\n" + screen[0], e);
        }
        return screen[0];
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TMUX.toString(), "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tmux " + String.join(" ", args) + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void requireTmux() {
        if (!Files.isExecutable(TMUX)) {
            String msg = "tmux is not installed: apt-get install -y tmux";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(msg + " (.ci/run should have done this)");
            }
            Assumptions.abort(msg);
        }
    }
}
