package dev.wstest.mock;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;
import static dev.wstest.mock.MockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.mock.ClientPeer.Events;
import dev.wstest.mock.ClientPeer.Kind;
import dev.wstest.protocol.HandshakeKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Handshake control: requirements, refusals as clean HTTP, subprotocols, extensions, headers, delays, faults. */
@Timeout(120)
class HandshakeTest {

    private static final String UPGRADE = "GET /feed?symbol=ACME HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    @Test
    @DisplayName("a refusal is clean HTTP: status line, headers, Content-Length, Connection: close, body, socket closed")
    void refusalIsCleanHttp() throws IOException {
        try (MockWsServer mock = MockWsServer.builder().requireHeader("Authorization", "Bearer t0ken")
                .handshake(HandshakeRules.builder().requireHeader("Authorization", "Bearer t0ken")
                        .refusal(HttpAnswer.status(401).header("WWW-Authenticate", "Bearer realm=\"feed\"")
                                .body("token missing")).build())
                .start()) {
            String response = rawExchange(mock, UPGRADE + "\r\n");
            assertThat(response).isEqualTo("HTTP/1.1 401 Unauthorized\r\n"
                    + "WWW-Authenticate: Bearer realm=\"feed\"\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: 13\r\n"
                    + "Connection: close\r\n"
                    + "\r\n"
                    + "token missing");
            assertThat(mock).handshake(1).hasStatus(401).hasPath("/feed").hasQueryParameter("symbol", "ACME");
            assertThat(mock).hasAcceptedConnections(0).hasRefusedHandshakes(1);
        }
    }

