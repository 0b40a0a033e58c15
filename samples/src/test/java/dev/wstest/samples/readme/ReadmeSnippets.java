package dev.wstest.samples.readme;

// README assertions: begin
import static dev.wstest.assertions.MessageMatcher.*;
import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;
// README assertions: end
import dev.wstest.client.WsClient;
import dev.wstest.junit5.conformance.ConformanceTests;
import dev.wstest.record.LogLimits;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import dev.wstest.tls.TlsTrust;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java examples of README.md that are not whole classes, each between markers that
 * {@link ReadmeExamplesTest} compares with the README's text, and run by it. Not a test class itself.
 */
class ReadmeSnippets {

    /** Needs a feed at feed.example.test and a test-ca.pem: the test runs it as far as it gets without them. */
    static WsClient recordingClient(String token) {
        // README recording-client: begin
        WsClient client = WsClient.builder("wss://feed.example.test/prices?symbol=ACME")
                .header("Authorization", "Bearer " + token)
                .subprotocols("prices.v2", "prices.v1")
                .permessageDeflate()                       // RFC 7692, below; .extensions(...) offers names only
                .connectTimeout(Duration.ofSeconds(3))     // TCP + TLS + upgrade, default 5 s (never Tyrus's 30 s)
                .sendTimeout(Duration.ofSeconds(5))        // a send to a peer that stopped reading fails, default 10 s
                .defaultTimeout(Duration.ofSeconds(1))     // how long expectations wait, default 2 s
                .maxMessageBytes(16 * 1024 * 1024)         // larger messages are refused with 1009, default 4 MiB
                .tls(TlsTrust.certificates(Path.of("test-ca.pem")))  // default: the JDK trust store
                .name("feed")                              // used in failure messages
                .logLimits(LogLimits.DEFAULT)              // first 1,000 + last 10,000 events, 16 MiB (the default)
                .connect();
        // README recording-client: end
        return client;
    }

    /** Runs against {@link ReadmeExamplesTest#CONVERSATION}; {@code url} refuses every handshake with 401. */
    static String assertions(WsClient client, URI url) {
        // README assertions: begin
        assertThat(client).receivesText("hello")
                          .receivesTextContaining("world")
                          .receivesTextMatching("id=\\d+")
                          .receivesJson("{\"a\":1,\"b\":[1,2]}")            // key order, whitespace, 1 vs 1.0 ignored
                          .receivesJsonContaining("{\"type\":\"ack\"}")     // a subset: other fields ignored
                          .receivesJsonPath("$.order.id", 7)                // a Java value at a JSONPath
                          .receivesBinary(new byte[] {1, 2, 3})
                          .receivesTextInFrames(3);                         // a message that came in 3 frames
        String from = assertThat(client).receivesJsonPath("$.type", "say").lastMatch().json("$.from");   // a capture
        assertThat(client).receivesPing("server-hb");                     // a ping from the server
        client.sendPing("hb");
        assertThat(client).within(Duration.ofMillis(500)).receivesPong("hb");
        assertThat(client).receivesInOrder(text("join"), jsonContaining("{\"type\":\"msg\"}"), text("leave"));
        assertThat(client).receives(jsonAt("$.items[-1].price", "9.5"));   // JSON text at a JSONPath
        assertThat(client).receivesNextText("exactly this one");          // strict
        assertThat(client).receivesMessages(10).receivesNoMessageDuring(Duration.ofMillis(500));
        assertThat(client).hasReceivedText("hello");                       // everything so far, no waiting
        assertThat(client).receivedTexts().startsWith("hello", "hello world");   // AssertJ list assertions
        assertThat(client).hasNoProtocolViolations();                     // the server kept to RFC 6455
        assertThat(client).hasHandshakeStatus(101).hasSubprotocol("chat.v2")
                          .hasResponseHeader("Upgrade", "websocket");
        client.sendText("kick me");
        assertThat(client).isClosedWith(4001, "kicked").isClosedByServer();   // both need a clean close*
        assertThat(client).isClosedCleanly();                               // or isClosedUncleanly(), isClosedAbnormally()
        assertThatHandshakeRefused(() -> WsClient.connect(url)).hasStatus(401)
                          .hasResponseHeader("Connection", "close");
        // README assertions: end
        return from;
    }

    static List<WsServer> embeddedServers(KeyStore keyStore, char[] password) {
        // README embedded-servers: begin
        WsServer echo = WsServer.echo();                  // echoes frame by frame; pings are answered
        WsServer hub  = WsServer.broadcast();             // every message to every connection, sender included
        WsServer app  = WsServer.builder()
                .endpoints(ChatEndpoint.class)            // your @ServerEndpoint classes
                .endpoint(MyEndpoint.class, "/x")         // a programmatic jakarta.websocket.Endpoint
                .requireHeader("Authorization", "Bearer s3cret")   // others get HTTP 401
                .tls(keyStore, password)                  // wss://
                .start();
        WsServer scripted = WsServer.builder().behaviour(new ServerBehaviour() {
            @Override public void onOpen(ServerConnection c) { c.sendText("{\"type\":\"welcome\"}"); }
            @Override public void onText(ServerConnection c, String text) { c.close(4001, "go away"); }
        }).subprotocols("chat.v2").start();
        // README embedded-servers: end
        return List.of(echo, hub, app, scripted);
    }

    /** The README's "your @ServerEndpoint classes". */
    @ServerEndpoint("/chat")
    public static class ChatEndpoint {
        @OnMessage
        public String onMessage(String text) {
            return "chat: " + text;
        }
    }

    /** The README's "programmatic jakarta.websocket.Endpoint". */
    public static class MyEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.getAsyncRemote().sendText("my endpoint");
        }
    }

    final WsServer server;

    ReadmeSnippets(WsServer server) {
        this.server = server;
    }

    // README conformance: begin
    @TestFactory
    Stream<DynamicNode> rfc6455() {
        return ConformanceTests.forEndpoint(() -> server.uri("/echo"))
                .acceptDeviation("6.4.*", "we validate UTF-8 per message").dynamicTests();
    }
    // README conformance: end
}
