package dev.wstest.assertions;

import static dev.wstest.assertions.MessageMatcher.json;
import static dev.wstest.assertions.MessageMatcher.jsonAt;
import static dev.wstest.assertions.MessageMatcher.jsonPath;
import static dev.wstest.assertions.MessageMatcher.textInFrames;
import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioResult;
import dev.wstest.scenario.ScenarioRunner;
import dev.wstest.scenario.ScenarioVariables;
import dev.wstest.server.WsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/**
 * The Java forms of what {@code .ws} files could already say: JSONPath expectations and captures, fragment
 * counts, pings with a payload; and JSON failures that name the first differing path and both values.
 */
@Timeout(60)
class WhatWsFilesHaveTest {

    static final Duration SHORT = Duration.ofMillis(150);

    static WsServer server;
    WsClient client;

    @BeforeAll
    static void start() {
        server = WsServer.builder().behaviour(WsClientAssertTest.SCRIPTED).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() {
        client = WsClient.builder(server.uri("/j")).name("j").connect();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    /** Waits until the server's answers are in, so that a failing expectation judges them, not their absence. */
    void arrived(int messages) {
        assertThat(client.log().awaitUntil(() -> client.log().receivedMessages().size() >= messages,
                Duration.ofSeconds(5))).isTrue();
    }

    // ------------------------------------------------------------------------------------------ JSONPath

    @Test
    @DisplayName("receivesJsonPath matches a Java value at a path: strings as JSON strings, numbers by value")
    void jsonPathPasses() {
        for (int i = 0; i < 5; i++) {   // each expectation consumes the message it matched
            client.sendText("say {\"type\":\"msg\",\"order\":{\"id\":7.0},\"tags\":[\"a\",\"b\"],\"gone\":null}");
        }
        assertThat(client).receivesJsonPath("$.type", "msg")
                .receivesJsonPath("$.order.id", 7)
                .receivesJsonPath("$.tags", List.of("a", "b"))
                .receivesJsonPath("$.gone", null)
                .receivesJsonPath("$.order", Map.of("id", 7));
    }

    @Test
    @DisplayName("receivesJsonPath fails naming the path and both values, as an IDE diff of the two values")
    void jsonPathFails() {
        client.sendText("say {\"type\":\"msg\",\"order\":{\"id\":8}}");
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesJsonPath("$.order.id", 7))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("to receive a JSON message with $.order.id = 7\n")
                .hasMessageContaining("\nClosest (+")
                .hasMessageContaining("): $.order.id: expected 7 but was 8\n")
                .hasMessageContaining("<- closest")
                .satisfies(e -> {
                    AssertionFailedError f = (AssertionFailedError) e;
                    assertThat(f.getExpected().getStringRepresentation()).isEqualTo("7");
                    assertThat(f.getActual().getStringRepresentation()).isEqualTo("8");
                });
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesJsonPath("$.order.missing", "x"))
                .hasMessageContaining("$.order.missing: expected \"x\" but it is missing");
    }

