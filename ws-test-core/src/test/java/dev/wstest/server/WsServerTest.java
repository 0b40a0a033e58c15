package dev.wstest.server;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.EventType;
import dev.wstest.record.Side;
import dev.wstest.server.fixtures.GreetingEndpoint;
import dev.wstest.testing.Listeners;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WsServerTest {

    @Test
    @DisplayName("binds 127.0.0.1 on an ephemeral port and reports its URI")
    void bindsLoopbackEphemeral() throws IOException {
        try (WsServer a = WsServer.echo(); WsServer b = WsServer.echo()) {
            assertThat(a.host()).isEqualTo("127.0.0.1");
            assertThat(a.port()).isPositive().isNotEqualTo(8025).isNotEqualTo(b.port());
            assertThat(a.uri()).hasToString("ws://127.0.0.1:" + a.port() + "/");
            assertThat(a.uri("chat")).hasToString("ws://127.0.0.1:" + a.port() + "/chat");
            // reachable on loopback...
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), a.port()), 2000);
                assertThat(s.isConnected()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("close() is idempotent, stops listening and leaves no server threads behind")
    void closeReleasesEverything() throws Exception {
        // warm up the shared client transport so its threads are not counted as the server's
        try (WsServer warm = WsServer.echo(); WsClient c = WsClient.connect(warm.uri())) {
            c.sendText("warm");
            assertThat(c).receivesText("warm");
        }
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        WsServer server = WsServer.echo();
        int port = server.port();
        try (WsClient client = WsClient.connect(server.uri())) {
            client.sendText("x");
            assertThat(client).receivesText("x");
        }
        assertThat(server.isClosed()).isFalse();
        assertThat(Listeners.thisProcessListensOn(port)).as("a listener of this JVM on port " + port).isTrue();
        server.close();
        server.close();
        assertThat(server.isClosed()).isTrue();
        assertThat(Listeners.thisProcessListensOn(port)).as("a listener of this JVM on port " + port).isFalse();
        Set<Thread> leaked = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> !t.getName().startsWith("tyrus-grizzly-container-idle")) // client transport's timer
                .filter(t -> !t.getName().startsWith("Grizzly(") || t.getName().contains("http-server"))
                .collect(Collectors.toSet());
        // Threads die asynchronously after shutdownNow(); wait on that condition rather than sleeping.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (leaked.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            for (Thread t : leaked) {
                t.join(100);
            }
        }
        assertThat(leaked.stream().filter(Thread::isAlive).map(Thread::getName)).isEmpty();
    }

    @Test
    @DisplayName("close() returns only once the port has stopped listening, so a client's reconnect is refused")
    void closeFreesThePortBeforeItReturns() throws Exception {
        // Grizzly closes the listening channel on its selector thread, and the JDK frees a channel registered with
        // a selector only when the selector deregisters it: before the fix about one close() in twelve returned
        // while the kernel still accepted connections on the port. A hundred rounds make that a near-certain fail.
        for (int round = 0; round < 100; round++) {
            WsServer server = WsServer.echo();
            int port = server.port();
            try (WsClient client = WsClient.connect(server.uri())) {
                client.sendText("x");
                assertThat(client).receivesText("x");
            }
            server.close();
            assertThat(Listeners.thisProcessListensOn(port))
                    .as("round %d: a listener of this JVM on port %d after close() returned", round, port).isFalse();
        }
    }

    @Test
    @DisplayName("records handshakes, connections and close codes per connection")
    void recordsWhatItSaw() {
        try (WsServer server = WsServer.echo()) {
            try (WsClient a = WsClient.builder(server.uri("/a?token=1")).header("Cookie", "sid=42").connect();
                 WsClient b = WsClient.connect(server.uri("/b/c"))) {
                a.sendText("from a");
                b.sendBinary(new byte[] {1});
                assertThat(a).receivesText("from a");
                assertThat(b).receivesBinary(new byte[] {1});
                a.close(4002, "a leaves");
                assertThat(a).isClosedWith(4002, "a leaves");
            }
            assertThat(server.handshakes()).extracting(ServerHandshake::path).containsExactly("/a", "/b/c");
            assertThat(server.handshakes().get(0).query()).contains("token=1");
            ServerConnection first = server.awaitConnection(1, Duration.ofSeconds(1));
            assertThat(first.receivedTexts()).containsExactly("from a");
            assertThat(server.awaitUntil(s -> s.connections().stream().allMatch(c -> c.state() == ConnectionState.CLOSED),
                    Duration.ofSeconds(5))).isTrue();
            assertThat(first.closeStatus().orElseThrow().code()).isEqualTo(4002);
            assertThat(first.closeStatus().orElseThrow().initiator()).contains(Side.CLIENT);
            assertThat(server.describeActivity()).contains("GET /a?token=<redacted 1 chars> -> 101")
                    .contains("cookie: <redacted 6 chars>").doesNotContain("sid=42")
                    .contains("<-").contains("TEXT   \"from a\"");
        }
    }

    @Test
    @DisplayName("awaitConnection fails with what the server saw when too few clients come")
    void awaitConnectionFailure() {
        try (WsServer server = WsServer.echo(); WsClient one = WsClient.connect(server.uri("/only"))) {
            assertThatThrownBy(() -> server.awaitConnection(2, Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("to accept 2 connection(s) within 100 ms, but it accepted 1")
                    .hasMessageContaining("GET /only -> 101");
        }
    }

    @Test
    @DisplayName("broadcast sends every message to every connected client, including the sender")
    void broadcast() {
        try (WsServer server = WsServer.broadcast();
             WsClient alice = WsClient.builder(server.uri("/room")).name("alice").connect();
             WsClient bob = WsClient.builder(server.uri("/room")).name("bob").connect()) {
            server.awaitConnection(2, Duration.ofSeconds(2));
            alice.sendText("hi all");
            assertThat(bob).receivesText("hi all");
            assertThat(alice).receivesText("hi all");
            // messages from different senders have no defined order, so one at a time
            bob.sendBinary(new byte[] {4, 2});
            assertThat(alice).receivesBinary(new byte[] {4, 2});
            assertThat(bob).receivesBinary(new byte[] {4, 2});
        }
    }

    @Test
    @DisplayName("a broadcast reaches a client whose connect() returned while its server side is still opening")
    void broadcastReachesConnectionsStillOpening() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ServerBehaviour slowToOpen = new ServerBehaviour() {
            @Override
            public void onOpen(ServerConnection connection) {
                if (connection.path().equals("/slow")) {
                    try {
                        release.await(10, java.util.concurrent.TimeUnit.SECONDS); // Grizzly sent the 101 already
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void onText(ServerConnection connection, String text) {
                ServerBehaviour.broadcast().onText(connection, text);
            }
        };
        try (WsServer server = WsServer.builder().behaviour(slowToOpen).start();
             WsClient alice = WsClient.builder(server.uri("/room")).name("alice").connect();
             WsClient bob = WsClient.builder(server.uri("/slow")).name("bob").connect()) {
            server.awaitConnection(1, Duration.ofSeconds(2));
            assertThat(server.connections()).as("bob's endpoint has not finished opening").hasSize(1);
            alice.sendText("hi all");
            assertThat(alice).receivesText("hi all");
            release.countDown();
            assertThat(bob).receivesText("hi all");
        }
    }

    @Test
    @DisplayName("hosts the user's @ServerEndpoint classes; a server-initiated close 4001 is observed with its reason")
    void hostsAnnotatedEndpoints() {
        try (WsServer server = WsServer.builder().endpoints(GreetingEndpoint.class).start();
             WsClient client = WsClient.connect(server.uri("/greet/ada"))) {
            assertThat(client).receivesJson("{\"name\": \"ada\", \"type\": \"welcome\"}");
            client.sendText("hello");
            assertThat(client).receivesText("you said hello");
            client.sendText("kick");
            assertThat(client).isClosedWith(4001, "kicked ada").isClosedByServer();
            ServerConnection seen = server.awaitConnection(1, Duration.ofSeconds(1));
            assertThat(seen.canSend()).isFalse();
            assertThat(seen.receivedTexts()).containsExactly("hello", "kick");
            assertThatThrownBy(() -> seen.sendText("x")).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("served by your own endpoint class");
        }
    }

    @Test
    @DisplayName("hosts programmatic ServerEndpointConfigs")
    void hostsProgrammaticEndpoints() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(dev.wstest.server.fixtures.Shouter.class, "/shout").build();
        try (WsServer server = WsServer.builder().endpoint(config).start();
             WsClient client = WsClient.connect(server.uri("/shout"))) {
            client.sendText("quiet");
            assertThat(client).receivesText("QUIET");
        }
    }

    @Test
    @DisplayName("hosts a programmatic endpoint given by class and path")
    void hostsProgrammaticEndpointByClass() {
        try (WsServer server = WsServer.builder().endpoint(dev.wstest.server.fixtures.Shouter.class, "/shout/{who}")
                .start();
             WsClient client = WsClient.connect(server.uri("/shout/me"))) {
            client.sendText("quiet");
            assertThat(client).receivesText("QUIET");
        }
    }

    @Test
    void rejectsProgrammaticEndpointPathsWithoutSlash() {
        assertThatThrownBy(() -> WsServer.builder().endpoint(dev.wstest.server.fixtures.Shouter.class, "shout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint path must start with \"/\", was shout");
    }

    @Test
    void rejectsClassesWithoutServerEndpoint() {
        assertThatThrownBy(() -> WsServer.builder().endpoints(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not annotated with @jakarta.websocket.server.ServerEndpoint");
    }

    @Test
    @DisplayName("a custom behaviour drives connections from the test; exceptions it throws land in the log")
    void customBehaviour() {
        ServerBehaviour behaviour = new ServerBehaviour() {
            @Override
            public void onOpen(ServerConnection connection) {
                connection.sendTextFragments("wel", "come");
            }

            @Override
            public void onText(ServerConnection connection, String text) {
                if (text.equals("boom")) {
                    throw new IllegalStateException("behaviour exploded");
                }
                connection.close(4400, "bye " + text);
            }
        };
        try (WsServer server = WsServer.builder().behaviour(behaviour).start();
             WsClient client = WsClient.connect(server.uri("/x"))) {
            assertThat(client).receivesText("welcome");
            assertThat(client.log().receivedMessages().get(0).frameSizes()).containsExactly(3, 4);
            client.sendText("boom");
            ServerConnection conn = server.awaitConnection(1, Duration.ofSeconds(1));
            assertThat(conn.log().awaitUntil(() -> !conn.log().events(e -> e.type() == EventType.ERROR).isEmpty(),
                    Duration.ofSeconds(2))).isTrue();
            assertThat(conn.log().format()).contains("behaviour exploded");
            client.sendText("joe");
            assertThat(client).isClosedWith(4400, "bye joe").isClosedByServer();
        }
    }

    @Test
    @DisplayName("an occupied port is a clear error")
    void occupiedPort() {
        try (WsServer first = WsServer.echo()) {
            assertThatThrownBy(() -> WsServer.builder().port(first.port()).name("second").start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ws-test server \"second\": cannot listen on 127.0.0.1:" + first.port());
        }
    }

    @Test
    @DisplayName("awaitConnection on a server that is closed fails at once: it accepts no more connections")
    void awaitConnectionOnAClosedServerFailsAtOnce() {
        WsServer server = WsServer.echo();
        server.close();
        long start = System.nanoTime();
        assertThatThrownBy(() -> server.awaitConnection(1, Duration.ofSeconds(30)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but the server was closed after it accepted 0, so no more can arrive");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
