package dev.wstest.mock;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;

import dev.wstest.client.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SmokeTest {
    @Test
    void smoke() {
        try (MockWsServer mock = MockWsServer.builder()
                .stub(Stub.onConnect().sendText("welcome"))
                .stub(Stub.onText("ping").sendText("pong"))
                .stub(Stub.onJsonContaining("{\"op\":\"sub\"}").sendText("{\"ack\":\"${$.id}\"}")
                        .sendTextEvery(Duration.ofMillis(20), "tick ${n}", 3).close(4000, "done"))
                .start();
             WsClient client = WsClient.connect(mock.uri("/feed"))) {
            assertThat(client).receivesText("welcome");
            client.sendText("ping");
            assertThat(client).receivesText("pong");
            client.sendText("{\"op\":\"sub\",\"id\":\"a1\"}");
            assertThat(client).receivesJson("{\"ack\":\"a1\"}").receivesText("tick 1").receivesText("tick 3")
                    .isClosedWith(4000, "done").isClosedByServer();
            System.out.println(mock.describeActivity());
        }
    }
}
