package dev.wstest.samples;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wstest.client.WsClient;
import dev.wstest.samples.chat.ChatRoomEndpoint;
import dev.wstest.server.ServerHandshake;
import dev.wstest.server.WsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tests a user's own {@code @ServerEndpoint} ({@link ChatRoomEndpoint}) hosted by the embedded server, with
 * ws-test-core alone: the server and the clients are opened and closed by hand. {@link ChatAppTest} tests
 * the same endpoint with the JUnit extension doing that work. One server serves the whole class; each test
 * uses rooms of its own so tests cannot hear each other.
 */
@Timeout(30)
class ChatRoomSampleTest {

    private static WsServer server;

    @BeforeAll
    static void startServer() {
        server = WsServer.builder().name("chat").endpoints(ChatRoomEndpoint.class).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Connects a member to a room with their token and the chat subprotocol. */
    private static WsClient connect(String member, String room) {
        return WsClient.builder(server.uri("/rooms/" + room)).name(member)
                .header("Authorization", "Bearer " + member + "-token")
                .subprotocols(ChatRoomEndpoint.SUBPROTOCOL)
                .connect();
    }

    /** Connects a member to a room and waits for the welcome, so the server has registered them. */
    private static WsClient join(String member, String room) {
        WsClient client = connect(member, room);
        try {
            assertThat(client).receivesJsonContaining("{\"type\":\"welcome\",\"room\":\"" + room + "\"}");
            return client;
        } catch (AssertionError noWelcome) {
            client.close();
            throw noWelcome;
        }
    }

    private static String say(String text) {
        return "{\"type\":\"say\",\"text\":\"" + text + "\"}";
    }

    @Test
    @DisplayName("a new member is welcomed with the room's name and their user name")
    void welcomesNewMember() {
        try (WsClient alice = connect("alice", "lobby")) {
            assertThat(alice).receivesJson("{\"members\":[\"alice\"],\"room\":\"lobby\",\"type\":\"welcome\","
                    + "\"user\":\"alice\"}").isOpen().hasSubprotocol("chat.v1");
        }
    }

    @Test
    @DisplayName("a message from alice reaches bob, and alice herself, in the same room")
    void relaysWithinTheRoom() {
        try (WsClient alice = join("alice", "kitchen");
             WsClient bob = join("bob", "kitchen")) {
            alice.sendText(say("dinner is \\\"ready\\\""));

            String relayed = "{\"type\":\"msg\",\"from\":\"alice\",\"text\":\"dinner is \\\"ready\\\"\"}";
            assertThat(bob).receivesJson(relayed);
            assertThat(alice).receivesJson(relayed);
        }
    }

    @Test
    @DisplayName("a member of another room hears nothing")
    void doesNotRelayToOtherRooms() {
        try (WsClient alice = join("alice", "garden");
             WsClient bob = join("bob", "garden");
             WsClient carol = join("carol", "attic")) {
            alice.sendText(say("anyone here?"));

            // Once bob has it, the server has relayed; only then is carol's silence meaningful.
            assertThat(bob).receivesJsonContaining("{\"type\":\"msg\",\"text\":\"anyone here?\"}");
            assertThat(carol).receivesNoMessageDuring(Duration.ofMillis(300));
        }
    }

    @Test
    @DisplayName("{\"type\":\"leave\"} makes the server close with 4000 \"left\"")
    void leaveClosesTheConnection() {
        try (WsClient dave = join("dave", "hall")) {
            dave.sendText("{\"type\":\"leave\"}");

            assertThat(dave).isClosedWith(ChatRoomEndpoint.LEFT, "left").isClosedByServer();
        }
    }

    @Test
    @DisplayName("the server recorded each member's handshake path")
    void recordsHandshakePaths() {
        try (WsClient erin = join("erin", "paths-1");
             WsClient frank = join("frank", "paths-2")) {
            assertThat(server.handshakes())
                    .filteredOn(h -> h.path().startsWith("/rooms/paths-"))
                    .extracting(ServerHandshake::path, ServerHandshake::status)
                    .containsExactlyInAnyOrder(
                            tuple(erin.uri().getPath(), 101),
                            tuple(frank.uri().getPath(), 101));
        }
    }
}
