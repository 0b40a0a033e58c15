package dev.wstest.assertions;

import static dev.wstest.assertions.MessageMatcher.binary;
import static dev.wstest.assertions.MessageMatcher.json;
import static dev.wstest.assertions.MessageMatcher.jsonAt;
import static dev.wstest.assertions.MessageMatcher.text;
import static dev.wstest.assertions.MessageMatcher.textContaining;
import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/** One passing and one failing case per assertion, with the failure message checked. */
@Timeout(60)
class WsClientAssertTest {

    static final Duration SHORT = Duration.ofMillis(150);

    /** Does what the client asks: "say X", "frag a|b", "ping X", "close CODE REASON"; echoes anything else. */
    static final ServerBehaviour SCRIPTED = new ServerBehaviour() {
        @Override
        public void onText(ServerConnection c, String text) {
            if (text.startsWith("say ")) {
                c.sendText(text.substring(4));
            } else if (text.startsWith("frag ")) {
                c.sendTextFragments(text.substring(5).split("\\|"));
            } else if (text.startsWith("ping ")) {
                c.sendPing(text.substring(5).getBytes(StandardCharsets.UTF_8));
            } else if (text.startsWith("close ")) {
                String[] parts = text.split(" ", 3);
                c.close(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "");
            } else {
                c.sendText(text);
            }
        }

        @Override
        public void onBinary(ServerConnection c, byte[] data) {
            c.sendBinary(data);
        }
    };

    static WsServer server;
    WsClient client;

