package dev.wstest.server;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.protocol.DeflateOffer;
import dev.wstest.protocol.DeflateParameters;
import dev.wstest.record.WsEvent;
import dev.wstest.server.fixtures.GreetingEndpoint;
import dev.wstest.server.fixtures.Shouter;
import dev.wstest.testing.Peer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The embedded server's permessage-deflate, against independently written clients and ws-test's own. */
@Timeout(60)
class DeflateServerTest {

    private static final String TEXT = "the quick brown fox jumps over the lazy dog, again and again\n".repeat(46);

    private static List<WsEvent> messages(ServerConnection c, boolean inbound) {
        return c.log().events().stream().filter(e -> e.type().isMessage() && e.isInbound() == inbound)
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0} client, {1}")
    @CsvSource({"PYTHON_WEBSOCKETS, default", "PYTHON_WEBSOCKETS, no-takeover", "NODE_WS, default",
            "NODE_WS, no-takeover"})
    @DisplayName("an independent client with compression on: its messages inflate, our echoes inflate for it")
    void independentClients(Peer.Kind kind, String mode) {
        String script = kind == Peer.Kind.PYTHON_WEBSOCKETS ? "/peers/deflate_client.py" : "/peers/deflate_client.js";
        try (WsServer server = WsServer.builder().permessageDeflate().start()) {
            int exit = Peer.runClient(kind, script, server.uri("/echo").toString(), mode);
            ServerConnection c = server.awaitConnection(1, Duration.ofSeconds(5));
            assertThat(c.log().awaitUntil(() -> messages(c, false).size() == 4, Duration.ofSeconds(5)))
                    .as(server.describeActivity()).isTrue();
            assertThat(exit).as(server.describeActivity()).isZero();
            String answer = String.join(", ", c.handshake().headers().all("Sec-WebSocket-Extensions"));
            assertThat(answer).as("the client offered it").contains("permessage-deflate");
            List<WsEvent> in = messages(c, true);
            List<WsEvent> out = messages(c, false);
            assertThat(in).as(server.describeActivity()).hasSize(4).allMatch(WsEvent::isCompressed);
            assertThat(out).as(server.describeActivity()).hasSize(4).allMatch(WsEvent::isCompressed);
            assertThat(c.log().violationCount()).isZero();
            if (mode.equals("no-takeover")) {
                assertThat(in).extracting(WsEvent::wireSize).containsOnly(in.get(0).wireSize());
                assertThat(out).extracting(WsEvent::wireSize).containsOnly(out.get(0).wireSize());
            } else {
                assertThat(in.get(1).wireSize()).as("the client's second copy refers back to its first")
                        .isLessThan(in.get(0).wireSize() / 2);
                if (!answer.contains("server_max_window_bits")) {
                    assertThat(out.get(1).wireSize()).as("ours refers back too").isLessThan(out.get(0).wireSize() / 2);
                }
            }
        }
    }

    @Test
    @DisplayName("the server's wishes tighten the offer: no context takeover and a 1 KiB window, honoured")
    void serverWishes() {
        DeflateParameters wishes = new DeflateParameters(true, false, 10, 15);
        try (WsServer server = WsServer.builder().permessageDeflate(wishes).start();
             WsClient client = WsClient.builder(server.uri("/echo")).permessageDeflate().connect()) {
            assertThat(client).hasExtension("permessage-deflate", "server_no_context_takeover",
                    "server_max_window_bits=10");
            client.sendText(TEXT).sendText(TEXT);
            assertThat(client).receivesText(TEXT).receivesText(TEXT).hasNoProtocolViolations();
            List<WsEvent> echoes = client.log().events().stream().filter(e -> e.isInbound() && e.type().isMessage())
                    .collect(Collectors.toList());
            assertThat(echoes).allMatch(WsEvent::isCompressed).extracting(WsEvent::wireSize)
                    .containsOnly(echoes.get(0).wireSize());
            assertThat(server.lastConnection().orElseThrow().log().events()).filteredOn(WsEvent::isInbound)
                    .filteredOn(e -> e.type().isMessage()).allMatch(WsEvent::isCompressed);
        }
    }

