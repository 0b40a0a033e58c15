package dev.wstest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scenarios run against embedded servers the scenarios start themselves. */
@Timeout(60)
class ScenarioRunnerTest {

    static ScenarioResult run(String text) {
        return run(text, ScenarioVariables.none());
    }

    static ScenarioResult run(String text, ScenarioVariables vars) {
        Scenario s = ScenarioLoader.parse("t.ws", text, vars).scenarios().get(0);
        return ScenarioRunner.builder().variables(vars).defaultTimeout(Duration.ofSeconds(5)).build().run(s);
    }

    static void assertPassed(ScenarioResult r) {
        assertThat(r.passed()).as(() -> r.failure().map(Throwable::getMessage).orElse("")).isTrue();
    }

    @Test
    void echoRoundTripWithEveryKindOfMessage() {
        ScenarioResult r = run(String.join("\n",
                "server echo",
                "connect ${server.url}/echo as me",
                "expect handshake status 101",
                "send text \"hello\"",
                "expect text \"hello\"",
                "send text \"one two three\" in 3 frames",
                "expect next text \"one two three\" within 2s",
                "send json {\"type\": \"say\", \"n\": 1}",
                "expect json {\"n\": 1.0, \"type\": \"say\"}",
                "send json {\"user\": {\"id\": \"u-42\", \"tags\": [\"a\", \"b\"]}}",
                "expect json contains {\"user\": {\"id\": \"u-42\"}}",
                "capture json $.user.id as uid",
                "send text \"id=${uid}; tag=x\"",
                "expect text matches \"id=u-\\\\d+; .*\"",
                "capture regex \"tag=(\\\\w+)\" as tag",
                "send json {\"echo\": \"${uid}-${tag}\", \"tags\": [\"a\"]}",
                "expect json $.echo = \"u-42-x\"",
                "send json {\"tags\": [\"a\", 2]}",
                "expect json $.tags[-1] = 2.0",
                "send binary hex \"0a ff\"",
                "expect binary base64 \"Cv8=\"",
                "send fragments \"frag\" \"ment\"",
                "expect text contains \"ragm\"",
                "ping \"hb\"",
                "expect pong \"hb\"",
                "expect nothing within 200ms",
                "repeat 3 as i",
                "  send text \"n${i}\"",
                "  expect text \"n${i}\"",
                "end",
                "close 4001 \"bye\"",
                "expect closed 4001 \"bye\""));
        assertPassed(r);
        assertThat(r.steps()).hasSize(34);
        assertThat(r.steps().get(28).round()).isEqualTo(2);
        assertThat(r.connections()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("me"));
    }