    @Test
    @DisplayName("refuse 401: the JDK client gets a WebSocketHandshakeException with status 401 at once, no hang")
    void jdkClientSeesRefusalPromptly() {
        try (MockWsServer mock = MockWsServer.builder().requireHeader("Authorization").start()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(mock.uri("/"), new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                            .isEqualTo(401));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    @DisplayName("requireHeader: without it 401 (python, node, WsClient), with it accepted")
    void requireHeader() {
        try (MockWsServer mock = MockWsServer.builder().requireHeader("Authorization", "Bearer t0ken").start()) {
            Events py = ClientPeer.run(Kind.PYTHON, ClientPeer.spec(mock.uri("/")));
            assertThat(py.first("refused").get("status").asInt()).isEqualTo(401);
            Events node = ClientPeer.run(Kind.NODE, ClientPeer.spec(mock.uri("/")));
            assertThat(node.first("refused").get("status").asInt()).isEqualTo(401);
            assertThat(node.first("refused").get("connection").asText()).isEqualTo("close");
            assertThatHandshakeRefused(() -> WsClient.connect(mock.uri("/"))).hasStatus(401);
            assertThatHandshakeRefused(() -> WsClient.builder(mock.uri("/")).header("Authorization", "Bearer wrong")
                    .connect()).hasStatus(401);
            try (WsClient ok = WsClient.builder(mock.uri("/")).header("Authorization", "Bearer t0ken").connect()) {
                assertThat(ok).hasHandshakeStatus(101);
            }
            ObjectNode withToken = ClientPeer.spec(mock.uri("/"));
            withToken.putObject("headers").put("Authorization", "Bearer t0ken");
            assertThat(ClientPeer.run(Kind.PYTHON, withToken).ofType("open")).hasSize(1);
            assertThat(mock).hasRefusedHandshakes(4).hasAcceptedConnections(2);
            assertThat(mock).connection(1).handshake().hasHeader("Authorization", "Bearer t0ken");
        }
    }

    @Test
    @DisplayName("refuseNext(1, 503) then success: the first connect is refused, the second accepted")
    void refuseNextThenAccept() {
        try (MockWsServer mock = MockWsServer.start()) {
            mock.refuseNext(1, HttpAnswer.status(503).header("Retry-After", "1"));
            assertThatHandshakeRefused(() -> WsClient.connect(mock.uri("/"))).hasStatus(503)
                    .hasResponseHeader("Retry-After", "1");
            try (WsClient client = WsClient.connect(mock.uri("/"))) {
                assertThat(client).isOpen();
            }
            assertThat(mock).handshake(1).hasStatus(503);
            assertThat(mock).handshake(2).hasStatus(101);
        }
    }

    @Test
    @DisplayName("subprotocols: the client's first acceptable one is chosen; none acceptable can be refused (400)")
    void subprotocols() {
        try (MockWsServer mock = MockWsServer.builder().subprotocols("v2", "v1")
                .stub(Stub.onConnect().subprotocol("v1").sendText("old"))
                .stub(Stub.onConnect().subprotocol("v2").sendText("new")).start()) {
            try (WsClient c = WsClient.builder(mock.uri("/")).subprotocols("v1", "v2").connect()) {
                assertThat(c).hasSubprotocol("v1").receivesText("old");
            }
            try (WsClient c = WsClient.builder(mock.uri("/")).subprotocols("v3").connect()) {
                assertThat(c).hasNoSubprotocol();
            }
            assertThat(mock).connection(1).handshake().offersSubprotocols("v1", "v2");
            assertThat(mock.connections().get(0).subprotocol()).contains("v1");
        }
        try (MockWsServer strict = MockWsServer.builder().handshake(HandshakeRules.builder().subprotocols("v2")
                .requireSubprotocol().build()).start()) {
            assertThatHandshakeRefused(() -> WsClient.builder(strict.uri("/")).subprotocols("v1").connect())
                    .hasStatus(400);
        }
    }

    @Test
    @DisplayName("a forced subprotocol the client never offered: python and node refuse the connection")
    void forcedSubprotocol() {
        try (MockWsServer mock = MockWsServer.builder().handshake(HandshakeRules.builder().forceSubprotocol("evil")
                .build()).start()) {
            ObjectNode spec = ClientPeer.spec(mock.uri("/"));
            spec.putArray("subprotocols").add("good");
            Events py = ClientPeer.run(Kind.PYTHON, spec);
            assertThat(py.first("handshake_error").get("error").asText()).as(py.toString())
                    .isEqualTo("NegotiationError");
            Events node = ClientPeer.run(Kind.NODE, spec);
            assertThat(node.first("error").get("message").asText()).as(node.toString()).contains("subprotocol");
        }
    }

    @Test
    @DisplayName("extensions: accepted by name when offered; the answer shows in the 101")
    void extensions() throws IOException {
        try (MockWsServer mock = MockWsServer.builder().handshake(HandshakeRules.builder().extensions("x-test")
                .build()).start()) {
            String response = rawHead(mock, UPGRADE + "Sec-WebSocket-Extensions: x-test; a=1, x-other\r\n\r\n");
            assertThat(response).contains("HTTP/1.1 101 Switching Protocols\r\n", "Sec-WebSocket-Extensions: x-test\r\n");
            assertThat(mock).handshake(1).offersExtensions("x-test", "x-other");
        }
        try (MockWsServer forced = MockWsServer.builder().handshake(HandshakeRules.builder()
                .forceExtensions("x-never-offered").build()).start()) {
            Events node = ClientPeer.run(Kind.NODE, ClientPeer.spec(forced.uri("/")));
            assertThat(node.first("error").get("message").asText()).as(node.toString()).contains("extension");
        }
    }

    @Test
    @DisplayName("response headers and cookies are in the 101; the client's cookies are recorded")
    void headersAndCookies() {
        try (MockWsServer mock = MockWsServer.builder().handshake(HandshakeRules.builder()
                .responseHeader("X-Server", "mock-1").cookie("session", "abc").build()).start();
             WsClient c = WsClient.builder(mock.uri("/")).header("Cookie", "theme=dark; sid=42").connect()) {
            assertThat(c).hasResponseHeader("X-Server", "mock-1").hasResponseHeader("Set-Cookie", "session=abc; Path=/");
            assertThat(mock).handshake(1).hasCookie("sid", "42").hasCookie("theme", "dark");
        }
    }

    @Test
    @DisplayName("a delayed 101: the connection opens after the delay; a client with a shorter timeout gives up")
    void delayed101() {
        try (MockWsServer mock = MockWsServer.builder().handshake(HandshakeRules.builder()
                .delay(Duration.ofMillis(400)).build()).start()) {
            long t0 = System.nanoTime();
            try (WsClient c = WsClient.connect(mock.uri("/"))) {
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            }
            assertThatThrownBy(() -> WsClient.builder(mock.uri("/")).connectTimeout(Duration.ofMillis(100)).connect())
                    .isInstanceOfSatisfying(WsConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TIMEOUT));
        }
    }

    @Test
    @DisplayName("a wrong Sec-WebSocket-Accept: python, node and the JDK client all reject the 101")
    void wrongAccept() {
        try (MockWsServer mock = MockWsServer.builder().handshake(HandshakeRules.builder().wrongAccept().build())
                .start()) {
            Events py = ClientPeer.run(Kind.PYTHON, ClientPeer.spec(mock.uri("/")));
            assertThat(py.first("handshake_error").get("message").asText()).as(py.toString())
                    .contains("Sec-WebSocket-Accept");
            Events node = ClientPeer.run(Kind.NODE, ClientPeer.spec(mock.uri("/")));
            assertThat(node.first("error").get("message").asText()).as(node.toString())
                    .isEqualTo("Invalid Sec-WebSocket-Accept header");
            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(mock.uri("/"), new WebSocket.Listener() { }).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        }
    }

    @Test
    @DisplayName("redirects: 301/302/307 with Location; python follows to the new path, node reports it")
    void redirects() throws IOException {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onConnect().path("/v2").sendText("v2 here")).start()) {
            for (int status : new int[] {301, 302, 307}) {
                mock.refuseNext(1, HttpAnswer.redirect(status, mock.uri("/v2").toString()));
                String response = rawExchange(mock, UPGRADE + "\r\n");
                assertThat(response).startsWith("HTTP/1.1 " + status + " ")
                        .contains("Location: " + mock.uri("/v2") + "\r\n", "Content-Length: 0\r\n",
                                "Connection: close\r\n");
            }
            mock.refuseNext(1, HttpAnswer.redirect(307, mock.uri("/v2").toString()));
            Events node = ClientPeer.run(Kind.NODE, ClientPeer.spec(mock.uri("/old")));
            assertThat(node.first("refused").get("status").asInt()).isEqualTo(307);
            assertThat(node.first("refused").get("location").asText()).isEqualTo(mock.uri("/v2").toString());
            mock.refuseNext(1, HttpAnswer.redirect(307, mock.uri("/v2").toString()));
            ObjectNode spec = ClientPeer.spec(mock.uri("/old"));
            spec.putArray("steps").addObject().put("recv", 1);
            Events py = ClientPeer.run(Kind.PYTHON, spec);
            assertThat(py.texts()).as(py.toString()).containsExactly("v2 here");
            assertThat(mock.handshakes().get(mock.handshakes().size() - 1).path()).isEqualTo("/v2");
        }
    }

    @Test
    @DisplayName("not an upgrade: 426 for a plain GET, 400 for a bad key, 405 for POST; all clean and closed")
    void notAnUpgrade() throws IOException {
        try (MockWsServer mock = MockWsServer.start()) {
            assertThat(rawExchange(mock, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 426 ")
                    .contains("Connection: close\r\n");
            assertThat(rawExchange(mock, UPGRADE.replace("dGhlIHNhbXBsZSBub25jZQ==", "short") + "\r\n"))
                    .startsWith("HTTP/1.1 400 ").contains("Sec-WebSocket-Key");
            assertThat(rawExchange(mock, UPGRADE.replace("GET", "POST") + "Content-Length: 0\r\n\r\n"))
                    .startsWith("HTTP/1.1 405 ");
            assertThat(rawExchange(mock, "NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(mock).hasAcceptedConnections(0);
        }
    }

    @Test
    @DisplayName("an accepted upgrade: 101 with the RFC's Sec-WebSocket-Accept for the key")
    void accept101() throws IOException {
        try (MockWsServer mock = MockWsServer.start()) {
            assertThat(rawHead(mock, UPGRADE + "\r\n")).isEqualTo("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + HandshakeKeys.acceptFor("dGhlIHNhbXBsZSBub25jZQ==") + "\r\n\r\n");
            assertThat(HandshakeKeys.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        }
    }

    /** Sends the request on a raw socket, reads until the server closes it (the test fails if it never does). */
    static String rawExchange(MockWsServer mock, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", mock.port()), 2000);
            s.setSoTimeout(3000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // EOF: the mock closed it
        }
    }

    /** Sends the request on a raw socket and reads the response head (for a 101, after which it stays open). */
    static String rawHead(MockWsServer mock, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", mock.port()), 2000);
            s.setSoTimeout(3000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readHead(s.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            String s = out.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("a header or reason phrase HTTP/1.1 cannot carry is refused when the answer is written down")
    void headersHttpCannotCarryAreRefused() {
        // before: the line break went onto the wire and injected a header of its own
        assertThatThrownBy(() -> HandshakeRules.builder().responseHeader("X-A", "one\r\nX-Injected: two"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the value of header X-A contains a line break (CR at index 3)");
        assertThatThrownBy(() -> HandshakeRules.builder().responseHeader("X A", "one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"X A\" is not a valid header name");
        assertThatThrownBy(() -> HandshakeRules.builder().forceSubprotocol("v1\nX: y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sec-WebSocket-Protocol");
        assertThatThrownBy(() -> HttpAnswer.status(401).header("WWW-Authenticate", "Bearer\nX: y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the value of header WWW-Authenticate contains a line break (LF at index 6)");
        assertThatThrownBy(() -> HttpAnswer.status(401).reason("No\r\n\r\nbody"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the reason phrase contains a line break");
        assertThat(HttpAnswer.status(401).reason("Go away, please").header("X-Why", "no token\tat all").reason())
                .isEqualTo("Go away, please");
    }
}
