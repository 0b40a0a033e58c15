package dev.wstest.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HandshakeAndUrlTest {

    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    @DisplayName("Sec-WebSocket-Accept for the RFC's example key (section 1.3)")
    void acceptKey() {
        assertThat(HandshakeKeys.acceptFor(RFC_KEY)).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(java.util.Base64.getDecoder().decode(HandshakeKeys.generateKey())).hasSize(16);
        assertThat(HandshakeKeys.generateKey()).isNotEqualTo(HandshakeKeys.generateKey());
    }

    @Test
    @DisplayName("the request carries host, path, key, version, subprotocols, extensions and extra headers")
    void request() {
        HandshakeRequest r = HandshakeRequest.builder(WsUrl.parse("ws://server.example.com/chat?x=1")).key(RFC_KEY)
                .subprotocols("chat", "superchat").extensions("permessage-deflate").header("Origin", "http://example.com")
                .build();
        assertThat(r.toString()).isEqualTo("GET /chat?x=1 HTTP/1.1\r\n"
                + "Host: server.example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: chat, superchat\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate\r\n"
                + "Origin: http://example.com\r\n\r\n");
        HandshakeRequest wrongVersion = HandshakeRequest.builder(WsUrl.parse("ws://h/")).header("Sec-WebSocket-Version", "8")
                .build();
        assertThat(wrongVersion.toString()).contains("Sec-WebSocket-Version: 8\r\n").doesNotContain("Version: 13");
        assertThatThrownBy(() -> HandshakeRequest.builder(WsUrl.parse("ws://h/")).header("X", "a\r\nb"))
                .hasMessageContaining("one line");
    }

    @Test
    @DisplayName("the RFC's example response parses and validates; a wrong accept is named with the expected value")
    void response() throws Exception {
        HandshakeRequest req = HandshakeRequest.builder(WsUrl.parse("ws://h/chat")).key(RFC_KEY).subprotocols("chat").build();
        String ok = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n";
        ByteArrayInputStream in = new ByteArrayInputStream((ok + "\u0081\u0000").getBytes(StandardCharsets.ISO_8859_1));
        HandshakeResponse r = HandshakeResponse.read(in);
        assertThat(r.status()).isEqualTo(101);
        assertThat(r.header("sec-websocket-protocol")).hasValue("chat");
        assertThat(r.problems(req)).isEmpty();
        assertThat(in.available()).as("frame bytes after the head are left unread").isEqualTo(2);

        HandshakeResponse bad = HandshakeResponse.parse(ok.replace("xOo=", "xOX="));
        assertThat(bad.problems(req)).singleElement().asString()
                .contains("expected \"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\"");
        assertThat(HandshakeResponse.parse("HTTP/1.1 403 Forbidden\r\n\r\n").problems(req)).singleElement().asString()
                .contains("status 403 Forbidden (expected 101");
        assertThatThrownBy(() -> HandshakeResponse.parse("SSH-2.0-OpenSSH\r\n")).isInstanceOf(WsProtocolException.class)
                .hasMessageContaining("HTTP/1.x status line");
        assertThatThrownBy(() -> HandshakeResponse.read(new ByteArrayInputStream("HTTP/1.1 101".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(WsProtocolException.class).hasMessageContaining("closed during the handshake");
    }

    @Test
    @DisplayName("ws/wss URLs: default ports, IPv6 literals, query, and clear errors")
    void urls() {
        WsUrl a = WsUrl.parse("ws://example.com");
        assertThat(a.port()).isEqualTo(80);
        assertThat(a.requestTarget()).isEqualTo("/");
        assertThat(a.hostHeader()).isEqualTo("example.com");
        WsUrl b = WsUrl.parse("wss://[::1]/chat?room=1&x=%20");
        assertThat(b.isSecure()).isTrue();
        assertThat(b.host()).isEqualTo("::1");
        assertThat(b.port()).isEqualTo(443);
        assertThat(b.hostHeader()).isEqualTo("[::1]");
        assertThat(b.requestTarget()).isEqualTo("/chat?room=1&x=%20");
        WsUrl c = WsUrl.parse("WS://127.0.0.1:8080/p");
        assertThat(c.hostHeader()).isEqualTo("127.0.0.1:8080");
        assertThat(c.toString()).isEqualTo("ws://127.0.0.1:8080/p");
        assertThat(WsUrl.parse("wss://[2001:db8::1]:8443/").hostHeader()).isEqualTo("[2001:db8::1]:8443");
        assertThatThrownBy(() -> WsUrl.parse("http://h/")).hasMessageContaining("starts with ws:// or wss://");
        assertThatThrownBy(() -> WsUrl.parse("ws://h/#frag")).hasMessageContaining("fragment");
        assertThatThrownBy(() -> WsUrl.parse("ws:///path")).hasMessageContaining("no host");
        assertThatThrownBy(() -> WsUrl.parse("ws://h h/")).hasMessageContaining("not a valid URL");
    }
}
