package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.WsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ws-test conformance} through the same factory main uses. */
@Timeout(120)
class ConformanceCommandTest {

    static WsServer echo;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        echo = WsServer.builder().name("echo").lenient().start(); // lenient: Tyrus accepts unmasked frames
    }

    @AfterAll
    static void stop() {
        echo.close();
    }

    @Test
    @DisplayName("a compliant selection passes: summary per category on stdout, exit 0, JSON and HTML written")
    void passes() throws Exception {
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");
        Cli.Result r = Tool.run("", "conformance", echo.uri("/echo").toString(), "--include", "1.1.*,2.*",
                "--json", json.toString(), "--html", html.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("1").contains("OK");
        assertThat(Files.readString(json)).contains("\"1.1.1\"");
        assertThat(Files.readString(html)).contains("<html").contains("1.1.1");
        assertThat(r.err()).contains("JSON report: " + json).contains("HTML report: " + html);
    }

    @Test
    @DisplayName("Tyrus accepts unmasked client frames: ws.1 FAILED in both columns and exit 1, unless accepted")
    void failsAndAccepts() {
        Cli.Result failed = Tool.run("", "conformance", echo.uri("/echo").toString(), "--include", "ws.1", "-v");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(failed.out()).containsPattern("ws\\.1\\s+FAILED\\s+FAILED\\s+FAILED\\s+Send an UNMASKED")
                .contains("FAILED (behaviour / close behaviour):");
        assertThat(failed.err()).isEqualTo("ws-test conformance: 1 case(s) FAILED: ws.1\n");

        Cli.Result accepted = Tool.run("", "conformance", echo.uri("/echo").toString(), "--include", "ws.1",
                "--accept", "ws.1=Tyrus accepts unmasked frames");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
    }

    @Test
    @DisplayName("--verdicts with-close: Tyrus closes an impossible length with 1011, NON-STRICT, which --strict fails")
    void withClose() {
        String url = echo.uri("/echo").toString();
        Cli.Result autobahn = Tool.run("", "conformance", url, "--include", "ws.5", "--strict", "-v");
        assertThat(autobahn.exitCode()).as(autobahn.toString()).isZero();
        assertThat(autobahn.out()).containsPattern("ws\\.5\\s+OK\\s+OK\\s+WRONG CODE");
        Cli.Result strict = Tool.run("", "conformance", url, "--include", "ws.5", "--strict", "--verdicts", "with-close");
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(strict.out()).contains("(verdicts WITH_CLOSE_BEHAVIOUR)");
        Cli.Result bad = Tool.run("", "conformance", url, "--verdicts", "strictest");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(bad.err()).contains("expected autobahn or with-close");
    }

    @Test
    @DisplayName("an endpoint that does not echo cannot be tested: one line, exit 4")
    void notEchoing() {
        try (WsServer silent = WsServer.builder().behaviour(new ServerBehaviour() { }).start()) {
            Cli.Result r = Tool.run("", "conformance", silent.uri("/").toString(), "--include", "1.1.1");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONNECTION_FAILED);
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).startsWith("ws-test conformance: ");
        }
    }

    @Test
    @DisplayName("bad input is exit 3 with one line")
    void badInput() {
        Cli.Result badUrl = Tool.run("", "conformance", "http://127.0.0.1/");
        assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(badUrl.err()).contains("expected a ws:// or wss:// URL");
        Cli.Result noReason = Tool.run("", "conformance", echo.uri("/").toString(), "--accept", "ws.1=");
        assertThat(noReason.exitCode()).as(noReason.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noReason.err().lines()).hasSize(1);
    }
}
