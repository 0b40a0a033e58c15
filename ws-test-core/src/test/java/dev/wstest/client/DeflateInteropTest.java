package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.protocol.DeflateOffer;
import dev.wstest.record.EventType;
import dev.wstest.record.WsEvent;
import dev.wstest.testing.Peer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's permessage-deflate against independently written servers with compression on: both
 * directions compressed, checked by the peer (it inflates what the client sent and echoes it) and by the
 * client's recorder (it inflates the echo), with context takeover on and off.
 */
@Timeout(60)
class DeflateInteropTest {

    /** Over node-ws's 1 KiB threshold, under python's 4 KiB window: both compress it and can refer back to it. */
    private static final String MESSAGE = ("{\"id\":7,\"symbol\":\"ACME\",\"price\":101.25,\"note\":\""
            + "the quick brown fox jumps over the lazy dog\"}\n").repeat(30);

    private static String script(Peer.Kind kind) {
        return kind == Peer.Kind.PYTHON_WEBSOCKETS ? "/peers/deflate_peer.py" : "/peers/deflate_peer.js";
    }

    private static List<WsEvent> messages(WsClient client, boolean inbound) {
        return client.log().events().stream()
                .filter(e -> e.type().isMessage() && e.isInbound() == inbound)
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(Peer.Kind.class)
    @DisplayName("context takeover: compressed both ways, later messages smaller for what the window keeps")
    void contextTakeover(Peer.Kind kind) {
        try (Peer peer = Peer.start(kind, script(kind), "default");
             WsClient client = WsClient.builder(peer.uri("/echo")).permessageDeflate().connect()) {
            assertThat(client).hasExtension("permessage-deflate");
            for (int i = 0; i < 3; i++) {
                client.sendText(MESSAGE);
            }
            byte[] binary = MESSAGE.getBytes(StandardCharsets.UTF_8);
            client.sendBinary(binary);
            client.sendTextFragments(MESSAGE.substring(0, 700), MESSAGE.substring(700));
            assertThat(client).receivesText(MESSAGE).receivesText(MESSAGE).receivesText(MESSAGE)
                    .receivesBinary(binary).receivesText(MESSAGE).hasNoProtocolViolations();

            List<WsEvent> in = messages(client, true);
            List<WsEvent> out = messages(client, false);
            assertThat(in).as(client.formatLog()).hasSize(5).allMatch(WsEvent::isCompressed);
            assertThat(out).as(client.formatLog()).hasSize(5).allMatch(WsEvent::isCompressed);
            assertThat(in.get(1).wireSize()).as("the server's second copy refers back to its first")
                    .isLessThan(in.get(0).wireSize() / 2);
            if (client.handshake().responseHeaders().all("Sec-WebSocket-Extensions").stream()
                    .noneMatch(v -> v.contains("client_max_window_bits="))) {
                // a 32 KiB window: the client's second copy refers back to its first (with a smaller window
                // java.util.zip cannot keep a context: see docs/known limitations)
                assertThat(out.get(1).wireSize()).isLessThan(out.get(0).wireSize() / 2);
            }
            assertThat(out.get(4).frameSizes()).hasSize(2);
            assertThat(client.formatLog()).contains("bytes; RSV1, ").contains(" bytes on the wire");
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.Kind.class)
    @DisplayName("no context takeover negotiated: every message compressed afresh, both ways")
    void noContextTakeover(Peer.Kind kind) {
        DeflateOffer offer = DeflateOffer.standard().withServerNoContextTakeover().withClientNoContextTakeover();
        try (Peer peer = Peer.start(kind, script(kind), "no-takeover");
             WsClient client = WsClient.builder(peer.uri("/echo")).permessageDeflate(offer).connect()) {
            assertThat(client).hasExtension("permessage-deflate", "server_no_context_takeover",
                    "client_no_context_takeover");
            for (int i = 0; i < 3; i++) {
                client.sendText(MESSAGE);
            }
            assertThat(client).receivesText(MESSAGE).receivesText(MESSAGE).receivesText(MESSAGE)
                    .hasNoProtocolViolations();
            List<WsEvent> in = messages(client, true);
            List<WsEvent> out = messages(client, false);
            assertThat(in).allMatch(WsEvent::isCompressed).extracting(WsEvent::wireSize).containsOnly(in.get(0).wireSize());
            assertThat(out).allMatch(WsEvent::isCompressed).extracting(WsEvent::wireSize)
                    .containsOnly(out.get(0).wireSize());
            assertThat(out.get(0).wireSize()).isLessThan(MESSAGE.length() / 4);
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.Kind.class)
    @DisplayName("without permessageDeflate() nothing is offered and nothing is compressed")
    void notOffered(Peer.Kind kind) {
        try (Peer peer = Peer.start(kind, script(kind), "default");
             WsClient client = WsClient.connect(peer.uri("/echo"))) {
            client.sendText(MESSAGE);
            assertThat(client).receivesText(MESSAGE).hasNoExtensions();
            assertThat(client.log().events()).filteredOn(e -> e.type() == EventType.TEXT)
                    .noneMatch(WsEvent::isCompressed);
        }
    }
}
