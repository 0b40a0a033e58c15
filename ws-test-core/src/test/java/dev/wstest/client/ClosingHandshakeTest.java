package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import dev.wstest.raw.RawClient;
import dev.wstest.record.CloseStatus;
import dev.wstest.record.EventType;
import dev.wstest.record.WsEvent;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import dev.wstest.testing.Peer;
import dev.wstest.testing.RawServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A clean close needs both close frames (RFC 6455 section 7.1.4). The client keeps its TCP connection until
 * the server answers its close frame (or two seconds pass), so the answer is recorded and "clean" can be
 * told from "the server never answered".
 */
@Timeout(60)
class ClosingHandshakeTest {

    @Test
    @DisplayName("isClosedWith(...).isClosedByClient() fails when the server never answers the close frame")
    void unansweredCloseIsNotAClean() throws Exception {
        try (RawServer silent = RawServer.start(c -> {
            c.accept();
            c.read(Duration.ofSeconds(10)); // the close frame; never answered
            c.awaitEof(Duration.ofSeconds(10));
        })) {
            WsClient client = WsClient.connect(silent.uri("/"));
            client.close(1000, "bye");
            assertThatThrownBy(() -> assertThat(client).within(Duration.ofSeconds(5)).isClosedWith(1000, "bye")
                    .isClosedByClient())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("to be closed with code 1000 and reason \"bye\"")
                    .hasMessageContaining("the server never answered the closing handshake")
                    .hasMessageContaining("->     +")
                    .hasMessageContaining("DISCONNECTED");
            CloseStatus status = client.closeStatus().orElseThrow();
            assertThat(status.isClean()).isFalse();
            assertThat(status.toString()).isEqualTo("1000 \"bye\", closed by client, but the server never answered"
                    + " the closing handshake");
            assertThat(client).isClosedUncleanly();
            assertThatThrownBy(() -> assertThat(client).isClosedCleanly())
                    .hasMessageContaining("the server never answered the closing handshake");
            client.close();
        }
    }

    @Test
    @DisplayName("the server's answer is recorded: a close to the embedded echo server is clean")
    void answeredCloseIsClean() {
        try (WsServer echo = WsServer.echo(); WsClient client = WsClient.connect(echo.uri("/"))) {
            client.close(4321, "done");
            assertThat(client).isClosedWith(4321, "done").isClosedByClient().isClosedCleanly();
            List<WsEvent> closes = client.log().events(e -> e.type() == EventType.CLOSE);
            assertThat(closes).extracting(WsEvent::isInbound).containsExactly(false, true);
            assertThat(client.log().events().get(client.log().size() - 1).type()).isEqualTo(EventType.DISCONNECTED);
            assertThat(client.closeStatus().orElseThrow().toString()).isEqualTo("4321 \"done\", closed by client");
        }
    }

    @Test
    @DisplayName("a late answer (half a second) is waited for and recorded")
    void lateAnswerIsWaitedFor() throws Exception {
        try (RawServer slow = RawServer.start(c -> {
            c.accept();
            c.read(Duration.ofSeconds(10));
            Thread.sleep(500); // the peer under test answers late on purpose
            c.send(Frame.close(1000, "late"));
            c.awaitEof(Duration.ofSeconds(10));
        })) {
            try (WsClient client = WsClient.connect(slow.uri("/"))) {
                client.close(1000, "bye");
                assertThat(client).within(Duration.ofSeconds(5)).isClosedCleanly().isClosedWith(1000, "bye");
                assertThat(client.log().events(e -> e.isInbound() && e.type() == EventType.CLOSE)).singleElement()
                        .satisfies(e -> assertThat(e.text()).isEqualTo("late"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.Kind.class)
    @DisplayName("independent servers answer, and the close is clean")
    void independentPeersAnswer(Peer.Kind kind) {
        try (Peer peer = Peer.start(kind); WsClient client = WsClient.connect(peer.uri("/echo"))) {
            client.close(1000, "bye");
            assertThat(client).within(Duration.ofSeconds(5)).isClosedWith(1000, "bye").isClosedByClient()
                    .isClosedCleanly();
        }
    }

    @Test
    @DisplayName("a close started by an embedded server waits for the client's answer too")
    void serverSideCloseIsClean() {
        try (WsServer server = WsServer.builder().behaviour(new ServerBehaviour() {
            @Override
            public void onText(ServerConnection c, String text) {
                c.close(4001, "go away");
            }
        }).start(); WsClient client = WsClient.connect(server.uri("/"))) {
            client.sendText("bye?");
            assertThat(client).isClosedWith(4001, "go away").isClosedByServer().isClosedCleanly();
            ServerConnection sc = server.awaitConnection(1, Duration.ofSeconds(5));
            sc.log().awaitUntil(() -> sc.closeStatus().isPresent(), Duration.ofSeconds(5));
            assertThat(sc.closeStatus().orElseThrow().isClean()).as(sc.log().format()).isTrue();
        }
    }

    @Test
    @DisplayName("an embedded server whose close is never answered says so")
    void serverSideUnanswered() throws Exception {
        try (WsServer server = WsServer.builder().behaviour(new ServerBehaviour() {
            @Override
            public void onText(ServerConnection c, String text) {
                c.close(4001, "go away");
            }
        }).start(); RawClient raw = RawClient.connect(server.uri("/").toString())) {
            raw.send(Frame.text("bye?").masked());
            assertThat(raw.read(Duration.ofSeconds(5)).frame().opcode()).isEqualTo(Opcode.CLOSE);
            ServerConnection sc = server.awaitConnection(1, Duration.ofSeconds(5));
            sc.log().awaitUntil(() -> sc.closeStatus().isPresent(), Duration.ofSeconds(5));
            assertThat(sc.closeStatus().orElseThrow().toString())
                    .isEqualTo("4001 \"go away\", closed by server, but the client never answered the closing"
                            + " handshake");
        }
    }

    @Test
    @DisplayName("a violation while the close waits for the answer drops TCP at once, without a second close frame")
    void violationDuringTheWaitEndsIt() throws Exception {
        java.util.concurrent.CompletableFuture<Frame> after = new java.util.concurrent.CompletableFuture<>();
        try (RawServer server = RawServer.start(c -> {
            c.accept();
            c.read(Duration.ofSeconds(10)); // the client's close frame
            c.send(Frame.text("masked").masked()); // instead of an answer: a frame a server must not send
            try {
                after.complete(c.read(Duration.ofSeconds(10))); // null once the client closed TCP
            } catch (java.io.IOException reset) {
                after.complete(null);
            }
        })) {
            WsClient client = WsClient.connect(server.uri("/"));
            long start = System.nanoTime();
            client.close(1000, "bye");
            assertThat(after.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("nothing after the first close frame")
                    .isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 2 s wait for an answer")
                    .isLessThan(WsClient.CLOSE_WAIT);
            assertThat(client).isClosedWith(1000, "bye");
            assertThat(client.log().violations()).singleElement()
                    .satisfies(v -> assertThat(v.rule().toString()).isEqualTo("§5.1: server frames must not be masked"));
            assertThat(client.log().events(e -> e.type() == EventType.CLOSE)).hasSize(1);
            client.close();
        }
    }
}
