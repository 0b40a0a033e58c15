package dev.wstest.scenario;

import static dev.wstest.scenario.ScenarioRunnerTest.assertPassed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.record.EventType;
import dev.wstest.record.LogLimits;
import dev.wstest.scenario.internal.RunContext;
import dev.wstest.scenario.internal.ScenarioStep;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import dev.wstest.testing.StalledClient;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code connect ... max-message-size SIZE} and {@code server ... max-message-size SIZE send-timeout D} reach
 * the client and server they configure: the limits then act as the Java builders' options do.
 */
@Timeout(60)
class ScenarioLimitsTest {

    private static final String TWO_KIB = "x".repeat(2048);

    @Test
    @DisplayName("connect ... max-message-size: a message above it is refused with 1009, one below it arrives")
    void clientLimit() {
        ScenarioResult refused = ScenarioRunnerTest.run(String.join("\n",
                "server echo",
                "connect ${server.url} max-message-size 1KiB",
                "send text \"" + TWO_KIB + "\"",
                "expect closed 1009 within 5s"));
        assertPassed(refused);
        assertThat(refused.connections().get(0).formatLog()).contains("message too big",
                "above this client's limit of 1024 bytes");
        assertPassed(ScenarioRunnerTest.run(String.join("\n",
                "server echo",
                "connect ${server.url} max-message-size 2KiB",
                "send text \"" + TWO_KIB + "\"",
                "expect text \"" + TWO_KIB + "\"")));
    }

    @Test
    @DisplayName("server ... max-message-size: the embedded server refuses a bigger message with 1009")
    void serverLimit() {
        assertPassed(ScenarioRunnerTest.run(String.join("\n",
                "server echo max-message-size 1KiB",
                "connect ${server.url}",
                "send text \"" + TWO_KIB + "\"",
                "expect closed 1009 within 5s")));
        assertPassed(ScenarioRunnerTest.run(String.join("\n",
                "server broadcast as hub max-message-size 4KiB",
                "connect ${hub.url}",
                "send text \"" + TWO_KIB + "\"",
                "expect text \"" + TWO_KIB + "\"")));
    }

    @Test
    @DisplayName("server broadcast ... send-timeout: a client that stops reading is dropped after that long")
    void serverSendTimeout() throws Exception {
        ScenarioFile file = ScenarioLoader.parse("hub.ws", "server broadcast as hub send-timeout 300ms",
                ScenarioVariables.none());
        ScenarioStep step = (ScenarioStep) file.scenarios().get(0).steps().get(0);
        try (RunContext ctx = new RunContext(ScenarioVariables.none(), Duration.ofSeconds(5), c -> { })) {
            step.action().run(ctx);
            WsServer hub = (WsServer) ctx.servers().get(0); // a server echo|broadcast step starts a WsServer
            try (Socket stalled = StalledClient.open(hub.port());
                 WsClient healthy = WsClient.builder(hub.uri("/")).defaultTimeout(Duration.ofSeconds(20))
                         .logLimits(LogLimits.keepAll()).connect()) {
                hub.awaitConnection(2, Duration.ofSeconds(5));
                String big = "x".repeat(64 * 1024);
                ServerConnection dropped = hub.connections().get(0);
                for (int i = 0; i < 200 && dropped.closeStatus().isEmpty(); i++) {
                    healthy.sendText(i + big);
                }
                dropped.log().awaitUntil(() -> dropped.closeStatus().isPresent(), Duration.ofSeconds(5));
                assertThat(dropped.log().events(e -> e.type() == EventType.ERROR))
                        .anySatisfy(e -> assertThat(e.text()).startsWith("dropped by the server: a send did not"
                                + " complete within 300 ms"));
            }
        }
    }
}
