package dev.wstest.junit5;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.junit5.testing.TestKit.testKit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.testing.Fixture;
import dev.wstest.junit5.testing.TestKit;
import dev.wstest.server.WsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** What is published when a test fails: every involved client's and server's frame log, secrets redacted. */
@Timeout(60)
class FailureReportTest {

    @Fixture
    @WebSocketTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Conversation {
        @EmbeddedServer
        static WsServer server;

        @Connect(path = "/chat", headers = {"Authorization: Bearer s3cret-token", "X-Api-Key: k3y-value"})
        WsClient alice;

        @Test
        @Order(1)
        void passes() {
            alice.sendText("from the first test");
            assertThat(alice).receivesText("from the first test");
        }

        @Test
        @Order(2)
        void fails(@Connect(path = "/other", name = "bob") WsClient bob) {
            alice.sendText("hello");
            assertThat(alice).receivesText("hello");
            bob.sendText("ping");
            assertThat(bob).within(Duration.ofMillis(100)).receivesText("pong");
        }
    }

    @Test
    @DisplayName("a failed test publishes each client's and server's frame log, and prints them")
    void failedTestPublishesFrameLogs() {
        TestKit.Run run = testKit().with("wstest.report.stdout", "true").with("wstest.redact.headers", "X-Api-Key")
                .run(Conversation.class);

        assertThat(run.testsSucceeded()).isEqualTo(1);
        assertThat(run.testsFailed()).isEqualTo(1);
        assertThat(run.reportEntries()).flatExtracting(Map::keySet)
                .containsExactly("ws-test.client.alice", "ws-test.client.bob", "ws-test.server.server");

        String alice = run.reportEntries("ws-test.client.alice").get(0);
        assertThat(alice)
                .startsWith("Client \"alice\" (ws://127.0.0.1:")
                .contains("/chat, OPEN)\nHandshake:\n  GET ws://127.0.0.1:")
                .contains("> Authorization: Bearer <redacted 12 chars>", "> X-Api-Key: <redacted 9 chars>")
                .contains("HTTP 101")
                .containsPattern("\n  ->\\s+\\+\\d+  TEXT   \"hello\"\n  <-\\s+\\+\\d+  TEXT   \"hello\"\n")
                .endsWith("Connection still OPEN at +" + alice.replaceAll("(?s).*OPEN at \\+", ""))
                .doesNotContain("s3cret-token", "k3y-value", "from the first test");

        String bob = run.reportEntries("ws-test.client.bob").get(0);
        assertThat(bob).containsPattern("->\\s+\\+\\d+  TEXT   \"ping\"")
                .containsPattern("<-\\s+\\+\\d+  TEXT   \"ping\"");

        String server = run.reportEntries("ws-test.server.server").get(0);
        assertThat(server)
                .contains("Server \"server\" (ws://127.0.0.1:")
                .contains("what it saw during this test (earlier: 1 handshake(s), 1 connection(s) not shown)")
                .contains("GET /chat -> 101", "GET /other -> 101")
                .contains("> authorization: Bearer <redacted 12 chars>", "> x-api-key: <redacted 9 chars>")
                .contains("Connection 2 (/chat), frames seen by the server", "Connection 3 (/other)")
                .containsPattern("<-\\s+\\+\\d+  TEXT   \"ping\"")
                .doesNotContain("Connection 1 ", "from the first test", "s3cret-token", "k3y-value");

        assertThat(run.stdout())
                .startsWith("=== ws-test report: ")
                .contains("fails(WsClient) failed: AssertionFailedError: Expecting client \"bob\"")
                .contains(alice, bob, server)
                .endsWith("=== end of ws-test report ===\n")
                .doesNotContain("passes()");
    }

    @Fixture
    @WebSocketTest
    static class SecretPlaceholders {
        @EmbeddedServer
        static WsServer server;

        // header names that are not secret: only the placeholders' names say that the values are
        @Connect(path = "/echo", headers = {"X-Client: ${client.api.token}", "X-Fallback: ${DEV_API_TOKEN:-d3v-fallback-key}"})
        WsClient client;

