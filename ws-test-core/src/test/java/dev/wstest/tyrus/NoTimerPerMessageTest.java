package dev.wstest.tyrus;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tyrus restarts a session's idle-timeout task for every message unless the timeout is negative (see
 * {@link NoIdleTimeout}); the sessions ws-test owns must have it so, or every message costs a scheduled task.
 */
@Timeout(30)
class NoTimerPerMessageTest {

    @Test
    @DisplayName("the client's and the echo server's sessions schedule no idle-timeout task per message")
    void sessionsHaveNoIdleTimer() throws Exception {
        try (WsServer server = WsServer.echo(); WsClient client = WsClient.connect(server.uri())) {
            client.sendText("hello");
            assertThat(client).receivesText("hello");
            ServerConnection connection = server.awaitConnection(1, Duration.ofSeconds(5));
            assertThat(session(client).getMaxIdleTimeout()).as("client session").isEqualTo(NoIdleTimeout.NONE);
            assertThat(session(connection).getMaxIdleTimeout()).as("server session").isEqualTo(NoIdleTimeout.NONE);
        }
    }

    private static Session session(Object owner) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField("session");
        f.setAccessible(true);
        return (Session) f.get(owner);
    }
}
