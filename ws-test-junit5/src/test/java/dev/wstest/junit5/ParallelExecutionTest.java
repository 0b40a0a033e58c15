package dev.wstest.junit5;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.junit5.testing.TestKit.testKit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.testing.Fixture;
import dev.wstest.junit5.testing.TestKit;
import dev.wstest.record.ConnectionState;
import dev.wstest.server.WsServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many tests at once, with junit.jupiter.execution.parallel.enabled=true: no failures, nothing shared by mistake. */
@Timeout(180)
class ParallelExecutionTest {

    static final List<WsClient> CLIENTS = new CopyOnWriteArrayList<>();
    /** Counted down by the first tests; reaching zero proves that four tests were running at the same time. */
    static volatile CountDownLatch together;
    static final List<Boolean> MET = new CopyOnWriteArrayList<>();

    static void meetOthers() throws InterruptedException {
        CountDownLatch latch = together;
        latch.countDown();
        MET.add(latch.await(10, TimeUnit.SECONDS));
    }

    @Fixture
    @WebSocketTest
    static class EchoTests {
        @EmbeddedServer
        static WsServer echo;

        @Connect(path = "/echo")
        WsClient client;

        @RepeatedTest(40)
        void echoes(RepetitionInfo repetition, WebSocketClients clients) throws InterruptedException {
            if (repetition.getCurrentRepetition() <= 2) {
                meetOthers();
            }
            String message = "echo test " + repetition.getCurrentRepetition();
            client.sendText(message);
            assertThat(client).receivesText(message);
            for (WsClient more : clients.connect(3, echo.uri("/more"))) {
                more.sendText(message + " again");
                assertThat(more).receivesText(message + " again");
            }
            CLIENTS.add(client);
            CLIENTS.addAll(clients.clients());
        }
    }

    @Fixture
    @WebSocketTest
    static class OwnServerTests {
        @RepeatedTest(20)
        void ownServer(RepetitionInfo repetition, @EmbeddedServer(behaviour = EmbeddedServer.Broadcast.class)
                WsServer hub, @Connect(server = "hub") WsClient alice, @Connect(server = "hub") WsClient bob)
                throws InterruptedException {
            if (repetition.getCurrentRepetition() <= 2) {
                meetOthers();
            }
            // A broadcast reaches only connections the server has finished opening; a reply to bob's own
            // message shows that his has been.
            bob.sendText("bob is here");
            assertThat(bob).receivesText("bob is here");
            alice.sendText("only for this test's hub");
            assertThat(bob).receivesText("only for this test's hub");
            assertThat(hub.connections()).hasSize(2);
            CLIENTS.add(alice);
            CLIENTS.add(bob);
        }
    }

    @BeforeEach
    void reset() {
        CLIENTS.clear();
        MET.clear();
        together = new CountDownLatch(4);
    }

    @Test
    @DisplayName("60 tests in two classes, run in parallel five times over, all pass and close every client")
    void manyTestsAtOnce() {
        for (int round = 1; round <= 5; round++) {
            reset();
            TestKit.Run run = testKit()
                    .with("junit.jupiter.execution.parallel.enabled", "true")
                    .with("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .with("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .with("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .with("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
                    .run(EchoTests.class, OwnServerTests.class);

            run.assertAllSucceeded(60);
            assertThat(MET).as("round %d: four tests met while running", round).hasSize(4).containsOnly(true);
            assertThat(CLIENTS).as("round %d", round).hasSize(40 * 4 + 20 * 2).doesNotHaveDuplicates()
                    .allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionState.CLOSED));
        }
    }
}
