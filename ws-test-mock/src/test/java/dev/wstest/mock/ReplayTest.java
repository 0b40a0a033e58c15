package dev.wstest.mock;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.mock.MockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.record.Redactor;
import dev.wstest.scenario.Recording;
import dev.wstest.scenario.ScenarioSyntaxException;
import dev.wstest.scenario.ScenarioWriter;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session recorded the way {@code ws-test session --record} records it (ScenarioWriter over a real
 * client's frame log) is played back by the mock as the server side.
 */
@Timeout(60)
class ReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** The "production" server whose conversation gets recorded. */
    static final class PriceServer implements ServerBehaviour {
        @Override
        public void onOpen(ServerConnection c) {
            c.sendText("{\"type\":\"welcome\"}");
        }

        @Override
        public void onText(ServerConnection c, String text) {
            if (text.startsWith("subscribe ")) {
                String symbol = text.substring("subscribe ".length());
                c.sendText("{\"type\":\"subscribed\",\"symbol\":\"" + symbol + "\"}");
                c.sendText("{\"symbol\":\"" + symbol + "\",\"price\":101.5}");
            } else if (text.equals("bye")) {
                c.close(4000, "see you");
            }
        }
    }

    /** Records one conversation against the real server, as the session command would. */
    private Path record(String... sends) throws Exception {
        try (WsServer real = WsServer.builder().behaviour(new PriceServer()).start();
             WsClient client = WsClient.builder(real.uri("/prices")).header("Authorization", "Bearer s3cret")
                     .connect()) {
            assertThat(client).receivesJsonContaining("{\"type\":\"welcome\"}");
            for (String s : sends) {
                client.sendText(s);
                if (s.startsWith("subscribe")) {
                    assertThat(client).receivesJsonContaining("{\"price\":101.5}");
                }
            }
            if (List.of(sends).contains("bye")) {
                assertThat(client).isClosedWith(4000);
            }
            String text = ScenarioWriter.create().comment("recorded in ReplayTest")
                    .connection("${BASE}/prices", Map.of("Authorization", "Bearer s3cret"), List.of(),
                            client.log().events(), client.closeStatus(), Redactor.DEFAULT).text();
            return Files.writeString(dir.resolve("prices.ws"), text);
        }
    }

    @Test
    @DisplayName("the JDK client gets the recorded server's messages in answer to the recorded client's")
    void playsTheServerSideBack() throws Exception {
        Path file = record("subscribe ACME", "bye");
        assertThat(Files.readString(file)).contains("${AUTHORIZATION}").doesNotContain("s3cret");
        try (MockWsServer mock = MockWsServer.builder().replay(file).unmatched(Unmatched.FAIL).start()) {
            List<String> received = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(mock.uri("/prices"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            received.add(data.toString());
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                            closed.complete(code);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            Awaitility.await().atMost(WAIT).until(() -> received.size() == 1);
            assertThat(received).containsExactly("{\"type\":\"welcome\"}");
            ws.sendText("subscribe ACME", true).get(5, TimeUnit.SECONDS);
            Awaitility.await().atMost(WAIT).until(() -> received.size() == 3);
            assertThat(received).containsExactly("{\"type\":\"welcome\"}",
                    "{\"type\":\"subscribed\",\"symbol\":\"ACME\"}", "{\"symbol\":\"ACME\",\"price\":101.5}");
            ws.sendText("bye", true).get(5, TimeUnit.SECONDS);
            assertThat(closed).succeedsWithin(WAIT).isEqualTo(4000);
            assertThat(mock).hasNoUnexpectedMessages();
            assertThat(mock).connection(1).receivesText("subscribe ACME").receivesText("bye");
        }
    }

    @Test
    @DisplayName("a client that says something else: unmatched, compared with the recording's next turn; FAIL reports it")
    void deviationIsUnmatched() throws Exception {
        Path file = record("subscribe ACME");
        MockWsServer mock = MockWsServer.builder().replay(file).unmatched(Unmatched.FAIL).start();
        try (WsClient client = WsClient.connect(mock.uri("/prices"))) {
            assertThat(client).receivesJson("{\"type\":\"welcome\"}");
            client.sendText("subscribe ACMR");
            assertThat(client).receivesNoMessageDuring(Duration.ofMillis(300));
            client.sendText("subscribe ACME"); // the playback waited for it
            assertThat(client).receivesJsonContaining("{\"type\":\"subscribed\"}");
        }
        assertThatThrownBy(mock::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 message(s) matched no stub")
                .hasMessageContaining("TEXT \"subscribe ACMR\"")
                .hasMessageContaining("1. the recording's next client turn: TEXT \"subscribe ACME\" (" + file + ":");
    }

    @Test
    @DisplayName("each connection plays the next conversation recorded on its path; stubs still answer first")
    void conversationsInOrder() throws Exception {
        String text = "connect ${BASE}/a\nexpect text \"first\"\n\nconnect ${BASE}/a\nexpect text \"second\"\n"
                + "send text \"x\"\nexpect binary hex \"01 02\"\n";
        Recording recording = Recording.parse("two.ws", text);
        assertThat(recording.conversations()).extracting(Recording.Conversation::path).containsExactly("/a", "/a");
        try (MockWsServer mock = MockWsServer.builder().replay(recording)
                .stub(Stub.onText("stubbed").sendText("from a stub")).start()) {
            try (WsClient one = WsClient.connect(mock.uri("/a"))) {
                assertThat(one).receivesText("first");
            }
            try (WsClient two = WsClient.connect(mock.uri("/a"))) {
                assertThat(two).receivesText("second");
                two.sendText("stubbed").sendText("x");
                assertThat(two).receivesText("from a stub").receivesBinary(new byte[] {1, 2});
            }
            try (WsClient three = WsClient.connect(mock.uri("/a"))) {
                assertThat(three).as("the last conversation again").receivesText("second");
            }
        }
    }

    @Test
    @DisplayName("Recording: turns from send/expect steps; a server close only without a client close")
    void recordingTurns() {
        Recording r = Recording.parse("r.ws", "connect ws://h:1/feed?x=1 subprotocol v2\nping \"hb\"\nexpect pong \"hb\"\n"
                + "expect text \"price \\$5\"\nexpect closed 1001 \"going away\"\n");
        Recording.Conversation c = r.conversations().get(0);
        assertThat(c.path()).isEqualTo("/feed?x=1");
        assertThat(c.subprotocols()).containsExactly("v2");
        assertThat(c.turns()).hasSize(3);
        assertThat(c.turns().get(0)).isInstanceOfSatisfying(Recording.Ping.class, p -> {
            assertThat(p.fromClient()).isTrue();
            assertThat(new String(p.payload(), StandardCharsets.UTF_8)).isEqualTo("hb");
        });
        assertThat(c.turns().get(1)).isEqualTo(new Recording.Text(false, "price $5", 4));
        assertThat(c.turns().get(2)).isEqualTo(new Recording.Close(false, Optional.of(1001), "going away", 5));
    }

    @Test
    @DisplayName("Recording errors: no connection, a step a recording cannot hold, a syntax error with its position")
    void recordingErrors() {
        assertThatThrownBy(() -> Recording.parse("e.ws", "var X = 1\n"))
                .hasMessageContaining("e.ws: the recording holds no connect step");
        assertThatThrownBy(() -> Recording.parse("e.ws", "connect ws://h:1/\nexpect text contains \"x\"\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e.ws:2: a recording holds send, ping, close and exact expect")
                .hasMessageContaining("expect text contains \"x\"");
        assertThatThrownBy(() -> Recording.parse("e.ws", "connect ws://h:1/\nsend txt \"x\"\n"))
                .isInstanceOf(ScenarioSyntaxException.class).hasMessageContaining("e.ws:2:6");
    }
}
