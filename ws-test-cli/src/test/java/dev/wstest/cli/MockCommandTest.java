package dev.wstest.cli;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ws-test mock FILE.ws}: the mocks of a scenario file, or a recorded session, served by hand. */
@Timeout(120)
class MockCommandTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static Path feed(Path dir) throws IOException {
        return Files.writeString(dir.resolve("feed.ws"), String.join("\n",
                "server mock as feed",
                "  require header Authorization = \"Bearer ${TOKEN}\"",
                "  on connect send text \"welcome\"",
                "  on text \"ping\" send text \"pong\"",
                "  unmatched fail",
                "end",
                "connect ${feed.url}/ header \"Authorization: Bearer ${TOKEN}\"",
                "expect text \"welcome\"",
                ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    @DisplayName("serves the file's mock on --port, logs the activity with secrets redacted, stops on --timeout")
    void servesTheMockOfAFile() throws Exception {
        Path file = feed(dir);
        int port = freePort();
        try (Tool.Background mock = Tool.start("mock", file.toString(), "--port", String.valueOf(port),
                "--var", "TOKEN=s3cret", "--timeout", "3s")) {
            String url = mock.awaitOut("mock feed listening on (ws://127\\.0\\.0\\.1:\\d+/)", WAIT);
            assertThat(url).isEqualTo("ws://127.0.0.1:" + port + "/");
            assertThatHandshakeRefused(() -> WsClient.connect(url + "feed")).hasStatus(401);
            try (WsClient c = WsClient.builder(url + "feed").header("Authorization", "Bearer s3cret").connect()) {
                assertThat(c).receivesText("welcome");
                c.sendText("ping");
                assertThat(c).receivesText("pong");
            }
            Cli.Result r = mock.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).contains("(2 stub(s)); Ctrl-C stops it", "handshake GET /feed -> 401",
                    "[1] connected: /feed", "<- TEXT   ping", "mock feed stopped after 1 connection(s)")
                    .doesNotContain("s3cret");
        }
    }

    @Test
    @DisplayName("unmatched fail: a message no stub matched is reported at the end, exit 1")
    void unmatchedFails() throws Exception {
        Path file = feed(dir);
        try (Tool.Background mock = Tool.start("mock", file.toString(), "--var", "TOKEN=t", "--timeout", "3s")) {
            String url = mock.awaitOut("listening on (ws://\\S+/)", WAIT);
            try (WsClient c = WsClient.builder(url).header("Authorization", "Bearer t").connect()) {
                c.sendText("surprise");
                assertThat(c).receivesText("welcome");
            }
            Cli.Result r = mock.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
            assertThat(r.out()).contains("1 message(s) matched no stub", "TEXT \"surprise\"",
                    "a text message equal to \"ping\"");
        }
    }

    @Test
    @DisplayName("--replay plays a recorded session back")
    void replay() throws Exception {
        Path recorded = write("recorded.ws",
                "connect ws://prod:443/prices header \"Authorization: ${AUTHORIZATION}\"",
                "expect text \"hello\"",
                "send text \"subscribe\"",
                "expect text \"subscribed\"");
        try (Tool.Background mock = Tool.start("mock", "--replay", recorded.toString(), "--timeout", "3s")) {
            String url = mock.awaitOut("mock replay listening on (ws://\\S+/) \\(replaying ", WAIT);
            try (WsClient c = WsClient.connect(url + "prices")) {
                assertThat(c).receivesText("hello");
                c.sendText("subscribe");
                assertThat(c).receivesText("subscribed");
            }
            assertThat(mock.await(WAIT).exitCode()).isZero();
        }
    }

    @Test
    @DisplayName("bad input: no mock in the file, several mocks with --port, a syntax error, a missing file: exit 3")
    void badInput() throws Exception {
        Path none = write("none.ws", "server echo", "connect ${server.url}/");
        Cli.Result r = Tool.run("", "mock", none.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("declares no mock server", "for a recorded session use --replay");

        Path two = write("two.ws", "server mock as a", "end", "server mock as b", "end");
        r = Tool.run("", "mock", two.toString(), "--port", "8089");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("declares 2 mocks (a, b); choose the one for --port 8089 with --mock NAME");

        Path broken = write("broken.ws", "server mock as a", "  on txt \"x\" send text \"y\"", "end");
        r = Tool.run("", "mock", broken.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(broken + ":2:6: expected what the stub answers");

        r = Tool.run("", "mock", dir.resolve("missing.ws").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("ws-test mock: cannot read ");
    }

    @Test
    @DisplayName("--help lists the options and the exit codes")
    void help() {
        Cli.Result r = Tool.run("", "mock", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ws-test mock", "--port", "--replay", "--mock", "Exit codes:",
                "1   a mock with 'unmatched fail' received a message no stub matched");
    }

    @Test
    @DisplayName("a TERM signal (Ctrl-C) stops the mock cleanly: it prints its summary before the JVM exits")
    void stopsOnTerm() throws Exception {
        Path file = write("quiet.ws", "server mock as quiet", "  on connect send text \"hi\"", "end");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, "dev.wstest.cli.WsTestCli", "mock", file.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = p.getInputStream().read(buf)) > 0) {
                        synchronized (out) {
                            out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            Awaitility.await().atMost(WAIT).until(() -> {
                synchronized (out) {
                    return out.toString().contains("Ctrl-C stops it");
                }
            });
            // SIGTERM, which runs the shutdown hooks as Ctrl-C's SIGINT does; through the handle, because
            // Process.destroy() also closes our end of the child's output, which would lose what it prints next
            p.toHandle().destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            assertThat(out.toString()).contains("mock quiet listening on ws://127.0.0.1:",
                    "mock quiet stopped after 0 connection(s)");
        } finally {
            p.destroyForcibly();
        }
    }
}
