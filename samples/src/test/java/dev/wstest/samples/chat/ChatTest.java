package dev.wstest.samples.chat;

// README junit5: begin
import static dev.wstest.assertions.WebSocketAssertions.assertThat;   // AssertJ's assertThat comes with it

import dev.wstest.client.WsClient;
import dev.wstest.junit5.Connect;
import dev.wstest.junit5.EmbeddedServer;
import dev.wstest.junit5.WebSocketClients;
import dev.wstest.junit5.WebSocketTest;
import dev.wstest.server.WsServer;
import java.util.List;
import org.junit.jupiter.api.Test;

@WebSocketTest
class ChatTest {
    @EmbeddedServer(endpoints = ChatRoomEndpoint.class)
    static WsServer chat;                                   // one server for the whole class

    @Connect(path = "/rooms/lobby", subprotocols = "chat.v1",
             headers = "Authorization: Bearer ${chat.token.alice}")   // from junit-platform.properties
    WsClient alice;                                         // a connected client per test

    @Test
    void relaysToOthers(@Connect(path = "/rooms/lobby", subprotocols = "chat.v1",
                                 headers = "Authorization: Bearer ${chat.token.bob}") WsClient bob) {
        assertThat(bob).receivesJsonContaining("{\"type\":\"welcome\"}");   // bob is in the room
        alice.sendText("{\"type\":\"say\",\"text\":\"hi\"}");
        assertThat(bob).receivesJsonContaining("{\"text\":\"hi\"}");
    }

    @Test
    void manyListeners(WebSocketClients clients) {          // open N more; all closed after the test
        List<WsClient> crowd = clients.connect(50, chat.uri("/rooms/big"),
                b -> b.header("Authorization", "Bearer crowd-token").subprotocols("chat.v1"));
        assertThat(crowd).hasSize(50);
        crowd.forEach(member -> assertThat(member).receivesJsonContaining("{\"type\":\"welcome\"}"));
    }
}
// README junit5: end