    @BeforeAll
    static void start() {
        server = WsServer.builder().behaviour(SCRIPTED).subprotocols("v2").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() {
        client = WsClient.builder(server.uri("/t")).name("t").subprotocols("v1", "v2").connect();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    static String failureOf(ThrowingCallable assertion) {
        try {
            assertion.call();
        } catch (AssertionError e) {
            return e.getMessage();
        } catch (Throwable e) {
            throw new IllegalStateException("expected an AssertionError, got " + e, e);
        }
        throw new IllegalStateException("expected the assertion to fail, but it passed");
    }

    @Nested
    class Texts {
        @Test
        void receivesText() {
            client.sendText("say hello");
            assertThat(client).receivesText("hello");
        }

        @Test
        @DisplayName("receivesText failure: expectation, budget, full frame log, closest candidate, state")
        void receivesTextFails() {
            client.sendText("say PONG");
            assertThat(client).receivesText("PONG");
            client.sendText("say pung");
            String message = failureOf(() -> assertThat(client).within(SHORT).receivesText("pong"));
            assertThat(message)
                    .startsWith("Expecting client \"t\" (" + client.uri() + ", OPEN)\n"
                            + "to receive a text message equal to \"pong\"\n"
                            + "within 150ms, but none of the 1 message(s) that arrived after the last matched one (+")
                    .contains("Frames since connect (ms after handshake):\n")
                    .containsPattern("  ->\\s+\\+\\d+  TEXT   \"say PONG\"\n")
                    .containsPattern("  <-\\s+\\+\\d+  TEXT   \"PONG\"   <- last matched by an earlier expectation")
                    .containsPattern("  <-\\s+\\+\\d+  TEXT   \"pung\"   <- closest")
                    .containsPattern("Connection still OPEN at \\+\\d+\\.$");
        }

        @Test
        @DisplayName("a failure with a closest candidate is an opentest4j error with expected and actual")
        void failureCarriesExpectedAndActual() {
            client.sendText("say helo");
            assertThatThrownBy(() -> assertThat(client).within(SHORT).receivesText("hello"))
                    .isInstanceOfSatisfying(AssertionFailedError.class, e -> {
                        assertThat(e.getExpected().getValue()).isEqualTo("hello");
                        assertThat(e.getActual().getValue()).isEqualTo("helo");
                    });
        }

        @Test
        void receivesTextWhenNothingArrives() {
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesText("x")))
                    .contains("within 150ms, but no message arrived.")
                    .contains("  (nothing sent or received)");
        }

        @Test
        void receivesTextContaining() {
            client.sendText("say the quick fox");
            assertThat(client).receivesTextContaining("quick");
            client.sendText("say slow");
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesTextContaining("quick")))
                    .contains("to receive a text message containing \"quick\"");
        }

        @Test
        void receivesTextMatching() {
            client.sendText("say id=42");
            assertThat(client).receivesTextMatching("id=\\d+");
            client.sendText("say id=x");
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesTextMatching("id=\\d+")))
                    .contains("to receive a text message matching /id=\\d+/");
        }

        @Test
        @DisplayName("default expectations skip unrelated messages; later ones start after the last match")
        void skipsUnrelatedAndMovesOn() {
            client.sendText("say a").sendText("say noise").sendText("say b");
            assertThat(client).receivesText("b");
            // "a" arrived before the match of "b", so it has been passed: a later expectation does not see it
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesText("a")))
                    .contains("but no message arrived after the last matched one");
            assertThat(client).hasReceivedText("a").hasReceivedText("noise");
        }

        @Test
        @DisplayName("strict: receivesNextText checks the very next message")
        void receivesNext() {
            client.sendText("say a").sendText("say b");
            assertThat(client).receivesNextText("a").receivesNextText("b");
            client.sendText("say c").sendText("say d");
            assertThat(failureOf(() -> assertThat(client).receivesNextText("d")))
                    .contains("to receive next a text message equal to \"d\"")
                    .containsPattern("but the next message \\(\\+\\d+\\) was \"c\"\\.")
                    .containsPattern("TEXT   \"c\"   <- the next message");
        }

        @Test
        void receivesNextWhenNothingArrives() {
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesNextJson("{}")))
                    .contains("to receive next a JSON message equal to {}")
                    .contains("within 150ms, but no message arrived.");
        }
    }

    @Nested
    class Json {
        @Test
        @DisplayName("receivesJson ignores key order, whitespace and number format")
        void receivesJson() {
            client.sendText("say {\"b\": [1, 2.0], \"a\": {\"x\": null}}");
            assertThat(client).receivesJson("{\"a\":{\"x\":null},\"b\":[1.0,2]}");
        }

        @Test
        void receivesJsonFails() {
            client.sendText("say {\"a\":1,\"b\":2}");
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesJson("{\"a\":1}")))
                    .contains("to receive a JSON message equal to {\"a\":1}")
                    .contains("TEXT   \"{\\\"a\\\":1,\\\"b\\\":2}\"");
        }

        @Test
        void receivesJsonContaining() {
            client.sendText("say {\"type\":\"msg\",\"from\":{\"id\":7,\"name\":\"ann\"},\"tags\":[1,2]}");
            assertThat(client).receivesJsonContaining("{\"from\":{\"id\":7},\"type\":\"msg\"}");
        }

        @Test
        void receivesJsonContainingFails() {
            client.sendText("say {\"type\":\"msg\",\"tags\":[1,2]}");
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesJsonContaining("{\"tags\":[1]}")))
                    .contains("to receive a JSON message containing {\"tags\":[1]}");
        }

        @Test
        void invalidExpectedJsonIsAnArgumentError() {
            assertThatThrownBy(() -> assertThat(client).receivesJson("{oops"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected JSON is not valid JSON");
        }

        @Test
        @DisplayName("jsonAt compares the value at a JSONPath as json compares: number format ignored")
        void receivesJsonAt() {
            client.sendText("say {\"type\":\"say\",\"items\":[{\"price\":1},{\"price\":9.50}]}");
            assertThat(client).receives(jsonAt("$.items[-1].price", "9.5"));
        }

        @Test
        void receivesJsonAtFails() {
            client.sendText("say {\"type\":\"say\",\"items\":[]}");
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receives(jsonAt("$.type", "\"hello\""))))
                    .contains("to receive a JSON message with $.type = \"hello\"")
                    .contains("but none of the 1 message(s) that arrived");
        }

        @Test
        @DisplayName("jsonAt: a missing value, a non-JSON message or an object where a value is expected never match")
        void jsonAtMatchesOnlyTheValueAtThePath() {
            MessageMatcher m = jsonAt("$.a.b", "{\"c\": 1}");
            client.sendText("say {\"a\":{}}").sendText("say not json").sendText("say {\"a\":{\"b\":{\"c\":1,\"d\":2}}}")
                    .sendText("say {\"a\":{\"b\":{\"c\":1.0}}}");
            assertThat(client).receives(m);
            assertThat(client).receivedMessages().extracting(m::matches).containsExactly(false, false, false, true);
        }

        @Test
        void jsonAtRejectsAnInvalidPathOrExpectedJson() {
            assertThatThrownBy(() -> jsonAt("$.a[*]", "1"))
                    .isInstanceOfSatisfying(JsonPath.InvalidPathException.class, e -> assertThat(e.offset()).isEqualTo(4))
                    .hasMessageContaining("wildcards and filters are not supported");
            assertThatThrownBy(() -> jsonAt("$.a", "{oops"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected JSON is not valid JSON");
        }

        @Test
        @DisplayName("non-JSON messages are skipped, not errors")
        void nonJsonIsSkipped() {
            client.sendText("say not json").sendText("say {\"ok\":true}");
            assertThat(client).receivesJson("{\"ok\":true}");
        }
    }

    @Nested
    class Binary {
        @Test
        void receivesBinary() {
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client).receivesBinary(new byte[] {1, 2, 3});
        }

        @Test
        void receivesBinaryFails() {
            client.sendBinary(new byte[] {1, 2});
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesBinary(new byte[] {1, 2, 3})))
                    .contains("to receive a binary message equal to 0x010203 (3 bytes)")
                    .contains("BINARY 0x0102 (2 bytes)");
        }
    }

    @Nested
    class CountsAndOrder {
        @Test
        void receivesMessages() {
            client.sendText("say 1").sendText("say 2").sendText("say 3");
            assertThat(client).receivesMessages(3);
        }

        @Test
        void receivesMessagesFails() {
            client.sendText("say 1");
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesMessages(2)))
                    .contains("to receive 2 more message(s)\nwithin 150ms, but 1 arrived.");
        }

        @Test
        void receivesInOrder() {
            client.sendText("say a").sendText("say x").sendText("say {\"n\":1}").sendBinary(new byte[] {7});
            assertThat(client).receivesInOrder(text("a"), json("{\"n\":1}"), binary(new byte[] {7}));
        }

        @Test
        void receivesInOrderFails() {
            client.sendText("say b").sendText("say a");
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesInOrder(text("a"), text("b"))))
                    .contains("to receive, in this order:\n  1. a text message equal to \"a\"   (matched at +")
                    .contains("  2. a text message equal to \"b\"   <- not found")
                    .contains("but only the first 1 of 2 were found in order.")
                    .containsPattern("TEXT   \"a\"   <- matched 1\\.");
        }

        @Test
        void receivesNoMessageDuring() {
            client.sendText("say once");
            assertThat(client).receivesText("once").receivesNoMessageDuring(Duration.ofMillis(200));
        }

        @Test
        void receivesNoMessageDuringFails() {
            client.sendText("say surprise");
            assertThat(failureOf(() -> assertThat(client).receivesNoMessageDuring(Duration.ofMillis(500))))
                    .contains("to receive no message during 500ms")
                    .containsPattern("but one arrived at \\+\\d+: \"surprise\"\\.")
                    .containsPattern("TEXT   \"surprise\"   <- unexpected");
        }

        @Test
        void receivesNoMatchingMessageDuring() {
            client.sendText("say fine");
            assertThat(client).receivesNoMessageDuring(Duration.ofMillis(200), textContaining("error"));
            client.sendText("say an error");
            assertThat(failureOf(() -> assertThat(client)
                    .receivesNoMessageDuring(Duration.ofMillis(500), textContaining("error"))))
                    .contains("to receive no text message containing \"error\" during 500ms");
        }

        @Test
        void hasReceived() {
            client.sendText("say x");
            assertThat(client).receivesText("x").hasReceivedText("x");
            assertThat(failureOf(() -> assertThat(client).hasReceivedText("y")))
                    .contains("to have received a text message equal to \"y\"\nbut it has not.");
        }

        @Test
        void receivedTextsAndMessages() {
            client.sendText("say a").sendText("say b");
            assertThat(client).receivesMessages(2).receivedTexts().containsExactly("a", "b");
            assertThat(client).receivedMessages().hasSize(2);
            assertThat(failureOf(() -> assertThat(client).receivedTexts().contains("c")))
                    .contains("texts received by client \"t\"").contains("TEXT   \"b\"");
        }
    }

    @Nested
    class PingPong {
        @Test
        void receivesPong() {
            client.sendPing("p1");
            assertThat(client).receivesPong().receivesNoMessageDuring(Duration.ofMillis(50));
            client.sendPing("p2");
            assertThat(client).receivesPong("p2");
        }

        @Test
        void receivesPongFails() {
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesPong()))
                    .contains("to receive a PONG\nwithin 150ms, but no PONG arrived.")
                    .contains("Hint: no ping was sent on this connection");
            client.sendPing("abc");
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesPong("xyz")))
                    .contains("to receive a PONG with payload 0x78797a (3 bytes)")
                    .contains("but none of the 1 PONG frame(s) had that payload.");
        }

        @Test
        @DisplayName("pings and pongs have their own position: a pong does not disturb message order")
        void controlsHaveTheirOwnCursor() {
            client.sendText("say m1").sendPing("p").sendText("say m2");
            assertThat(client).receivesText("m2").receivesPong("p");
        }

        @Test
        void receivesPing() {
            client.sendText("ping beat");
            assertThat(client).receivesPing().receivesNoMessageDuring(Duration.ofMillis(50));
            client.sendText("ping beat2");
            assertThat(client).receivesPing("beat2".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void receivesPingFails() {
            assertThat(failureOf(() -> assertThat(client).within(SHORT).receivesPing()))
                    .contains("to receive a PING\nwithin 150ms, but no PING arrived.");
        }
    }

    @Nested
    class Close {
        @Test
        void isOpen() {
            assertThat(client).isOpen();
            client.close(1000, "");
            assertThat(client).isClosed();
            assertThat(failureOf(() -> assertThat(client).isOpen())).contains("to be OPEN\nbut it is CLOSED.");
        }

        @Test
        void isClosedFailsWhileOpen() {
            assertThat(failureOf(() -> assertThat(client).within(SHORT).isClosed()))
                    .contains("to be closed\nwithin 150ms, but it is still OPEN.")
                    .contains("Hint: close it from the test");
        }

        @Test
        void isClosedWithCodeAndReasonByServer() {
            client.sendText("close 4001 go away");
            assertThat(client).isClosedWith(4001).isClosedWith(4001, "go away").isClosedByServer();
        }

        @Test
        void isClosedWithFails() {
            client.sendText("close 4001 go away");
            assertThat(failureOf(() -> assertThat(client).isClosedWith(4002)))
                    .contains("to be closed with code 4002\nbut it closed with 4001 \"go away\", closed by server.")
                    .containsPattern("<-\\s+\\+\\d+  CLOSE  4001 \"go away\"")
                    .contains("Connection CLOSED at");
            // The client's automatic reply is recorded when it was written before the server dropped TCP.
            assertThat(failureOf(() -> assertThat(client).isClosedWith(4001, "other")))
                    .contains("to be closed with code 4001 and reason \"other\"");
        }

        @Test
        void isClosedByClient() {
            client.close(1000, "bye");
            assertThat(client).isClosedByClient();
            assertThat(failureOf(() -> assertThat(client).isClosedByServer()))
                    .contains("to be closed by the server\nbut it closed with 1000 \"bye\", closed by client.");
        }

        @Test
        @DisplayName("isClosedAbnormally: the connection went away without a close frame (1006)")
        void isClosedAbnormally() {
            try (WsServer doomed = WsServer.echo();
                 WsClient victim = WsClient.builder(doomed.uri("/x")).name("victim").connect()) {
                doomed.awaitConnection(1, Duration.ofSeconds(2));
                doomed.close(); // drops the TCP connection without a closing handshake
                assertThat(victim).isClosedAbnormally();
                assertThat(victim.closeStatus().orElseThrow().code()).isEqualTo(1006);
                assertThat(victim.formatLog()).containsPattern("DISCONNECTED .*\\(1006");
            }
            client.close(1000, "");
            assertThat(failureOf(() -> assertThat(client).isClosedAbnormally()))
                    .contains("to be closed abnormally (1006, no close frame)")
                    .contains("Hint: a close frame was exchanged, so this was not an abnormal closure.");
        }
    }

    @Nested
    class HandshakeAssertions {
        @Test
        void status() {
            assertThat(client).hasHandshakeStatus(101);
            assertThat(failureOf(() -> assertThat(client).hasHandshakeStatus(200)))
                    .contains("to have handshake status 200\nbut it was 101.").contains("HTTP 101");
        }

        @Test
        void headers() {
            assertThat(client).hasResponseHeader("Sec-WebSocket-Accept").hasResponseHeader("upgrade", "websocket")
                    .hasResponseHeaderMatching("Sec-WebSocket-Accept", "[A-Za-z0-9+/=]{28}");
            assertThat(failureOf(() -> assertThat(client).hasResponseHeader("X-Missing")))
                    .contains("to have response header X-Missing\nbut it is absent.");
            assertThat(failureOf(() -> assertThat(client).hasResponseHeader("Upgrade", "h2c")))
                    .contains("to have response header Upgrade: h2c\nbut its value is websocket.");
            assertThat(failureOf(() -> assertThat(client).hasResponseHeaderMatching("Upgrade", "h\\d")))
                    .contains("to have response header Upgrade matching /h\\d/");
        }

        @Test
        void subprotocol() {
            assertThat(client).hasSubprotocol("v2");
            assertThat(failureOf(() -> assertThat(client).hasSubprotocol("v1")))
                    .contains("to have negotiated subprotocol v1\nbut the server chose v2.");
            assertThat(failureOf(() -> assertThat(client).hasNoSubprotocol()))
                    .contains("to have negotiated no subprotocol\nbut the server chose v2.");
            try (WsClient plain = WsClient.connect(server.uri("/plain"))) {
                assertThat(plain).hasNoSubprotocol();
                assertThat(failureOf(() -> assertThat(plain).hasSubprotocol("v2")))
                        .contains("but the server chose none");
            }
        }

        @Test
        void extension() {
            assertThat(failureOf(() -> assertThat(client).hasExtension("permessage-deflate")))
                    .contains("to have negotiated extension permessage-deflate\nbut the server accepted none.");
            jakarta.websocket.Extension marker = new jakarta.websocket.Extension() {
                @Override
                public String getName() {
                    return "x-ws-test-marker";
                }

                @Override
                public java.util.List<Parameter> getParameters() {
                    return java.util.List.of();
                }
            };
            jakarta.websocket.server.ServerEndpointConfig config = jakarta.websocket.server.ServerEndpointConfig.Builder
                    .create(dev.wstest.server.fixtures.Shouter.class, "/ext").extensions(java.util.List.of(marker))
                    .build();
            try (WsServer withExtension = WsServer.builder().endpoint(config).start();
                 WsClient offering = WsClient.builder(withExtension.uri("/ext"))
                         .extensions("x-ws-test-marker", "x-unknown").connect()) {
                assertThat(offering).hasExtension("x-ws-test-marker");
                assertThat(failureOf(() -> assertThat(offering).hasExtension("x-unknown")))
                        .contains("but the server accepted [x-ws-test-marker].");
                assertThat(withExtension.handshakes().get(0).extensions())
                        .containsExactly("x-ws-test-marker", "x-unknown");
            }
        }

        @Test
        void refusedHandshake() {
            try (WsServer guarded = WsServer.builder().requireHeader("X-Key", "k").start()) {
                assertThatHandshakeRefused(() -> WsClient.connect(guarded.uri("/")))
                        .hasStatus(401).hasResponseHeader("X-WS-Test-Refusal")
                        .hasResponseHeader("x-ws-test-refusal", "missing header X-Key");
                assertThatThrownBy(() -> assertThatHandshakeRefused(() -> WsClient.connect(guarded.uri("/")))
                        .hasStatus(403))
                        .hasMessageContaining("to have HTTP status 403\nbut it was 401.");
                assertThat(failureOf(() -> assertThatHandshakeRefused(
                        () -> WsClient.builder(guarded.uri("/")).header("X-Key", "k").connect())))
                        .contains("but the connection was accepted");
                assertThat(failureOf(() -> assertThatHandshakeRefused(() -> WsClient.connect("ws://127.0.0.1:1/"))))
                        .contains("but the connection failed before any HTTP answer (CONNECTION_REFUSED)");
            }
        }
    }

    @Nested
    class WithAwaitility {
        @Test
        @DisplayName("the client's accessors work inside a user's own Awaitility condition")
        void awaitility() {
            client.sendText("say 1").sendText("say 2");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> client.receivedTexts().size() == 2);
            assertThat(client.receivedTexts()).containsExactly("1", "2");
            client.close(1000, "");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.closeStatus().isPresent());
        }
    }

    @Nested
    class Budgets {
        @Test
        @DisplayName("a wait ends as soon as the frame arrives, long before a generous budget")
        void waitEndsOnArrival() {
            client.sendText("say soon");
            long start = System.nanoTime();
            assertThat(client).within(Duration.ofSeconds(30)).receivesText("soon");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }

        @Test
        @DisplayName("the default budget comes from the client")
        void defaultFromClient() {
            try (WsClient quick = WsClient.builder(server.uri("/q")).defaultTimeout(Duration.ofMillis(120)).connect()) {
                assertThat(failureOf(() -> assertThat(quick).receivesText("never"))).contains("within 120ms");
            }
            assertThat(failureOf(() -> assertThat(client).within(Duration.ofMillis(1500)).receivesText("never")))
                    .contains("within 1.5s");
        }

        @Test
        void descriptionIsKept() {
            assertThat(failureOf(() -> assertThat(client).as("login reply").within(SHORT).receivesText("ok")))
                    .startsWith("[login reply] Expecting client \"t\"");
        }
    }
}
