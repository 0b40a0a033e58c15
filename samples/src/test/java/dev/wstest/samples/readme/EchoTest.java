package dev.wstest.samples.readme;

// README quick-start: begin
import static dev.wstest.assertions.WebSocketAssertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.server.WsServer;
import org.junit.jupiter.api.Test;

class EchoTest {
    @Test
    void echoesWhatItGets() {
        try (WsServer server = WsServer.echo();                       // 127.0.0.1, ephemeral port
             WsClient client = WsClient.builder(server.uri("/chat"))
                     .header("Authorization", "Bearer t0ken")           // redacted in every log
                     .name("alice").connect()) {
            client.sendText("{\"type\":\"hello\",\"id\":1}");
            assertThat(client).receivesJsonContaining("{\"type\":\"hello\"}");  // waits up to 2 s
            client.sendPing("hb");
            assertThat(client).receivesPong("hb");
            client.close(1000, "bye");
            assertThat(client).isClosedWith(1000, "bye").isClosedByClient();
        }
    }
}
// README quick-start: end