    @Test
    @DisplayName("server echo tls: wss:// with the generated certificate; trust NAME trusts exactly it")
    void tlsServer() {
        assertPassed(run(String.join("\n",
                "server echo as secure tls",
                "connect ${secure.url}/chat trust secure",
                "send text \"over tls\"",
                "expect text \"over tls\"")));
        ScenarioResult untrusted = run("server echo as secure tls\nconnect ${secure.url}/chat\n");
        assertThat(untrusted.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("Step failed at t.ws:2", "the TLS handshake failed");
    }

    @Test
    @DisplayName("connect ... expect refused fails when the server accepts the upgrade, and opens nothing")
    void expectRefusedButAccepted() {
        ScenarioResult r = run("server echo\nconnect ${server.url}/x expect refused 401\n");
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("Step failed at t.ws:2:", "Expecting the server to refuse the upgrade of client",
                        "with HTTP 401", "but it accepted it (HTTP 101)");
    }

    @Test
    @DisplayName("server mock without ws-test-mock on the classpath names the dependency to add")
    void mockWithoutTheMockModule() {
        ScenarioResult r = run("server mock as feed\n  on text \"a\" send text \"b\"\nend\n");
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("Step failed at t.ws:1", "server mock needs ws-test-mock on the classpath",
                        "dev.wstest:ws-test-mock");
    }

    @Test
    void broadcastToNamedConnections() {
        ScenarioResult r = run(String.join("\n",
                "server broadcast as hub subprotocol chat.v2",
                "connect ${hub.url}/chat as alice subprotocol chat.v2 header \"X-User: alice\"",
                "expect alice subprotocol chat.v2",
                "expect alice handshake header Sec-WebSocket-Protocol = chat.v2",
                "connect ${hub.url}/chat as bob",
                "expect bob no subprotocol",
                "send alice json {\"type\": \"say\", \"text\": \"hi\"}",
                "expect bob json {\"type\": \"say\", \"text\": \"hi\"} within 2s",
                "expect alice json $.text = \"hi\""));
        assertPassed(r);
        assertThat(r.connections()).extracting(c -> c.name()).containsExactly("alice", "bob");
    }

    @Test
    void aFailedStepNamesFileLineTheStepAndEveryFrameLog() {
        List<String> events = new ArrayList<>();
        Scenario s = ScenarioLoader.parse("chat.ws", String.join("\n",
                "server echo",
                "connect ${server.url} as alice",
                "connect ${server.url} as bob",
                "send alice text \"hello\"",
                "expect alice text \"HELLO\" within 300ms",
                "send alice text \"never sent\""), ScenarioVariables.none()).scenarios().get(0);
        ScenarioResult r = ScenarioRunner.builder().build().run(s, new ScenarioListener() {
            @Override
            public void stepFinished(StepResult result) {
                events.add(result.step().line() + ":" + result.passed());
            }
        });
        assertThat(r.passed()).isFalse();
        assertThat(events).containsExactly("1:true", "2:true", "3:true", "4:true", "5:false");
        ScenarioFailure f = r.failure().orElseThrow();
        assertThat(f.step().line()).isEqualTo(5);
        assertThat(f.getMessage())
                .startsWith("Step failed at chat.ws:5:\n  expect alice text \"HELLO\" within 300ms\n\n")
                .contains("Expecting client \"alice\"", "to receive a text message equal to \"HELLO\"", "\"hello\"", "within 300ms")
                .contains("Other connections:\n  client \"bob\"")
                .contains("(nothing sent or received)");
        assertThat(f.getCause()).isInstanceOf(AssertionError.class);
    }

    @Test
    void aRefusedConnectionFailsTheStepWithTheReason() {
        ScenarioResult r = run("connect ws://127.0.0.1:1/nobody timeout 2s");
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString()
                .startsWith("Step failed at t.ws:1:\n  connect ws://127.0.0.1:1/nobody timeout 2s\n\n")
                .contains("127.0.0.1:1");
    }

    @Test
    void varDefaultsYieldToOutsideValuesAndCaptureWithoutAMatchFails() {
        ScenarioVariables vars = ScenarioVariables.builder().put("WORD", "outside").build();
        ScenarioResult r = run(String.join("\n",
                "var WORD = inside",
                "var OTHER = kept",
                "server echo",
                "connect ${server.url}",
                "send text \"${WORD} ${OTHER}\"",
                "expect text \"outside kept\"",
                "capture regex \"(nope)\" as x"), vars);
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("Step failed at t.ws:7", "Cannot capture x: /(nope)/ does not match the last matched message");
    }

    @Test
    @DisplayName("the steps the round trip does not use run too: fragments, headers, pongs, sleep, close")
    void theOtherSteps() {
        ScenarioResult r = run(String.join("\n",
                "server echo as srv",
                "connect ${srv.url} as a",
                "expect a handshake status 101",
                "expect a handshake header Upgrade",
                "expect a handshake header Upgrade matches \"(?i)websocket\"",
                "send binary hex \"01 02\" hex \"03\"",
                "expect next binary hex \"010203\"",
                "send binary base64 \"AQ==\"",
                "expect binary base64 \"AQ==\" within 2s",
                "send fragments \"single\"",
                "expect next text \"single\"",
                "send json [1, 2]",
                "expect next json contains [1, 2]",
                "send text \"x\"",
                "expect json $ = \"never\" within 100ms"));
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("Step failed at t.ws:15", "to receive a JSON message with $ = \"never\"");
        assertThat(r.steps()).hasSize(15);

        ScenarioResult ok = run(String.join("\n",
                "server echo",
                "connect ${server.url}",
                "pong \"unsolicited\"",
                "ping hex \"0102\"",
                "expect pong hex \"0102\" within 2s",
                "sleep 1ms",
                "wait 1ms",
                "close 4000",
                "expect closed 4000"));
        assertPassed(ok);
    }

    @Test
    @DisplayName("capture says why it cannot: no match yet, not JSON, no such path")
    void captureFailures() {
        String prefix = "server echo\nconnect ${server.url}\n";
        assertThat(run(prefix + "capture json $.a as x").failure()).get().extracting(Throwable::getMessage)
                .asString().contains("Cannot capture x from client \"default\"",
                        "no message was matched by an expect step yet");
        assertThat(run(prefix + "send text \"plain\"\nexpect text \"plain\"\ncapture json $.a as x").failure())
                .get().extracting(Throwable::getMessage).asString()
                .containsPattern("Cannot capture x with \\$\\.a: the last matched message \\(\\+\\d+\\) \"plain\" is not JSON\\.");
        assertThat(run(prefix + "send json {\"b\": 1}\nexpect json {\"b\": 1}\ncapture json $.a as x").failure())
                .get().extracting(Throwable::getMessage).asString()
                .containsPattern("Cannot capture x: the last matched message \\(\\+\\d+\\) .* has no \\$\\.a\\.");
        ScenarioResult r = run(prefix + "send json {\"a\": {\"b\": [1, \"two\"]}}\nexpect json contains {}\n"
                + "capture json $.a as obj\ncapture json $.a.b[1] as two\ncapture regex \"\\\\[(\\\\d)\" as one\n"
                + "send text \"${obj} ${two} ${one}\"\nexpect text \"{\\\"b\\\":[1,\\\"two\\\"]} two 1\"");
        assertPassed(r);
    }

    @Test
    @DisplayName("a bare JSONPath value that substitutes to nothing is the empty string, like any bare non-JSON value")
    void bareJsonPathValueThatIsEmpty() {
        ScenarioVariables vars = ScenarioVariables.builder().put("EMPTY", "").build();
        assertPassed(run("server echo\nconnect ${server.url}\nsend json {\"a\": \"\"}\n"
                + "expect json $.a = ${EMPTY} within 2s", vars));
    }
}
