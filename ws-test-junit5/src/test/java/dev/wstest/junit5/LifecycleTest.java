package dev.wstest.junit5;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.junit5.testing.TestKit.testKit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.testing.Fixture;
import dev.wstest.junit5.testing.TestKit;
import dev.wstest.record.ConnectionState;
import dev.wstest.server.WsServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** When servers start and stop and clients connect and close, on every supported JUnit. */
@Timeout(120)
class LifecycleTest {

    /** What the fixtures saw, read by the tests after each run. */
    static final List<WsServer> SERVERS = new CopyOnWriteArrayList<>();
    static final List<WsClient> CLIENTS = new CopyOnWriteArrayList<>();
    static final List<String> NOTES = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        SERVERS.clear();
        CLIENTS.clear();
        NOTES.clear();
    }

    private static boolean isClosed(WsServer server) {
        return server.isClosed();
    }

    @Fixture
    @WebSocketTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ServerPerClassClientPerTest {
        @EmbeddedServer
        static WsServer server;

        @Connect(path = "/lifecycle")
        WsClient client;

        @BeforeAll
        static void serverIsUpBeforeAll() {
            NOTES.add("beforeAll sees server " + (server != null));
        }

        @Test
        @Order(1)
        void first() {
            record();
        }

        @Test
        @Order(2)
        void second() {
            assertThat(CLIENTS.get(0).state()).as("the first test's client").isEqualTo(ConnectionState.CLOSED);
            record();
        }

        @Test
        @Order(3)
        void third() {
            record();
        }

        private void record() {
            SERVERS.add(server);
            CLIENTS.add(client);
            client.sendText("hi");
            assertThat(client).receivesText("hi");
        }

        @AfterAll
        static void serverIsStillUpAfterAll() {
            NOTES.add("afterAll sees open server " + !isClosed(server));
        }
    }

    @Test
    @DisplayName("a static server starts once for the class; each test gets its own client, closed after it")
    void serverOncePerClassClientsPerTest() {
        TestKit.Run run = testKit().run(ServerPerClassClientPerTest.class);

        run.assertAllSucceeded(3);
        assertThat(SERVERS).hasSize(3).containsOnly(SERVERS.get(0));
        assertThat(isClosed(SERVERS.get(0))).as("server closed after the class").isTrue();
        assertThat(CLIENTS).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionState.CLOSED));
        assertThat(NOTES).containsExactly("beforeAll sees server true", "afterAll sees open server true");
        assertThat(SERVERS.get(0).connections()).hasSize(3);
    }

    @Fixture
    @WebSocketTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ServerPerTest {
        @EmbeddedServer
        WsServer server;

        @Connect
        WsClient client;

        @Test
        @Order(1)
        void first() {
            SERVERS.add(server);
        }

        @Test
        @Order(2)
        void second() {
            assertThat(isClosed(SERVERS.get(0))).as("the first test's server").isTrue();
            SERVERS.add(server);
        }
    }

    @Test
    @DisplayName("an instance-field server is started for each test and closed after it")
    void serverPerTest() {
        TestKit.Run run = testKit().run(ServerPerTest.class);

        run.assertAllSucceeded(2);
        assertThat(SERVERS).hasSize(2).doesNotHaveDuplicates().allSatisfy(s -> assertThat(isClosed(s)).isTrue());
    }

    @Fixture
    @WebSocketTest
    static class FailingTest {
        @EmbeddedServer
        static WsServer server;

        @Connect
        WsClient client;

        @Test
        void fails(@Connect WsClient second, WebSocketClients clients) {
            CLIENTS.add(client);
            CLIENTS.add(second);
            CLIENTS.add(clients.connect(server.uri("/third")));
            throw new IllegalStateException("boom");
        }
    }

    @Test
    @DisplayName("a failing test's clients and servers are closed too")
    void closedAfterFailure() {
        TestKit.Run run = testKit().run(FailingTest.class);

        assertThat(run.onlyFailure()).hasMessage("boom");
        assertThat(CLIENTS).hasSize(3).allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionState.CLOSED));
    }

    @Fixture
    @WebSocketTest
    static class ManyTests {
        @EmbeddedServer
        static WsServer server;

        @Connect(path = "/many")
        WsClient client;

        @RepeatedTest(500)
        void roundTrip() {
            CLIENTS.add(client);
            client.sendText("x");
            assertThat(client).receivesText("x");
        }

        @AfterAll
        static void everyConnectionEnded() {
            boolean ended = server.awaitUntil(s -> s.openConnections().isEmpty(), Duration.ofSeconds(10));
            NOTES.add("open connections at the end: " + (ended ? 0 : server.openConnections().size()));
            NOTES.add("connections: " + server.connectionCount());
        }
    }

    @Test
    @DisplayName("500 tests leave no client, connection or thread behind")
    void noLeakAcross500Tests() {
        testKit().run(ServerPerClassClientPerTest.class); // warm up shared client threads
        CLIENTS.clear();
        NOTES.clear();
        int threadsBefore = Thread.activeCount();

        TestKit.Run run = testKit().run(ManyTests.class);

        run.assertAllSucceeded(500);
        assertThat(CLIENTS).hasSize(500).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionState.CLOSED));
        assertThat(NOTES).containsExactly("open connections at the end: 0", "connections: 500");
        assertThat(Thread.activeCount()).as("live threads after 500 tests (before: %d)", threadsBefore)
                .isLessThanOrEqualTo(threadsBefore + 8);
    }

    @Fixture
    @WebSocketTest
    static class ClassScopedClients {
        static WsServer adopted;
        static List<WsClient> shared;

        @BeforeAll
        static void open(WebSocketClients clients) {
            adopted = clients.manage(WsServer.builder().name("adopted").start());
            shared = clients.connect(2, adopted.uri("/shared"));
        }

        @Test
        void one() {
            assertThat(shared).allSatisfy(c -> assertThat(c.isOpen()).isTrue());
        }

        @Test
        void two() {
            assertThat(shared).allSatisfy(c -> assertThat(c.isOpen()).isTrue());
        }

        @AfterAll
        static void stillOpen() {
            NOTES.add("open after the tests: " + shared.stream().filter(WsClient::isOpen).count());
        }
    }

    @Test
    @DisplayName("clients and servers of a @BeforeAll method live until the class is done")
    void classScopedClients() {
        TestKit.Run run = testKit().run(ClassScopedClients.class);

        run.assertAllSucceeded(2);
        assertThat(NOTES).containsExactly("open after the tests: 2");
        assertThat(ClassScopedClients.shared).allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionState.CLOSED));
        assertThat(isClosed(ClassScopedClients.adopted)).isTrue();
    }

    @Fixture
    @WebSocketTest
    static class Outer {
        @EmbeddedServer
        static WsServer outerServer;

        @Nested
        class Inner {
            @Connect(path = "/inner")
            WsClient client;

            @Test
            void connectsToTheEnclosingClassServer() {
                SERVERS.add(outerServer);
                CLIENTS.add(client);
                assertThat(outerServer.awaitConnection(1, Duration.ofSeconds(2)).path()).isEqualTo("/inner");
            }
        }
    }

    @Test
    @DisplayName("a @Nested class's clients connect to the enclosing class's server")
    void nestedClasses() {
        TestKit.Run run = testKit().run(Outer.class);

        run.assertAllSucceeded(1);
        assertThat(CLIENTS).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(ConnectionState.CLOSED));
        assertThat(isClosed(SERVERS.get(0))).isTrue();
    }

    @Test
    @DisplayName("cleanup also works when JUnit 5.13+ is told not to close AutoCloseable store values")
    void cleanupWithoutAutoCloseableClosing() {
        TestKit.Run run = testKit().with("junit.jupiter.extensions.store.close.autocloseable.enabled", "false")
                .run(ServerPerClassClientPerTest.class);

        run.assertAllSucceeded(3);
        assertThat(isClosed(SERVERS.get(0))).isTrue();
        assertThat(CLIENTS).hasSize(3).allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionState.CLOSED));
    }
}
