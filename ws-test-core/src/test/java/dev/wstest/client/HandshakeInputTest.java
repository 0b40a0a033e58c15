package dev.wstest.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.raw.RawClient;
import dev.wstest.testing.RawServer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a client puts into its upgrade request is checked where it enters, the same way by every client. */
@Timeout(30)
class HandshakeInputTest {

    @Test
    @DisplayName("a header value with CR or LF is refused by WsClient: no injected header line is ever sent")
    void headerInjectionIsRefused() throws Exception {
        try (RawServer server = RawServer.start(c -> {
            c.accept();
            c.awaitEof(Duration.ofSeconds(5));
        })) {
            WsClient.Builder b = WsClient.builder(server.uri("/"));
            assertThatThrownBy(() -> b.header("X-Test", "a\r\nInjected: yes"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the value of header X-Test contains a line break (CR at index 1), which would end"
                            + " the header line and inject what follows; a header value is one line");
            assertThatThrownBy(() -> b.header("X-Test", "a\nb")).hasMessageContaining("line break (LF at index 1)");
            assertThatThrownBy(() -> b.header("X-Test", "a\u0000b")).hasMessageContaining("control character U+0000");
            try (WsClient client = b.header("X-Fine", "a b\tc").connect()) {
                assertThat(client.handshake().requestHeaders().first("X-Fine")).contains("a b\tc");
            }
            assertThat(server.connections()).singleElement()
                    .satisfies(c -> assertThat(c.requestHead()).contains("X-Fine: a b\tc\r\n")
                            .doesNotContain("Injected"));
        }
    }

    @Test
    @DisplayName("empty and malformed header names, subprotocols and extension names are refused with the rule")
    void namesAndTokens() {
        WsClient.Builder b = WsClient.builder("ws://127.0.0.1:1/");
        assertThatThrownBy(() -> b.header("", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a header name must not be empty");
        assertThatThrownBy(() -> b.header("X Test", "x")).hasMessageStartingWith("\"X Test\" is not a valid header name");
        assertThatThrownBy(() -> b.header("X-Test:", "x")).hasMessageStartingWith("\"X-Test:\" is not a valid header");
        assertThatThrownBy(() -> b.header("X\r\nY", "x")).hasMessageStartingWith("\"X\\r\\nY\" is not a valid header");
        assertThatThrownBy(() -> b.subprotocols("chat v2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"chat v2\" is not a valid subprotocol name");
        assertThatThrownBy(() -> b.subprotocols("a,b")).hasMessageContaining("give several subprotocols as separate");
        assertThatThrownBy(() -> b.subprotocols("")).hasMessage("a subprotocol name must not be empty");
        assertThatThrownBy(() -> b.extensions("x\r\ny")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains a line break");
        assertThatThrownBy(() -> b.extensions("permessage-deflate; client_max_window_bits"))
                .hasMessageStartingWith("\"permessage-deflate; client_max_window_bits\" is not a valid extension name");
        // offered by name only, a deflate the server accepts would be failed as invalid UTF-8 (1007): refused here
        assertThatThrownBy(() -> b.extensions("Permessage-Deflate")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use permessageDeflate()");
    }

    @Test
    @DisplayName("RawClient refuses the same injections with the same messages (one validator)")
    void rawClientSharesTheRules() {
        RawClient.Builder b = RawClient.builder("ws://127.0.0.1:1/");
        assertThatThrownBy(() -> b.header("X-Test", "a\r\nInjected: yes"))
                .hasMessage("the value of header X-Test contains a line break (CR at index 1), which would end"
                        + " the header line and inject what follows; a header value is one line");
        assertThatThrownBy(() -> b.header("", "x")).hasMessage("a header name must not be empty");
        assertThatThrownBy(() -> b.subprotocols("a\nb")).hasMessageContaining("contains a line break");
        assertThatThrownBy(() -> b.extensions("x\ry")).hasMessageContaining("contains a line break");
    }
}
