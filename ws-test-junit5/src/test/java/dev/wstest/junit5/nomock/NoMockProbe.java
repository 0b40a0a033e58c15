package dev.wstest.junit5.nomock;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.Connect;
import dev.wstest.junit5.EmbeddedServer;
import dev.wstest.junit5.MockServer;
import dev.wstest.junit5.WebSocketClients;
import dev.wstest.junit5.WebSocketTest;
import dev.wstest.junit5.testing.Fixture;
import dev.wstest.server.WsServer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs in a class loader without ws-test-mock and Netty ({@code NoMockClasspathTest}): the extension works for
 * embedded servers, and {@code @MockServer} names the dependency to add.
 */
public final class NoMockProbe {

    private NoMockProbe() {
    }

    @Fixture @WebSocketTest
    public static class EmbeddedOnly {
        @EmbeddedServer static WsServer server;
        @Connect(path = "/x") WsClient client;

        @Test
        void test(WsServer same, WebSocketClients clients) {
            client.sendText("no netty needed");
            assertThat(client).receivesText("no netty needed");
            assertThat(clients.connect(same.uri("/y"))).isOpen();
        }
    }

    @Fixture @WebSocketTest
    public static class WantsAMock {
        @MockServer static Object feed; // Object: the mock's class is not there to name

        @Test
        void test() {
        }
    }

    /** "mock=false" then, per fixture class, its outcome: "passed" or "failed: message". */
    public static String run() {
        StringBuilder sb = new StringBuilder();
        try {
            Class.forName("dev.wstest.mock.MockWsServer");
            sb.append("mock=true\n");
        } catch (ClassNotFoundException e) {
            sb.append("mock=false\n");
        }
        for (Class<?> fixture : new Class<?>[] {EmbeddedOnly.class, WantsAMock.class}) {
            EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("wstest.fixtures.enabled", "true")
                    .configurationParameter("wstest.report.stdout", "false")
                    .selectors(selectClass(fixture)).execute();
            String failures = r.allEvents().failed().stream()
                    .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                            .getThrowable().map(Throwable::toString).orElse("?"))
                    .collect(Collectors.joining(" | "));
            sb.append(fixture.getSimpleName()).append(": ").append(failures.isEmpty()
                    ? "passed " + r.testEvents().succeeded().count() : "failed: " + failures).append('\n');
        }
        return sb.toString();
    }
}