        @Test
        void fails() {
            client.sendText("the token is " + "v4lue-from-config" + ", the fallback " + "d3v-fallback-key");
            assertThat(client).within(Duration.ofMillis(100)).receivesText("something else");
        }
    }

    @Test
    @DisplayName("a ${...} value or fallback whose name is secret shows in no report, even in a header that is not")
    void placeholderValuesOfSecretNamesAreRedacted() {
        TestKit.Run run = testKit().with("wstest.report.stdout", "true").with("client.api.token", "v4lue-from-config")
                .run(SecretPlaceholders.class);

        assertThat(run.testsFailed()).isEqualTo(1);
        String everything = run.stdout() + "\n" + String.join("\n", run.reportEntries("ws-test.client.client"))
                + "\n" + String.join("\n", run.reportEntries("ws-test.server.server")) + "\n"
                + run.failures().stream().map(Throwable::getMessage).reduce("", String::concat);
        assertThat(everything)
                .contains("> X-Client: <redacted 17 chars>", "> X-Fallback: <redacted 16 chars>")
                .contains("the token is <redacted 17 chars>, the fallback <redacted 16 chars>")
                .doesNotContain("v4lue-from-config", "d3v-fallback-key");
    }

    @Test
    @DisplayName("wstest.report=always also reports passing tests; never reports nothing")
    void reportModes() {
        TestKit.Run always = testKit().with("wstest.report", "always").with("wstest.report.stdout", "true")
                .run(Conversation.class);
        TestKit.Run never = testKit().with("wstest.report", "never").with("wstest.report.stdout", "true")
                .run(Conversation.class);

        assertThat(always.reportEntries("ws-test.client.alice")).hasSize(2);
        assertThat(always.stdout()).contains("passes() passed ===", "fails(WsClient) failed: ");
        assertThat(never.testsFailed()).isEqualTo(1);
        assertThat(never.reportEntries()).isEmpty();
        assertThat(never.stdout()).isEmpty();
    }

    @Test
    @DisplayName("wstest.report.stdout=false publishes report entries without printing")
    void withoutStdout() {
        TestKit.Run run = testKit().with("wstest.report.stdout", "false").run(Conversation.class);

        assertThat(run.reportEntries()).hasSize(3);
        assertThat(run.stdout()).isEmpty();
    }

    @Fixture
    @WebSocketTest
    static class Aborted {
        @EmbeddedServer
        static WsServer server;

        @Connect
        WsClient client;

        @Test
        void aborts() {
            Assumptions.assumeTrue(false, "not today");
        }
    }

    @Test
    @DisplayName("an aborted test (failed assumption) is not reported")
    void abortedTestsAreNotReported() {
        TestKit.Run run = testKit().run(Aborted.class);

        assertThat(run.results().testEvents().aborted().count()).isEqualTo(1);
        assertThat(run.reportEntries()).isEmpty();
    }

    @Fixture
    @WebSocketTest
    static class ClassLevelFailure {
        static List<WsClient> shared;

        @BeforeAll
        static void open(WebSocketClients clients) {
            WsServer server = clients.manage(WsServer.builder().name("hub").start());
            shared = clients.connect(1, server.uri("/shared"));
            shared.get(0).sendText("class-level");
        }

        @Test
        void passes() {
            assertThat(shared.get(0)).receivesText("class-level");
        }

        @AfterAll
        static void failsOnTheWayOut() {
            throw new IllegalStateException("teardown failed");
        }
    }

    @Test
    @DisplayName("a failure in @BeforeAll/@AfterAll reports the class's clients and servers")
    void classLevelFailure() {
        TestKit.Run run = testKit().run(ClassLevelFailure.class);

        assertThat(run.onlyFailure()).hasMessage("teardown failed");
        assertThat(run.reportEntries("ws-test.client.client-1")).singleElement().asString()
                .contains("TEXT   \"class-level\"");
        assertThat(run.reportEntries("ws-test.server.hub")).singleElement().asString()
                .startsWith("Server \"hub\" (ws://127.0.0.1:")
                .contains("everything it saw:\nHandshakes received by server \"hub\":");
    }
}
