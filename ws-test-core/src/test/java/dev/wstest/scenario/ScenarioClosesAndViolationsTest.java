package dev.wstest.scenario;

import static dev.wstest.scenario.ScenarioRunnerTest.assertPassed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.protocol.Frame;
import dev.wstest.testing.MisbehavingServer;
import dev.wstest.testing.RawServer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code expect closed cleanly|uncleanly|abnormally}, {@code expect no violations} and {@code connect ...
 * lenient} mean what the Java assertions and builder option of the same names mean, against peers that close
 * cleanly, never answer a close, drop TCP, or break RFC 6455 on purpose.
 */
@Timeout(60)
class ScenarioClosesAndViolationsTest {

    static ScenarioResult run(String url, String... lines) {
        ScenarioVariables vars = ScenarioVariables.builder().put("URL", url).build();
        return ScenarioRunnerTest.run(String.join("\n", lines), vars);
    }

    static String failure(ScenarioResult r) {
        assertThat(r.passed()).as("the scenario should fail").isFalse();
        return r.failure().orElseThrow().getMessage();
    }

    static int failedLine(ScenarioResult r) {
        return r.failure().orElseThrow().step().line();
    }

    @Test
    @DisplayName("closed cleanly: the embedded server answers the close; closed uncleanly then fails")
    void cleanClose() {
        assertPassed(ScenarioRunnerTest.run(String.join("\n",
                "server echo",
                "connect ${server.url}",
                "close 1000 \"bye\"",
                "expect closed cleanly within 5s")));
        ScenarioResult unclean = ScenarioRunnerTest.run(String.join("\n",
                "server echo",
                "connect ${server.url}",
                "close 1000 \"bye\"",
                "expect closed uncleanly"));
        assertThat(failure(unclean)).contains("to be closed uncleanly (closing handshake not completed)",
                "both close frames were exchanged, so this was a clean close.");
    }

    @Test
    @DisplayName("closed uncleanly: a server that never answers the close frame; closed cleanly then fails")
    void unansweredClose() throws Exception {
        RawServer.Script neverAnswers = conn -> {
            conn.accept();
            conn.awaitEof(Duration.ofSeconds(10));
        };
        try (RawServer server = RawServer.start(neverAnswers)) {
            String url = server.uri("/").toString();
            assertPassed(run(url,
                    "connect ${URL}",
                    "close 1000",
                    "expect closed uncleanly within 5s"));
            ScenarioResult clean = run(url,
                    "connect ${URL}",
                    "close 1000",
                    "expect closed cleanly within 5s");
            assertThat(failure(clean)).contains("to be closed cleanly (a close frame each way)",
                    "the server never answered the closing handshake");
            assertThat(failedLine(clean)).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("closed abnormally: a server that drops TCP without a close frame (1006)")
    void droppedConnection() throws Exception {
        RawServer.Script drops = conn -> {
            conn.accept();
            conn.read(Duration.ofSeconds(5)); // the client's "go"
            conn.close();
        };
        try (RawServer server = RawServer.start(drops)) {
            String url = server.uri("/").toString();
            assertPassed(run(url,
                    "connect ${URL}",
                    "send text \"go\"",
                    "expect closed abnormally within 5s",
                    "expect closed uncleanly"));
            ScenarioResult clean = run(url,
                    "connect ${URL}",
                    "send text \"go\"",
                    "expect closed cleanly within 5s");
            assertThat(failure(clean)).contains("to be closed cleanly", "1006");
        }
        ScenarioResult notAbnormal = ScenarioRunnerTest.run(String.join("\n",
                "server echo",
                "connect ${server.url}",
                "close 1000",
                "expect closed abnormally"));
        assertThat(failure(notAbnormal)).contains("to be closed abnormally (1006, no close frame)",
                "a close frame was exchanged, so this was not an abnormal closure.");
    }

    /** A masked server frame (a §5.1 violation), then a valid text message "after". */
    private static byte[] maskedThenAfter() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(Frame.text("masked").masked().toBytes());
        bytes.writeBytes(Frame.text("after").toBytes());
        return bytes.toByteArray();
    }

    @Test
    @DisplayName("no violations: passes against the embedded server, names the rule against a masking server")
    void noViolations() throws Exception {
        assertPassed(ScenarioRunnerTest.run(String.join("\n",
                "server echo",
                "connect ${server.url}",
                "send text \"hi\"",
                "expect text \"hi\"",
                "expect no violations")));
        try (MisbehavingServer server = MisbehavingServer.sending(maskedThenAfter())) {
            ScenarioResult strict = run(server.uri().toString(),
                    "connect ${URL}",
                    "send text \"go\"",
                    "expect text \"hello\"",
                    "expect closed 1002 within 5s",
                    "expect no violations");
            assertThat(failedLine(strict)).isEqualTo(5);
            assertThat(failure(strict)).contains("to see no protocol violations from the server", "but it saw 1.",
                    "§5.1: server frames must not be masked", "CLOSED");
        }
    }

    @Test
    @DisplayName("connect ... lenient: the violation is recorded, the connection stays open and goes on")
    void lenientConnect() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.sending(maskedThenAfter())) {
            ScenarioResult lenient = run(server.uri().toString(),
                    "connect ${URL} lenient",
                    "send text \"go\"",
                    "expect text \"hello\"",
                    "expect text \"after\"",
                    "expect no violations");
            assertThat(failedLine(lenient)).as("the steps before passed: the connection went on").isEqualTo(5);
            assertThat(failure(lenient)).contains("but it saw 1.", "§5.1: server frames must not be masked", "OPEN")
                    .doesNotContain("1002");
        }
        try (MisbehavingServer server = MisbehavingServer.sending(maskedThenAfter())) {
            ScenarioResult strict = run(server.uri().toString(),
                    "connect ${URL}",
                    "send text \"go\"",
                    "expect text \"hello\"",
                    "expect text \"after\" within 3s");
            assertThat(failedLine(strict)).as("without lenient the client fails the connection").isEqualTo(4);
            assertThat(failure(strict)).contains("1002");
        }
    }
}