    @Test
    @DisplayName("hasExtension names what was negotiated when a parameter is missing")
    void hasExtensionFailure() {
        try (WsServer server = WsServer.builder().permessageDeflate().start();
             WsClient client = WsClient.builder(server.uri("/echo"))
                     .permessageDeflate(DeflateOffer.plain().withClientNoContextTakeover()).connect()) {
            assertThat(client).hasExtension("permessage-deflate", "client_no_context_takeover");
            assertThatThrownBy(() -> assertThat(client).hasExtension("permessage-deflate",
                    "server_no_context_takeover"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("to have negotiated extension permessage-deflate with"
                            + " server_no_context_takeover")
                    .hasMessageContaining("but server_no_context_takeover is not in the server's answer:"
                            + " permessage-deflate; client_no_context_takeover.");
            assertThatThrownBy(() -> assertThat(client).hasNoExtensions()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("but the server accepted permessage-deflate; client_no_context_takeover.");
        }
    }

    @Test
    @DisplayName("fragments both ways: the echo server answers frame by frame, each compressed frame inflates")
    void fragments() {
        try (WsServer server = WsServer.builder().permessageDeflate().start();
             WsClient client = WsClient.builder(server.uri()).permessageDeflate().connect()) {
            client.sendTextFragments(TEXT.substring(0, 1000), TEXT.substring(1000, 2000), TEXT.substring(2000));
            assertThat(client).receivesText(TEXT).hasNoProtocolViolations();
            WsEvent echo = client.log().receivedMessages().get(0);
            assertThat(echo.isCompressed()).isTrue();
            assertThat(echo.frameSizes()).hasSize(3);
            assertThatThrownBy(() -> assertThat(client).within(Duration.ofMillis(50)).receivesText("other"))
                    .as("a failure's timeline shows RSV1 and the size on the wire")
                    .hasMessageContaining("(" + TEXT.length() + " bytes; RSV1, " + echo.wireSize()
                            + " bytes on the wire in 3 frames: ");
        }
    }

    @Test
    @DisplayName("the JDK's client (no extension support) offers nothing and gets uncompressed messages")
    void jdkClient() throws Exception {
        try (WsServer server = WsServer.builder().permessageDeflate().start()) {
            java.util.concurrent.CompletableFuture<String> reply = new java.util.concurrent.CompletableFuture<>();
            java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(server.uri(), new java.net.http.WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w,
                                                                              CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    }).get(5, java.util.concurrent.TimeUnit.SECONDS);
            ws.sendText(TEXT, true);
            assertThat(reply.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(TEXT);
            ServerConnection c = server.awaitConnection(1, Duration.ofSeconds(5));
            assertThat(c.handshake().headers().all("Sec-WebSocket-Extensions")).isEmpty();
            assertThat(c.log().events()).noneMatch(WsEvent::isCompressed);
            ws.abort();
        }
    }

    @Test
    @DisplayName("a server without permessageDeflate() declines the offer; the connection stays uncompressed")
    void declined() {
        try (WsServer server = WsServer.echo();
             WsClient client = WsClient.builder(server.uri()).permessageDeflate().connect()) {
            client.sendText(TEXT);
            assertThat(client).receivesText(TEXT).hasNoExtensions();
            assertThatThrownBy(() -> assertThat(client).hasExtension("permessage-deflate"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("but the server accepted none.");
            assertThat(client.log().events()).noneMatch(WsEvent::isCompressed);
        }
    }

    @Test
    @DisplayName("endpoint(Class, path) negotiates it too; @ServerEndpoint classes are refused with the fix")
    void endpoints() {
        try (WsServer server = WsServer.builder().endpoint(Shouter.class, "/shout").permessageDeflate().start();
             WsClient client = WsClient.builder(server.uri("/shout")).permessageDeflate().connect()) {
            client.sendText(TEXT);
            assertThat(client).hasExtension("permessage-deflate").receivesText(TEXT.toUpperCase(Locale.ROOT));
            assertThat(client.log().events()).filteredOn(WsEvent::isInbound).filteredOn(e -> e.type().isMessage())
                    .allMatch(WsEvent::isCompressed);
        }
        assertThatThrownBy(() -> WsServer.builder().endpoints(GreetingEndpoint.class).permessageDeflate().start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Host the endpoint with endpoint(Class, path)");
    }

    @Test
    @DisplayName("broadcast with deflate: each connection compresses with its own context")
    void broadcast() {
        try (WsServer server = WsServer.builder().behaviour(ServerBehaviour.broadcast()).permessageDeflate().start();
             WsClient a = WsClient.builder(server.uri()).permessageDeflate().connect();
             WsClient b = WsClient.builder(server.uri()).permessageDeflate(DeflateOffer.plain()
                     .withServerNoContextTakeover()).connect()) {
            server.awaitConnection(2, Duration.ofSeconds(5));
            a.sendText(TEXT);
            assertThat(a).receivesText(TEXT);
            assertThat(b).receivesText(TEXT);
            a.sendText(TEXT);
            assertThat(a).receivesText(TEXT).hasNoProtocolViolations();
            assertThat(b).hasExtension("permessage-deflate", "server_no_context_takeover")
                    .receivesText(TEXT).hasNoProtocolViolations();
            List<WsEvent> toA = a.log().events().stream().filter(e -> e.isInbound() && e.type().isMessage())
                    .collect(Collectors.toList());
            List<WsEvent> toB = b.log().events().stream().filter(e -> e.isInbound() && e.type().isMessage())
                    .collect(Collectors.toList());
            assertThat(toA.get(1).wireSize()).as("a's context carries over").isLessThan(toA.get(0).wireSize() / 2);
            assertThat(toB.get(1).wireSize()).as("b's is reset").isEqualTo(toB.get(0).wireSize());
        }
    }
}
