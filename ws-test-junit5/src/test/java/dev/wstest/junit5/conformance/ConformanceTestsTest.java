package dev.wstest.junit5.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.wstest.server.WsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The factory run through the JUnit engine against the embedded Tyrus echo server. */
@Timeout(120)
class ConformanceTestsTest {

    static WsServer server;
    static Path reports;

    @BeforeAll
    static void start() {
        server = WsServer.builder().name("echo").lenient().start(); // lenient: Tyrus accepts unmasked frames
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    }

    static class Plain {
        @TestFactory
        Stream<DynamicNode> rfc6455() {
            return ConformanceTests.forEndpoint(() -> server.uri()).include("ws.*", "2.1").dynamicTests();
        }
    }

    @Test
    @DisplayName("one test per case grouped by category; Tyrus fails ws.1/ws.2 with the case explained")
    void oneTestPerCase() {
        EngineExecutionResults events = run(Plain.class);
        events.containerEvents().started().assertThatEvents().haveExactly(1, event(displayName("ws ws-test's own")))
                .haveExactly(1, event(displayName("2 Pings and pongs")));
        assertThat(events.testEvents().started().count()).isEqualTo(8);
        assertThat(events.testEvents().succeeded().count()).isEqualTo(6);
        events.testEvents().failed().assertThatEvents().haveExactly(1, event(test(), displayName(
                        "ws.1 Send an UNMASKED text frame \"Hello, world!\""),
                finishedWithFailure(message(m -> m.contains("Verdict: FAILED (behaviour FAILED, close behaviour FAILED")
                        && m.contains("RFC 6455 section 5.1") && m.contains("Frames (ms after handshake)")
                        && m.contains(".acceptDeviation(\"ws.1\"")))));
    }

    static class WithClose {
        @TestFactory
        Stream<DynamicNode> rfc6455() {
            return ConformanceTests.forEndpoint(() -> server.uri()).include("ws.5")
                    .verdictRule(dev.wstest.conformance.VerdictRule.WITH_CLOSE_BEHAVIOUR).strict().dynamicTests();
        }
    }

    static class AutobahnStrict {
        @TestFactory
        Stream<DynamicNode> rfc6455() {
            return ConformanceTests.forEndpoint(() -> server.uri()).include("ws.5").strict().dynamicTests();
        }
    }

    @Test
    @DisplayName("verdictRule(WITH_CLOSE_BEHAVIOUR): Tyrus fails an impossible length with 1011 instead of 1002,"
            + " OK in Autobahn's headline, NON-STRICT with the close column")
    void withCloseBehaviour() {
        assertThat(run(AutobahnStrict.class).testEvents().succeeded().count()).isEqualTo(1);
        run(WithClose.class).testEvents().failed().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(message(m -> m.contains("Verdict: NON-STRICT (behaviour OK, close behaviour"
                        + " WRONG CODE, server close code 1011)")))));
    }

    static class Accepting {
        @TestFactory
        Stream<DynamicNode> rfc6455() {
            return ConformanceTests.forEndpoint(() -> server.uri()).include("ws.1", "ws.2", "2.1")
                    .acceptDeviation("ws.1", "Tyrus accepts unmasked frames").acceptDeviation("ws.2", "same")
                    .acceptDeviation("2.1", "wrongly accepted").reportTo(reports).dynamicTests();
        }
    }

    @Test
    @DisplayName("accepted deviations pass while they occur; an acceptance that no longer applies fails")
    void acceptedDeviations(@TempDir Path dir) throws Exception {
        reports = dir;
        EngineExecutionResults events = run(Accepting.class);
        events.testEvents().failed().assertThatEvents().haveExactly(1, event(test(), displayName(
                "2.1 Send a ping without payload"), finishedWithFailure(message(m ->
                m.contains("accepted as a known deviation (\"wrongly accepted\") but now earns OK")
                        && m.contains("Remove acceptDeviation(\"2.1\"")))));
        assertThat(events.testEvents().succeeded().count()).as("ws.1, ws.2 and the report writer").isEqualTo(3);
        String json = Files.readString(dir.resolve("conformance.json"));
        assertThat(json).contains("\"id\" : \"ws.1\"", "\"acceptedDeviation\" : \"Tyrus accepts unmasked frames\"");
        assertThat(json.indexOf("\"id\" : \"2.1\"")).as("reports in catalogue order").isLessThan(json.indexOf("ws.1"));
        assertThat(Files.readString(dir.resolve("conformance.html"))).contains("<details>", "case-ws.1");
    }

    static class NotEchoing {
        @TestFactory
        Stream<DynamicNode> rfc6455() {
            return ConformanceTests.forEndpoint(() -> silent.uri()).include("1.1.*").dynamicTests();
        }
    }

    static WsServer silent;

    @Test
    @DisplayName("an endpoint that does not echo fails every case with one clear message")
    void notEchoing() {
        silent = WsServer.builder().behaviour(new dev.wstest.server.ServerBehaviour() { }).start();
        try {
            EngineExecutionResults events = run(NotEchoing.class);
            assertThat(events.testEvents().failed().count()).isEqualTo(8);
            events.testEvents().failed().assertThatEvents().allMatch(e -> e.getPayload(
                    org.junit.platform.engine.TestExecutionResult.class).flatMap(
                    org.junit.platform.engine.TestExecutionResult::getThrowable)
                    .map(t -> t.getMessage().contains("does not echo")).orElse(false));
        } finally {
            silent.close();
        }
    }

    @Test
    @DisplayName("a pattern that matches no case fails the factory with the expected id format")
    void noMatch() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConformanceTests.forEndpoint(server.uri())
                .include("99.*").dynamicTests()).hasMessageContaining("no conformance case matches include=[99.*]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConformanceTests.forEndpoint(server.uri())
                .include("1.1.x").dynamicTests()).hasMessageContaining("is not a case id pattern");
    }
}
