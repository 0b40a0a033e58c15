package dev.wstest.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An opening-handshake request (RFC 6455 section 4.1), built field by field:
 *
 * <pre>{@code
 * HandshakeRequest req = HandshakeRequest.builder(WsUrl.parse("ws://127.0.0.1:8080/chat"))
 *         .subprotocols("v2.chat", "v1.chat")
 *         .header("Authorization", "Bearer t")
 *         .build();
 * socket.getOutputStream().write(req.toBytes());
 * }</pre>
 *
 * The builder generates a fresh key unless one is given, and lets a test override any standard header
 * (e.g. a wrong version) to check how a server handles a bad handshake.
 */
public final class HandshakeRequest {

    private static final Set<String> STANDARD = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions");

    private final WsUrl url;
    private final String key;
    private final List<String> subprotocols;
    private final List<String> extensions;
    private final List<Map.Entry<String, String>> headers;

    private HandshakeRequest(Builder b) {
        this.url = b.url;
        this.key = b.key == null ? HandshakeKeys.generateKey() : b.key;
        this.subprotocols = List.copyOf(b.subprotocols);
        this.extensions = List.copyOf(b.extensions);
        this.headers = List.copyOf(b.headers);
    }

    public static Builder builder(WsUrl url) {
        return new Builder(Objects.requireNonNull(url, "url"));
    }

    public WsUrl url() {
        return url;
    }

    public String key() {
        return key;
    }

    public List<String> subprotocols() {
        return subprotocols;
    }

    public List<String> extensions() {
        return extensions;
    }

    /** The extra headers, in order, as given to the builder. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The Sec-WebSocket-Accept value a server must answer with. */
    public String expectedAccept() {
        return HandshakeKeys.acceptFor(key);
    }

    /** The request as it goes on the wire, ending with the empty line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("GET ").append(url.requestTarget()).append(" HTTP/1.1\r\n");
        put(sb, "Host", url.hostHeader());
        put(sb, "Upgrade", "websocket");
        put(sb, "Connection", "Upgrade");
        put(sb, "Sec-WebSocket-Key", key);
        put(sb, "Sec-WebSocket-Version", "13");
        if (!subprotocols.isEmpty()) {
            put(sb, "Sec-WebSocket-Protocol", String.join(", ", subprotocols));
        }
        if (!extensions.isEmpty()) {
            put(sb, "Sec-WebSocket-Extensions", String.join(", ", extensions));
        }
        for (Map.Entry<String, String> h : headers) {
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString();
    }

    private void put(StringBuilder sb, String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return; // overridden by an extra header of the same name
            }
        }
        sb.append(name).append(": ").append(value).append("\r\n");
    }

    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Builds a {@link HandshakeRequest}. */
    public static final class Builder {
        private final WsUrl url;
        private String key;
        private final List<String> subprotocols = new ArrayList<>();
        private final List<String> extensions = new ArrayList<>();
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();

        private Builder(WsUrl url) {
            this.url = url;
        }

        /** A fixed key instead of a random one (e.g. the RFC's example key in a test). */
        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Subprotocols offered, most preferred first. */
        public Builder subprotocols(String... protocols) {
            subprotocols.addAll(List.of(protocols));
            return this;
        }

        /** Extensions offered, e.g. "permessage-deflate; client_max_window_bits". */
        public Builder extensions(String... offers) {
            extensions.addAll(List.of(offers));
            return this;
        }

        /**
         * An extra header. A header named like a standard one (Host, Upgrade, Connection,
         * Sec-WebSocket-*) replaces it, so that invalid handshakes can be sent on purpose.
         */
        public Builder header(String name, String value) {
            if (name == null || name.isBlank() || name.contains(":") || name.contains("\r") || name.contains("\n")) {
                throw new IllegalArgumentException("\"" + name + "\" is not a valid header name");
            }
            if (value == null || value.contains("\r") || value.contains("\n")) {
                throw new IllegalArgumentException("the value of header " + name + " must be one line");
            }
            headers.add(Map.entry(name, value));
            return this;
        }

        public HandshakeRequest build() {
            return new HandshakeRequest(this);
        }
    }

    static boolean isStandard(String name) {
        return STANDARD.contains(name.toLowerCase(Locale.ROOT));
    }
}
