package dev.wstest.samples.spring;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.Connect;
import dev.wstest.junit5.WebSocketClients;
import dev.wstest.junit5.WebSocketTest;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Spring Boot chat application on a random port, tested with ws-test clients. {@code ${local.server.port}}
 * in {@code @Connect(url = ...)} is looked up in the Spring application context, so the clients find the
 * port Spring chose. The server listens on 127.0.0.1 only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@WebSocketTest
@Timeout(60)
class ChatApplicationTest {

    static final String LOBBY = "ws://127.0.0.1:${local.server.port}/rooms/lobby";

    @Connect(url = LOBBY, headers = "Authorization: Bearer alice-token", subprotocols = "chat.v1")
    WsClient alice;

    @Test
    @DisplayName("an authenticated member is welcomed to the room, speaking chat.v1")
    void welcomesMember() {
        assertThat(alice)
                .hasSubprotocol("chat.v1")
                .receivesJson("{\"type\":\"welcome\",\"room\":\"lobby\",\"user\":\"alice\"}");
    }

    @Test
    @DisplayName("what bob says reaches alice, with who said it")
    void relaysToTheRoom(WebSocketClients clients) {
        // Tomcat runs the handler's afterConnectionEstablished after the 101, so alice's connect can return
        // before she is in the room: bob joins once she has been welcomed (seen: bob first, alice missing
        // "joined" when bob was a @Connect parameter).
        assertThat(alice).receivesJsonContaining("{\"type\":\"welcome\"}");
        WsClient bob = clients.connect(LOBBY, b -> b.name("bob").header("Authorization", "Bearer bob-token")
                .subprotocols("chat.v1"));
        assertThat(alice).receivesJson("{\"type\":\"joined\",\"user\":\"bob\"}");

        bob.sendText("{\"type\":\"say\",\"text\":\"hi alice\"}");

        assertThat(alice).receivesJson("{\"type\":\"msg\",\"from\":\"bob\",\"text\":\"hi alice\"}");
    }

    @Test
    @DisplayName("the upgrade is refused with 401 without a token")
    void refusesWithoutToken(WebSocketClients clients) {
        assertThatHandshakeRefused(() -> clients.connect(LOBBY))
                .hasStatus(401)
                .hasResponseHeader("WWW-Authenticate", "Bearer");
    }

    @Test
    @DisplayName("\"leave\" closes with 4000 \"left\"; a text that is not a chat message with 4400")
    void closeCodes(@LocalServerPort int port, WebSocketClients clients) {
        List<WsClient> members = List.of("carol", "dave").stream()
                .map(user -> clients.connect("ws://127.0.0.1:" + port + "/rooms/hall", b -> b.name(user)
                        .header("Authorization", "Bearer " + user + "-token").subprotocols("chat.v1")))
                .toList();
        members.forEach(m -> assertThat(m).receivesJsonContaining("{\"type\":\"welcome\"}"));

        members.get(0).sendText("{\"type\":\"leave\"}");
        members.get(1).sendText("hello?");

        assertThat(members.get(0)).isClosedWith(ChatHandler.LEFT, "left").isClosedByServer();
        assertThat(members.get(1)).isClosedWith(ChatHandler.BAD_MESSAGE, "bad message: not JSON");
    }

    @Test
    @DisplayName("without the chat.v1 subprotocol the server closes with 1002 (protocol error)")
    void requiresSubprotocol(@Connect(url = LOBBY, headers = "Authorization: Bearer bob-token") WsClient bob) {
        assertThat(bob).hasNoSubprotocol().isClosedWith(1002, "subprotocol chat.v1 required");
    }
}
