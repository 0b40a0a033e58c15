package dev.wstest.scenario;

import static dev.wstest.scenario.ScenarioRunnerTest.assertPassed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Handshake input written in a file is checked when the file loads (file:line:column), input that comes from
 * {@code ${...}} when the step runs; and the value of a {@code var} line whose name is secret never shows.
 */
@Timeout(60)
class ScenarioInputAndSecretsTest {

    private static ScenarioSyntaxException loadError(String text) {
        return catchThrowableOfType(() -> ScenarioLoader.parse("t.ws", text, ScenarioVariables.none()),
                ScenarioSyntaxException.class);
    }

    @Test
    @DisplayName("a header with a line break, a bad header name, a subprotocol that is not a token: load errors")
    void literalHandshakeInputIsCheckedAtLoadTime() {
        ScenarioSyntaxException crlf = loadError("server echo\nconnect ${server.url} header \"X-Test: a\\r\\nInjected: yes\"");
        assertThat(crlf).isNotNull();
        assertThat(crlf.line()).isEqualTo(2);
        assertThat(crlf.column()).isEqualTo(30);
        assertThat(crlf.problem()).isEqualTo("expected a header HTTP/1.1 can carry but the value of header X-Test"
                + " contains a line break (CR at index 1), which would end the header line and inject what follows;"
                + " a header value is one line");

        assertThat(loadError("connect ws://127.0.0.1:1/ header \"X Test: a\"").problem()).isEqualTo("expected a header"
                + " HTTP/1.1 can carry but \"X Test\" is not a valid header name: a name is letters, digits and"
                + " !#$%&'*+-.^_`|~ only (no spaces, colons or line breaks)");
        ScenarioSyntaxException subprotocol = loadError("connect ws://127.0.0.1:1/ subprotocol \"chat v2\"");
        assertThat(subprotocol.column()).isEqualTo(39);
        assertThat(subprotocol.problem()).startsWith("expected a subprotocol token but \"chat v2\" is not a valid"
                + " subprotocol name");
        ScenarioSyntaxException server = loadError("server echo subprotocol chat,v2");
        assertThat(server.column()).isEqualTo(25);
        assertThat(server.problem()).startsWith("expected a subprotocol token but \"chat,v2\" is not a valid"
                + " subprotocol name");
    }

    @Test
    @DisplayName("a mock's response or refusal header with a line break is a load error, as a client's is")
    void mockHeadersAreCheckedAtLoadTime() {
        assertThat(loadError("server mock as m\n  response header \"X-A: one\\r\\nX-Injected: two\"\nend"))
                .hasMessageStartingWith("t.ws:2:19: expected a header HTTP/1.1 can carry but the value of header X-A"
                        + " contains a line break (CR at index 3)");
        assertThat(loadError("server mock as m\n  require header Authorization else 401 header \"X B: c\"\nend"))
                .hasMessageStartingWith("t.ws:2:48: expected a header HTTP/1.1 can carry but \"X B\" is not a valid"
                        + " header name");
    }

    @Test
    @DisplayName("a header value from ${...} is checked when the step runs, with the same rule")
    void templatedHeaderIsCheckedAtRunTime() {
        ScenarioVariables vars = ScenarioVariables.builder().put("EVIL", "a\r\nInjected: yes").build();
        ScenarioResult r = ScenarioRunnerTest.run(String.join("\n",
                "server echo",
                "connect ${server.url} header \"X-Test: ${EVIL}\""), vars);
        assertThat(r.passed()).isFalse();
        assertThat(r.failure().orElseThrow().getMessage()).contains("the value of header X-Test contains a line"
                + " break (CR at index 1)");
    }

    @Test
    @DisplayName("var lines with secret names: their values appear in no step text, failure message or frame log")
    void secretVarsNeverShow() {
        String written = "s3cr3t-written-in-the-file";
        String built = "built-at-run-time-9f8e7d";
        ScenarioVariables vars = ScenarioVariables.builder().put("SUFFIX", "9f8e7d").build();
        ScenarioResult r = ScenarioRunnerTest.run(String.join("\n",
                "var API_TOKEN = " + written,
                "var SESSION_ID = built-at-run-time-${SUFFIX}",
                "var TOKEN = \"abc\"",
                "server echo",
                "connect ${server.url}",
                "send text \"${API_TOKEN} ${SESSION_ID}\"",
                "expect text \"${API_TOKEN} ${SESSION_ID}\"",
                "send text \"token=${TOKEN}\"",
                "expect text \"something else\" within 300ms"), vars);
        assertThat(r.passed()).isFalse();
        List<String> outputs = new ArrayList<>();
        outputs.add(r.failure().orElseThrow().getMessage());
        r.steps().forEach(s -> outputs.add(s.step().text()));
        r.connections().forEach(c -> outputs.add(c.formatLog()));
        assertThat(String.join("\n", outputs)).contains("var API_TOKEN = <redacted 26 chars>",
                        "var SESSION_ID = <redacted 27 chars>", "var TOKEN = <redacted 3 chars>",
                        "expect text \"something else\"", "<redacted 26 chars>")
                .doesNotContain(written, built, "\"abc\"");
    }

    @Test
    @DisplayName("the fallback of a ${...} whose name is secret appears in no step text, failure message or frame log")
    void secretFallbacksNeverShow() {
        String fallback = "f4llback-dev-key-1a2b";
        ScenarioResult r = ScenarioRunnerTest.run(String.join("\n",
                "server echo",
                "connect ${server.url}",
                "send text \"key ${DEV_API_KEY:-" + fallback + "} and ${GREETING:-hello-there}\"",
                "expect text \"something else\" within 300ms"));
        assertThat(r.passed()).isFalse();
        List<String> outputs = new ArrayList<>();
        outputs.add(r.failure().orElseThrow().getMessage());
        r.steps().forEach(s -> outputs.add(s.step().text()));
        r.connections().forEach(c -> outputs.add(c.formatLog()));
        assertThat(String.join("\n", outputs))
                .contains("send text \"key ${DEV_API_KEY:-<redacted 21 chars>} and ${GREETING:-hello-there}\"")
                .contains("\"key <redacted 21 chars> and hello-there\"")
                .doesNotContain(fallback);
    }

    @Test
    @DisplayName("var lines with other names, or only ${...} references, stay as written")
    void otherVarsStayAsWritten() {
        ScenarioResult r = ScenarioRunnerTest.run(String.join("\n",
                "var GREETING = greeting-4b3a21",
                "var TOKEN = ${GREETING}",
                "server echo",
                "connect ${server.url}",
                "send text \"${GREETING}\"",
                "expect text \"greeting-4b3a21\""));
        assertPassed(r);
        assertThat(r.steps()).extracting(s -> s.step().text()).startsWith("var GREETING = greeting-4b3a21",
                "var TOKEN = ${GREETING}");
    }
}
