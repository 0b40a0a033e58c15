package dev.wstest.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioResult;
import dev.wstest.scenario.ScenarioRunner;
import dev.wstest.scenario.ScenarioVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code server mock ... end} and {@code expect NAME received} in .ws scenarios, run against the real mock. */
@Timeout(60)
class ScenarioMockTest {

    @TempDir
    Path dir;

    private static ScenarioResult run(String text) {
        return run(text, ScenarioVariables.none());
    }

    private static ScenarioResult run(String text, ScenarioVariables vars) {
        Scenario s = ScenarioLoader.parse("t.ws", text, vars).scenarios().get(0);
        return ScenarioRunner.builder().variables(vars).defaultTimeout(Duration.ofSeconds(3)).build().run(s);
    }

    private static void assertPassed(ScenarioResult r) {
        assertThat(r.passed()).as(() -> r.failure().map(Throwable::getMessage).orElse("")).isTrue();
    }

    private static String failure(ScenarioResult r) {
        assertThat(r.passed()).as("the scenario should fail").isFalse();
        return r.failure().orElseThrow().getMessage();
    }

    @Test
    @DisplayName("stubs answer with values from the message, the handshake and the scenario; expect received checks the client")
    void stubsAndExpectations() {
        assertPassed(run(String.join("\n",
                "var GREETING = welcome",
                "server mock as feed",
                "  require header Authorization = \"Bearer t0ken\"",
                "  on connect send json {\"type\": \"${GREETING}\", \"user\": \"${query.user}\"}",
                "  on json contains {\"op\": \"subscribe\"} send json {\"type\": \"subscribed\", \"id\": \"${$.id}\"}"
                        + " then every 50ms send json {\"tick\": ${n}} times 3",
                "  on text matches \"hello (\\\\w+)\" send text \"hi ${group.1} on ${connection}\"",
                "end",
                "connect ${feed.url}/prices?user=ann as c header \"Authorization: Bearer t0ken\"",
                "expect c json {\"type\": \"welcome\", \"user\": \"ann\"}",
                "send c json {\"op\": \"subscribe\", \"id\": \"s-1\"}",
                "expect c json {\"type\": \"subscribed\", \"id\": \"s-1\"}",
                "expect c json {\"tick\": 1}",
                "expect c json {\"tick\": 3}",
                "send c text \"hello bob\"",
                "expect c text \"hi bob on 1\"",
                "expect feed received json $.op = \"subscribe\"",
                "expect feed received next text \"hello bob\"",
                "expect feed received handshake header Authorization = \"Bearer t0ken\"",
                "expect feed received 1 connections",
                "close c 1000",
                "expect feed received close 1000")));
    }

    @Test
    @DisplayName("connect ... expect refused 401 with a header check; then the same client with its token gets in")
    void refusedThenAccepted() {
        assertPassed(run(String.join("\n",
                "server mock as gate",
                "  require header Authorization else 401 header \"WWW-Authenticate: Bearer realm=\\\"feed\\\"\""
                        + " body \"token missing\"",
                "  on connect send text \"in\"",
                "end",
                "connect ${gate.url}/feed expect refused 401 header WWW-Authenticate matches \"Bearer.*\"",
                "connect ${gate.url}/feed as ok header \"Authorization: Bearer t0ken\"",
                "expect ok text \"in\"")));
        String wrongStatus = failure(run("server mock as gate\n  require header A\nend\n"
                + "connect ${gate.url}/ expect refused 403\n"));
        assertThat(wrongStatus).contains("Step failed at t.ws:4", "to have HTTP status 403", "but it was 401");
    }

    @Test
    @DisplayName("refuse first 1 503: the first upgrade is refused, the next one served")
    void refuseFirst() {
        assertPassed(run(String.join("\n",
                "server mock as flaky",
                "  refuse first 1 503 header \"Retry-After: 1\"",
                "  on connect send text \"up\"",
                "end",
                "connect ${flaky.url}/ expect refused 503 header Retry-After = 1",
                "connect ${flaky.url}/",
                "expect text \"up\"")));
    }