    @Test
    @DisplayName("receivesJsonPath with a type and a condition, and its failure")
    void jsonPathPredicate() {
        client.sendText("say {\"price\":9.5,\"name\":\"acme\"}");
        assertThat(client).receivesJsonPath("$.price", Double.class, p -> p > 9);
        client.sendText("say {\"price\":9.5}");
        arrived(2);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesJsonPath("$.price", Double.class,
                p -> p > 10))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("to receive a JSON message whose $.price (as Double) satisfies the condition")
                .hasMessageContaining("$.price: 9.5 does not satisfy the condition");
        arrived(2);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesJsonPath("$.price", Map.class, m -> true))
                .hasMessageContaining("$.price: 9.5 cannot be read as Map");
    }

    // ------------------------------------------------------------------------------------------ JSON differences

    @Test
    @DisplayName("receivesJson names the first differing path and both values, in the closest message")
    void jsonEqualityNamesThePath() {
        client.sendText("say {\"order\":{\"id\":3,\"items\":[1]}}");                  // two differences
        client.sendText("say {\"order\":{\"id\":8,\"items\":[1,2]}}");                 // one: the closest
        client.sendText("say not json");
        arrived(3);
        assertThatThrownBy(() -> assertThat(client).within(SHORT)
                .receivesJson("{\"order\":{\"id\":7,\"items\":[1,2]}}"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("but none of the 3 message(s) that arrived matched.\nClosest (+")
                .hasMessageContaining("): $.order.id: expected 7 but was 8\n")
                .satisfies(e -> assertThat(e.getMessage().lines()
                        .filter(l -> l.contains("<- closest")).toList()).singleElement().asString()
                        .contains("\\\"id\\\":8"))   // quoted in the listing
                .satisfies(e -> {
                    AssertionFailedError f = (AssertionFailedError) e;
                    assertThat(f.getExpected().getStringRepresentation()).contains("\"id\" : 7");
                    assertThat(f.getActual().getStringRepresentation()).contains("\"id\" : 8");
                });
    }

    @Test
    @DisplayName("receivesJson counts an extra field, a missing one and an array of another length")
    void jsonEqualityKinds() {
        client.sendText("say {\"a\":1,\"extra\":true}");
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesJson("{\"a\":1}"))
                .hasMessageContaining("$.extra: unexpected field (was true)");
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesJson("{\"a\":1,\"extra\":true,\"b\":2}"))
                .hasMessageContaining("$.b: expected 2 but it is missing");
        assertThat(client).receivesJson("{\"a\":1,\"extra\":true}");
        client.sendText("say {\"list\":[1,2,3]}");
        arrived(2);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesJsonContaining("{\"list\":[1,2]}"))
                .hasMessageContaining("$.list: expected 2 element(s) but was 3 ([1,2,3])");
        assertThat(client).receivesJsonContaining("{\"list\":[1,2,3]}");
        client.sendText("say {\"odd key\":\"7\"}");
        arrived(3);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesJsonContaining("{\"odd key\":7}"))
                .hasMessageContaining("$['odd key']: expected 7 but was \"7\"");
    }

    @Test
    @DisplayName("receivesJsonContaining shows only the expected fields of the closest message in the IDE diff")
    void containsProjectsTheActual() {
        client.sendText("say {\"type\":\"say\",\"from\":\"bob\",\"text\":\"hi\",\"at\":123}");
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).within(SHORT)
                .receivesJsonContaining("{\"type\":\"say\",\"from\":\"alice\"}"))
                .hasMessageContaining("$.from: expected \"alice\" but was \"bob\"")
                .satisfies(e -> assertThat(((AssertionFailedError) e).getActual().getStringRepresentation())
                        .contains("\"bob\"").doesNotContain("123"));
    }

    @Test
    @DisplayName("receivesNext with a JSON matcher says where the next message differs")
    void nextJsonNamesThePath() {
        client.sendText("say {\"type\":\"hello\"}");
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesNextJson("{\"type\":\"bye\"}"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("\nIt differs at $.type: expected \"bye\" but was \"hello\"");
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesNext(jsonAt("$.type", "1")))
                .hasMessageContaining("It differs at $.type: expected 1 but was \"hello\"");
    }

    @Test
    @DisplayName("the matchers themselves: jsonPath, json and textInFrames with receives(...)")
    void matchers() {
        client.sendText("say {\"n\":1}");
        client.sendText("frag a|b|c");
        assertThat(client).receives(jsonPath("$.n", 1.0)).receives(textInFrames(3));
        arrived(2);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receives(json("{\"n\":2}")))
                .hasMessageContaining("but no message arrived after the last matched one");
    }

    @Test
    @DisplayName("a .ws expectation fails with the same path-and-values line: one JSON comparison for both")
    void wsFilesShareTheComparison() {
        String text = String.join("\n",
                "server echo",
                "connect ${server.url}/e as me",
                "send json {\"order\": {\"id\": 8}}",
                "expect json contains {\"order\": {\"id\": 7}} within 300ms");
        Scenario scenario = ScenarioLoader.parse("t.ws", text, ScenarioVariables.none()).scenarios().get(0);
        ScenarioResult result = ScenarioRunner.builder().build().run(scenario);
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f.getMessage())
                .contains("): $.order.id: expected 7 but was 8\n"));
        String at = String.join("\n",
                "server echo",
                "connect ${server.url}/e as me",
                "send json {\"type\": \"say\"}",
                "expect json $.type = \"msg\" within 300ms");
        ScenarioResult atResult = ScenarioRunner.builder().build()
                .run(ScenarioLoader.parse("t.ws", at, ScenarioVariables.none()).scenarios().get(0));
        assertThat(atResult.failure()).hasValueSatisfying(f -> assertThat(f.getMessage())
                .contains("): $.type: expected \"msg\" but was \"say\"\n"));
    }

    // ------------------------------------------------------------------------------------------ capture

    @Test
    @DisplayName("lastMatch().json reads a value from the matched message, as a .ws capture does")
    void lastMatchCaptures() {
        client.sendText("say {\"type\":\"say\",\"from\":\"alice\",\"id\":42,\"meta\":{\"a\":[1]}}");
        MatchedMessage m = assertThat(client).receivesJsonContaining("{\"type\":\"say\"}").lastMatch();
        assertThat(m.json("$.from")).isEqualTo("alice");
        assertThat(m.json("$.id")).isEqualTo("42");
        assertThat(m.json("$.meta")).isEqualTo("{\"a\":[1]}");
        assertThat(m.json("$.id", Integer.class)).isEqualTo(42);
        assertThat(m.text()).startsWith("{\"type\"");
        assertThat(assertThat(client).lastMatch().event()).isEqualTo(m.event());
    }

    @Test
    @DisplayName("lastMatch fails before any match; json fails on a missing path or a value of another type")
    void lastMatchFails() {
        assertThatThrownBy(() -> assertThat(client).lastMatch())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("but no expectation has matched a message yet.");
        client.sendText("say {\"id\":\"x\"}");
        MatchedMessage m = assertThat(client).receivesTextContaining("id").lastMatch();
        arrived(1);
        assertThatThrownBy(() -> m.json("$.from"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Cannot read $.from: the message client \"j\"")
                .hasMessageContaining("has no $.from.")
                .hasMessageContaining("Frames since connect");
        arrived(1);
        assertThatThrownBy(() -> m.json("$.id", Integer.class))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("as Integer: it is \"x\".");
        client.sendText("plain");
        MatchedMessage plain = assertThat(client).receivesText("plain").lastMatch();
        arrived(2);
        assertThatThrownBy(() -> plain.json("$.a")).hasMessageContaining("is not JSON.");
    }

    // ------------------------------------------------------------------------------------------ frames, pings

    @Test
    @DisplayName("receivesTextInFrames checks how many frames a message came in")
    void textInFramesPasses() {
        client.sendText("frag frag|ment|ed");
        client.sendText("say whole");
        assertThat(client).receivesTextInFrames(3).receivesTextInFrames("whole", 1);
        client.sendText("frag x|y");
        assertThat(client).receivesTextInFrames("xy", 2);
    }

    @Test
    @DisplayName("receivesTextInFrames fails with the frame sizes of what came")
    void textInFramesFails() {
        client.sendText("frag frag|ment|ed");
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesTextInFrames("fragmented", 1))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("to receive a text message equal to \"fragmented\" in 1 frame\n")
                .hasMessageContaining("(10 bytes in 3 frames: 4+4+2)");
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesBinaryInFrames(2))
                .hasMessageContaining("to receive a binary message in 2 frames");
        arrived(1);
        assertThatThrownBy(() -> assertThat(client).receivesTextInFrames(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("receivesPing(String) waits for a ping with that UTF-8 payload")
    void pingWithTextPayload() {
        client.sendText("ping hb-1");
        assertThat(client).receivesPing("hb-1");
        client.sendText("ping hb-2");
        assertThat(client).receivesPing();
        assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesPing("hb-3"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("to receive a PING with payload")
                .hasMessageContaining("but no PING arrived after the last one an earlier expectation matched");
    }
}
