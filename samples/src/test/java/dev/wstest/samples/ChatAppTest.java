package dev.wstest.samples;

import static dev.wstest.assertions.MessageMatcher.jsonContaining;
import static dev.wstest.assertions.WebSocketAssertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.Connect;
import dev.wstest.junit5.EmbeddedServer;
import dev.wstest.junit5.WebSocketClients;
import dev.wstest.junit5.WebSocketTest;
import dev.wstest.samples.chat.ChatRoomEndpoint;
import dev.wstest.server.WsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat endpoint ({@link ChatRoomEndpoint}) tested with {@code @WebSocketTest}: the extension starts the
 * server once for the class, connects a fresh alice before every test, closes everything afterwards, and
 * prints every client's and the server's frame log if a test fails.
 *
 * <p>The tokens come from {@code src/test/resources/junit-platform.properties} through {@code ${...}}
 * placeholders, the way a real test would keep credentials out of the code.
 */
@WebSocketTest
@Timeout(30)
class ChatAppTest {

    static final String LOBBY = "/rooms/lobby";
    static final String ALICE = "Authorization: Bearer ${chat.token.alice}";
    static final String BOB = "Authorization: Bearer ${chat.token.bob}";

    @EmbeddedServer(endpoints = ChatRoomEndpoint.class)
    static WsServer chat;

    @Connect(path = LOBBY, headers = ALICE, subprotocols = "chat.v1")
    WsClient alice;

    @Test
    @DisplayName("an authenticated member is welcomed to the room, speaking chat.v1")
    void welcomesMember() {
        assertThat(alice)
                .hasSubprotocol("chat.v1")
                .receivesJsonContaining("{\"type\":\"welcome\",\"room\":\"lobby\",\"user\":\"alice\"}");
    }

    @Test
    @DisplayName("what bob says reaches alice, with who said it")
    void relaysToTheRoom(WebSocketClients clients) {
        // bob joins only once alice is in the room: the server opens endpoints after the 101, so two clients
        // connected back to back can be welcomed in either order, and alice would then hear no "joined".
        assertThat(alice).receivesJsonContaining("{\"type\":\"welcome\"}");
        WsClient bob = clients.connect(chat.uri(LOBBY), b -> b.name("bob")
                .header("Authorization", "Bearer bob-token").subprotocols("chat.v1"));
        assertThat(alice).receivesJsonContaining("{\"type\":\"joined\",\"user\":\"bob\"}");

        bob.sendText("{\"type\":\"say\",\"text\":\"hi alice\"}");

        assertThat(alice).receivesJson("{\"type\":\"msg\",\"from\":\"bob\",\"text\":\"hi alice\"}");
        assertThat(bob).receivesJsonContaining("{\"type\":\"msg\",\"from\":\"bob\"}");
    }

    @Test
    @DisplayName("ten members in another room all hear each other, and alice hears none of it")
    void roomsAreSeparate(WebSocketClients clients) {
        List<WsClient> members = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String user = "member" + i;
            WsClient member = clients.connect(chat.uri("/rooms/attic"), b -> b.name(user)
                    .header("Authorization", "Bearer " + user + "-token").subprotocols("chat.v1"));
            assertThat(member).receivesJsonContaining("{\"type\":\"welcome\"}");
            members.add(member);
        }

        members.get(0).sendText("{\"type\":\"say\",\"text\":\"attic only\"}");

        members.forEach(m -> assertThat(m).receivesJsonContaining("{\"type\":\"msg\",\"text\":\"attic only\"}"));
        assertThat(alice).receivesNoMessageDuring(Duration.ofMillis(200),
                jsonContaining("{\"type\":\"msg\"}"));
    }

    @Test
    @DisplayName("\"leave\" makes the server close with 4000 \"left\", and the room is told")
    void leaving(@Connect(path = LOBBY, headers = BOB, subprotocols = "chat.v1") WsClient bob) {
        assertThat(alice).receivesJsonContaining("{\"type\":\"joined\",\"user\":\"bob\"}");

        bob.sendText("{\"type\":\"leave\"}");

        assertThat(bob).isClosedWith(ChatRoomEndpoint.LEFT, "left").isClosedByServer();
        assertThat(alice).receivesJson("{\"type\":\"left\",\"user\":\"bob\"}");
    }

    @Test
    @DisplayName("without a valid token the server closes with 4401 \"unauthorized\"")
    void rejectsMissingToken(@Connect(path = LOBBY, subprotocols = "chat.v1") WsClient anonymous,
                             @Connect(path = LOBBY, subprotocols = "chat.v1",
                                     headers = "Authorization: Bearer not a token") WsClient forger) {
        assertThat(anonymous).isClosedWith(ChatRoomEndpoint.UNAUTHORIZED, "unauthorized").isClosedByServer();
        assertThat(forger).isClosedWith(ChatRoomEndpoint.UNAUTHORIZED, "unauthorized");
    }

    @Test
    @DisplayName("without the chat.v1 subprotocol the server closes with 1002 (protocol error)")
    void requiresSubprotocol(@Connect(path = LOBBY, headers = BOB) WsClient oldClient) {
        assertThat(oldClient).hasNoSubprotocol()
                .isClosedWith(1002, "subprotocol chat.v1 required").isClosedByServer();
    }

    @Test
    @DisplayName("a text that is not a chat message closes with 4400, a binary message with 1003")
    void rejectsWhatItDoesNotUnderstand(
            @Connect(path = LOBBY, headers = BOB, subprotocols = "chat.v1") WsClient bob) {
        alice.sendText("hello?");
        bob.sendBinary(new byte[] {1, 2, 3});

        assertThat(alice).isClosedWith(ChatRoomEndpoint.BAD_MESSAGE, "bad message: not JSON");
        assertThat(bob).isClosedWith(1003, "text only");
    }
}