    @Test
    @DisplayName("unmatched fail: a message no stub matched fails the scenario at its server mock step, stubs compared")
    void unmatchedFails() {
        String message = failure(run(String.join("\n",
                "server mock as strict",
                "  on text \"subscribe ACME\" send text \"ok\"",
                "  unmatched fail",
                "end",
                "connect ${strict.url}/",
                "send text \"subscribe ACMR\"",
                "expect nothing within 200ms")));
        assertThat(message).startsWith("Step failed at t.ws:1:")
                .contains("Expecting mock \"strict\" to receive only messages its stubs match",
                        "TEXT \"subscribe ACMR\"", "1. a text message equal to \"subscribe ACME\" (stub [t.ws:2])");
    }

    @Test
    @DisplayName("a failed expect received shows the mock's timeline")
    void failedExpectation() {
        String message = failure(run(String.join("\n",
                "server mock as feed",
                "end",
                "connect ${feed.url}/x",
                "send text \"subscribe ACMR\"",
                "expect feed received text \"subscribe ACME\" within 300ms")));
        assertThat(message).contains("Step failed at t.ws:5", "Expecting connection 1 of mock \"feed\"",
                "to receive a text message equal to \"subscribe ACME\"", "within 300ms",
                "Frames seen by the mock", "TEXT   \"subscribe ACMR\"   <- closest");
    }

    @Test
    @DisplayName("tls client certificate: trust NAME and client certificate get in; without the certificate, no")
    void mutualTls() {
        assertPassed(run(String.join("\n",
                "server mock as vault tls client certificate",
                "  on connect send text \"certified\"",
                "end",
                "connect ${vault.url}/ trust vault client certificate",
                "expect text \"certified\"")));
        String message = failure(run(String.join("\n",
                "server mock as vault tls client certificate",
                "end",
                "connect ${vault.url}/ trust vault timeout 1s")));
        assertThat(message).contains("Step failed at t.ws:3", "Cannot connect client");
    }

    @Test
    @DisplayName("faults: the client sees what the fault is about (a strict client fails invalid UTF-8 with 1007)")
    void faults() {
        assertPassed(run(String.join("\n",
                "server mock as bad",
                "  on text \"utf8\" fault invalid-utf8",
                "  on text \"drop\" drop",
                "end",
                "connect ${bad.url}/ as a",
                "send a text \"utf8\"",
                "expect a closed 1007",
                "expect bad received close 1007",
                "connect ${bad.url}/ as b",
                "send b text \"drop\"",
                "expect b closed 1006")));
    }

    @Test
    @DisplayName("replay \"recorded.ws\": the recorded server's messages, in answer to the recorded client's")
    void replay() throws Exception {
        Files.writeString(dir.resolve("recorded.ws"), String.join("\n",
                "# recorded with ws-test session --record",
                "connect ws://prod.example:443/prices header \"Authorization: ${AUTHORIZATION}\"",
                "expect text \"{\\\"type\\\":\\\"welcome\\\"}\"",
                "send text \"subscribe ACME\"",
                "expect text \"{\\\"symbol\\\":\\\"ACME\\\",\\\"price\\\":101.5}\"",
                ""));
        Path scenario = Files.writeString(dir.resolve("replay.ws"), String.join("\n",
                "server mock as prod",
                "  replay \"recorded.ws\"",
                "  unmatched fail",
                "end",
                "connect ${prod.url}/prices",
                "expect json {\"type\": \"welcome\"}",
                "send text \"subscribe ACME\"",
                "expect json $.price = 101.5",
                ""));
        Scenario s = ScenarioLoader.load(scenario, ScenarioVariables.none()).scenarios().get(0);
        ScenarioResult r = ScenarioRunner.builder().build().run(s);
        assertPassed(r);
    }
}
