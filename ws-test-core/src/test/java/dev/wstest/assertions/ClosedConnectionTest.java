package dev.wstest.assertions;

import static dev.wstest.assertions.MessageMatcher.text;
import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioResult;
import dev.wstest.scenario.ScenarioRunner;
import dev.wstest.scenario.ScenarioVariables;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An expectation on a connection that is closed, or closes while it waits, fails at once with the whole
 * story, instead of waiting out its budget. Every budget here is 30 s; every test has a few seconds.
 */
@Timeout(10)
class ClosedConnectionTest {

    static final Duration LONG = Duration.ofSeconds(30);

    /** Says "hello", then closes 4000 "bye" when asked ("close"). */
    WsServer server;

    @BeforeEach
    void start() {
        server = WsServer.builder().behaviour(new ServerBehaviour() {
            @Override
            public void onOpen(ServerConnection c) {
                c.sendText("hello");
            }

            @Override
            public void onText(ServerConnection c, String t) {
                if (t.equals("close")) {
                    c.close(4000, "bye");
                }
            }
        }).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    WsClient closedClient() {
        WsClient c = WsClient.builder(server.uri("/")).defaultTimeout(LONG).connect();
        assertThat(c).receivesText("hello");
        c.sendText("close");
        assertThat(c).isClosedWith(4000, "bye");
        return c;
    }

    @Test
    @DisplayName("every kind of expectation fails at once on a closed connection, saying it closed")
    void alreadyClosed() {
        WsClient c = closedClient();
        for (Consumer<WsClientAssert> expectation : java.util.List.<Consumer<WsClientAssert>>of(
                a -> a.receivesText("never"),
                a -> a.receivesNextText("never"),
                a -> a.receivesMessages(5),
                a -> a.receivesInOrder(text("never"), text("again")),
                WsClientAssert::receivesPong,
                WsClientAssert::receivesPing)) {
            assertThatThrownBy(() -> expectation.accept(assertThat(c)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("within 30s, but the connection closed at +")
                    .hasMessageContaining("(4000 \"bye\", closed by server), so nothing more can arrive")
                    .hasMessageContaining("<-")
                    .hasMessageContaining("Connection CLOSED at +");
        }
    }

    @Test
    @DisplayName("an expectation waiting when the connection closes fails the moment it closes")
    void closesWhileWaiting() {
        WsClient c = WsClient.builder(server.uri("/")).defaultTimeout(LONG).connect();
        assertThat(c).receivesText("hello");
        c.sendText("close");
        assertThatThrownBy(() -> assertThat(c).receivesText("after the close"))
                .hasMessageContaining("but the connection closed at +")
                .hasMessageContaining("nothing more can arrive: no message arrived after the last matched one");
    }

    @Test
    @DisplayName("receivesNoMessageDuring on a closed connection passes at once: nothing can arrive")
    void nothingDuringOnAClosedConnection() {
        WsClient c = closedClient();
        assertThat(c).receivesNoMessageDuring(LONG);
    }

    @Test
    @DisplayName(".ws: an expect step on a closed connection fails at once, saying the connection closed")
    void scenarioStepsEndFast() {
        ScenarioVariables vars = ScenarioVariables.builder().put("URL", server.uri("/").toString()).build();
        ScenarioResult r = ScenarioRunner.builder().variables(vars).build().run(ScenarioLoader.parse("closed.ws",
                "connect ${URL}\nexpect text \"hello\"\nsend text \"close\"\nexpect text \"never\" within 30s\n",
                vars).scenarios().get(0));
        assertThat(r.passed()).isFalse();
        assertThat(r.failure().orElseThrow().getMessage()).contains("closed.ws:4:")
                .contains("within 30s, but the connection closed at +").contains("Connection CLOSED at +");
    }
}
