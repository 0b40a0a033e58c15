package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.record.CloseStatus;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.Direction;
import dev.wstest.record.EventType;
import dev.wstest.record.Side;
import dev.wstest.record.WsEvent;
import dev.wstest.server.WsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WsClientTest {

    static WsServer echo;

    @BeforeAll
    static void startServer() {
        echo = WsServer.echo();
    }

    @AfterAll
    static void stopServer() {
        echo.close();
    }

    @Test
    @DisplayName("the handshake is recorded: request headers sent, status, response headers, subprotocol")
    void recordsHandshake() {
        try (WsServer server = WsServer.builder().subprotocols("chat.v2").start();
             WsClient client = WsClient.builder(server.uri("/room?x=1")).header("X-Trace", "abc")
                     .subprotocols("chat.v1", "chat.v2").connect()) {
            Handshake h = client.handshake();
            assertThat(h.status()).isEqualTo(101);
            assertThat(h.requestHeaders().first("x-trace")).contains("abc");
            assertThat(h.requestHeaders().first("Sec-WebSocket-Key")).isPresent();
            assertThat(h.responseHeaders().first("SEC-WEBSOCKET-ACCEPT")).isPresent();
            assertThat(h.subprotocol()).contains("chat.v2");
            assertThat(client.subprotocol()).contains("chat.v2");
            assertThat(server.handshakes()).singleElement().satisfies(sh -> {
                assertThat(sh.path()).isEqualTo("/room");
                assertThat(sh.query()).contains("x=1");
                assertThat(sh.subprotocols()).containsExactly("chat.v1", "chat.v2");
                assertThat(sh.headers().first("X-Trace")).contains("abc");
            });
        }
    }

    @Test
    @DisplayName("every kind of frame is recorded in both directions, in order, with sizes")
    void recordsEverything() {
        try (WsClient client = WsClient.connect(echo.uri("/all"))) {
            client.sendText("hello")
                    .sendBinary(new byte[] {1, 2, 3})
                    .sendTextFragments("ab", "cd", "e")
                    .sendBinaryFragments(new byte[] {9}, new byte[] {8, 7})
                    .sendPing("p1")
                    .sendPong(new byte[] {5});
            assertThat(client).receivesText("hello").receivesBinary(new byte[] {1, 2, 3}).receivesText("abcde")
                    .receivesBinary(new byte[] {9, 8, 7}).receivesPong("p1");

            List<WsEvent> out = client.log().events(WsEvent::isOutbound);
            assertThat(out).extracting(WsEvent::type).containsExactly(EventType.TEXT, EventType.BINARY,
                    EventType.TEXT, EventType.BINARY, EventType.PING, EventType.PONG);
            assertThat(out.get(2).frameSizes()).containsExactly(2, 2, 1);
            assertThat(out.get(3).frameSizes()).containsExactly(1, 2);
            assertThat(out.get(5).isAutomatic()).as("a pong the test sent is not automatic").isFalse();
            // the echo server answers frame by frame, so fragments come back as fragments
            WsEvent echoedFragments = client.log().firstAfter(0,
                    e -> e.isInbound() && e.type() == EventType.TEXT && e.text().equals("abcde")).orElseThrow();
            assertThat(echoedFragments.frameSizes()).containsExactly(2, 2, 1);
            assertThat(client.log().events()).extracting(WsEvent::seq).isSorted().doesNotHaveDuplicates();
            assertThat(client.log().events()).allSatisfy(e -> assertThat(e.sinceOpen()).isPositive());
        }
    }

    @Test
    @DisplayName("pings from the server are recorded with the automatic pong that answered them")
    void recordsInboundPingsAndAutomaticPong() {
        try (WsClient client = WsClient.connect(echo.uri("/ping-me"))) {
            // Awaitility polls: attaching the session to a ServerConnection signals no waiter.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> echo.connections().stream()
                    .anyMatch(c -> c.log() != null && c.handshake().path().equals("/ping-me") && c.isOpen()
                            && c.canSend()));
            echo.connections().stream().filter(c -> c.path().equals("/ping-me")).reduce((a, b) -> b).orElseThrow()
                    .sendPing("hb".getBytes(StandardCharsets.UTF_8));
            assertThat(client).receivesPing("hb".getBytes(StandardCharsets.UTF_8));
            assertThat(client.log().awaitUntil(() -> client.log().firstAfter(0,
                    e -> e.isOutbound() && e.type() == EventType.PONG).isPresent(), Duration.ofSeconds(2))).isTrue();
            WsEvent pong = client.log().firstAfter(0, e -> e.isOutbound() && e.type() == EventType.PONG).orElseThrow();
            assertThat(pong.isAutomatic()).isTrue();
            assertThat(pong.text()).isEqualTo("hb");
        }
    }

    @Test
    void sendsLargeAndUnicodeText() {
        String big = "ü€𝄞".repeat(40_000);
        try (WsClient client = WsClient.connect(echo.uri())) {
            client.sendText(big).sendTextInFrames("a𝄞b𝄞c", 3);
            assertThat(client).receivesText(big).receivesText("a𝄞b𝄞c");
            assertThat(client.log().events(WsEvent::isOutbound).get(1).frameSizes()).hasSize(3);
        }
    }

    @Test
    @DisplayName("close(code, reason) runs the closing handshake; close() is idempotent")
    void closesWithCodeAndReason() {
        WsClient client = WsClient.connect(echo.uri());
        client.close(4321, "done here");
        assertThat(client).isClosedWith(4321, "done here").isClosedByClient();
        client.close();
        client.close();
        CloseStatus status = client.closeStatus().orElseThrow();
        assertThat(status.initiator()).contains(Side.CLIENT);
        // Tyrus's client ends the session right after sending its close frame; the server's reply may or may
        // not be read before the socket goes, so only the first close frame is certain.
        assertThat(client.log().events(e -> e.type() == EventType.CLOSE)).first()
                .satisfies(e -> assertThat(e.direction()).isEqualTo(Direction.OUTBOUND))
                .satisfies(e -> assertThat(e.closeCode()).isEqualTo(4321));
        assertThatThrownBy(() -> client.sendText("late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not open").hasMessageContaining("4321");
    }

    @Test
    @DisplayName("illegal close codes and reasons are refused before anything is sent")
    void refusesIllegalCloseCodes() {
        try (WsClient client = WsClient.connect(echo.uri())) {
            for (int code : new int[] {999, 1004, 1005, 1006, 1015, 2000, 5000}) {
                assertThatThrownBy(() -> client.close(code, "")).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("close code " + code).hasMessageContaining("3000-4999");
            }
            assertThatThrownBy(() -> client.close(1000, "x".repeat(124))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("124 bytes").hasMessageContaining("123");
            for (int code : new int[] {1012, 1013}) {
                assertThatThrownBy(() -> client.close(code, "")).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("close code " + code).hasMessageContaining("replaces it with 1000");
            }
            assertThatThrownBy(() -> client.sendPing(new byte[126])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("125");
            assertThat(client.state()).isEqualTo(ConnectionState.OPEN);
            assertThat(client.log().events()).isEmpty();
        }
    }

    @Test
    @DisplayName("a refused TCP connection is a clear WsConnectException")
    void refusedConnection() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        assertThatThrownBy(() -> WsClient.builder("ws://127.0.0.1:" + freePort + "/x").name("alice").connect())
                .isInstanceOfSatisfying(WsConnectException.class,
                        e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.CONNECTION_REFUSED))
                .hasMessage("Cannot connect client \"alice\" to ws://127.0.0.1:" + freePort
                        + "/x: connection refused (nothing listening on 127.0.0.1:" + freePort + ").");
    }

    @Test
    void unknownHost() {
        assertThatThrownBy(() -> WsClient.connect("ws://no-such-host.invalid/x"))
                .isInstanceOfSatisfying(WsConnectException.class,
                        e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.UNKNOWN_HOST))
                .hasMessageContaining("unknown host \"no-such-host.invalid\"");
    }

    @Test
    void invalidUrls() {
        assertThatThrownBy(() -> WsClient.connect("http://127.0.0.1/x"))
                .isInstanceOfSatisfying(WsConnectException.class,
                        e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.INVALID_URI))
                .hasMessageContaining("only ws:// and wss:// URLs");
        assertThatThrownBy(() -> WsClient.connect("ws://bad host/x"))
                .isInstanceOfSatisfying(WsConnectException.class,
                        e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.INVALID_URI));
        assertThatThrownBy(() -> WsClient.connect("ws://127.0.0.1:1/x#part")) // RFC 6455 §3, as RawClient and conformance
                .isInstanceOfSatisfying(WsConnectException.class,
                        e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.INVALID_URI))
                .hasMessageContaining("has a fragment (#part); WebSocket URLs must not have one (RFC 6455 section 3)");
    }

    @Test
    @DisplayName("a server that accepts TCP but never answers the upgrade times out after the connect timeout")
    void handshakeTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> WsClient.builder("ws://127.0.0.1:" + silent.getLocalPort() + "/")
                    .connectTimeout(Duration.ofMillis(300)).connect())
                    .isInstanceOfSatisfying(WsConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TIMEOUT))
                    .hasMessageContaining("within the connect timeout of 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gave up near the timeout, not Tyrus's 30 s")
                    .isLessThan(Duration.ofSeconds(10));
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    @DisplayName("a send to a peer that stopped reading fails after the send timeout instead of hanging")
    void sendTimeout() throws Exception {
        try (ServerSocket stalled = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // Answers the upgrade, then never reads again: TCP buffers fill and the client's write cannot finish.
            Thread server = new Thread(() -> {
                try (Socket s = stalled.accept()) {
                    java.io.BufferedReader in = new java.io.BufferedReader(
                            new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    String key = null;
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
                            key = line.substring(line.indexOf(':') + 1).trim();
                        }
                    }
                    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                            + dev.wstest.protocol.HandshakeKeys.acceptFor(key) + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    while (!Thread.currentThread().isInterrupted()) {
                        // keep the socket open without reading until the test interrupts this thread
                        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(30).toNanos());
                    }
                } catch (IOException ended) {
                    // the test is over
                }
            });
            server.setDaemon(true);
            server.start();
            try (WsClient client = WsClient.builder("ws://127.0.0.1:" + stalled.getLocalPort() + "/")
                    .name("writer").sendTimeout(Duration.ofMillis(500)).connect()) {
                String chunk = "x".repeat(1 << 20);
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 256; i++) {
                        client.sendText(chunk);
                    }
                }).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("sending text message on client \"writer\"")
                        .hasMessageContaining("did not finish within the send timeout of 500 ms")
                        .hasMessageContaining("is the peer still reading?");
                assertThat(Thread.currentThread().isInterrupted()).as("the deadline's interrupt is cleared").isFalse();
            }
            server.interrupt();
        }
    }

    @Test
    @DisplayName("a refused handshake carries the HTTP status and headers")
    void refusedHandshake() {
        try (WsServer guarded = WsServer.builder().requireHeader("Authorization", "Bearer good").start()) {
            assertThatThrownBy(() -> WsClient.builder(guarded.uri("/admin")).header("Authorization", "Bearer bad")
                    .name("intruder").connect())
                    .isInstanceOfSatisfying(WsHandshakeException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.reason()).isEqualTo(WsConnectException.Reason.HANDSHAKE_REJECTED);
                        assertThat(e.responseHeaders().first("x-ws-test-refusal"))
                                .contains("wrong value for header Authorization");
                    })
                    .hasMessageStartingWith("Cannot connect client \"intruder\" to " + guarded.uri("/admin")
                            + ": the server refused the WebSocket upgrade with HTTP 401")
                    .hasMessageContaining("Authorization: Bearer <redacted 3 chars>")
                    .hasMessageNotContaining("Bearer bad");
            try (WsClient ok = WsClient.builder(guarded.uri("/admin")).header("Authorization", "Bearer good").connect()) {
                assertThat(ok).isOpen();
            }
            assertThat(guarded.handshakes()).extracting(h -> h.status()).containsExactly(401, 101);
        }
    }

    @Test
    @DisplayName("a path nobody serves is refused with 404")
    void unknownPath() {
        try (WsServer server = WsServer.builder().endpoints(dev.wstest.server.fixtures.GreetingEndpoint.class).start()) {
            assertThatThrownBy(() -> WsClient.connect(server.uri("/nowhere")))
                    .isInstanceOfSatisfying(WsHandshakeException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Test
    @DisplayName("many threads can send on one client; every message arrives whole")
    void threadSafeSends() throws Exception {
        int threads = 8;
        int perThread = 200;
        try (WsClient client = WsClient.connect(echo.uri())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        if (i % 10 == 0) {
                            client.sendTextFragments("t" + id + "-", "m" + i);
                        } else {
                            client.sendText("t" + id + "-m" + i);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(client).within(Duration.ofSeconds(20)).receivesMessages(threads * perThread);
            List<String> texts = client.receivedTexts();
            assertThat(texts).hasSize(threads * perThread).doesNotHaveDuplicates()
                    .allMatch(s -> s.matches("t\\d-m\\d+"));
        }
    }
}
