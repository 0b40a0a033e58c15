package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

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
@API(status = EXPERIMENTAL, since = "0.1")
public final class HandshakeRequest {

    private static final Set<String> STANDARD = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions");

    private final WsUrl url;
    private final String key;
    private final List<String> subprotocols;
    private final List<String> extensions;
    private final List<Map.Entry<String, String>> headers;
    private final Function<? super HandshakeRequest, String> shownAs;

    private HandshakeRequest(Builder b) {
        this.shownAs = b.shownAs;
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

    /**
     * The request for logs and messages: as its builder's {@link Builder#shownAs shownAs} says, by default as
     * it goes on the wire. The raw client's requests show themselves through its redactor, secrets hidden
     * ({@link #toBytes()} is what is sent).
     */
    @Override
    public String toString() {
        return shownAs == null ? format(UnaryOperator.identity(), (name, value) -> value) : shownAs.apply(this);
    }

    /**
     * The request as text, with the request target and the values of the extra headers passed through the
     * given functions (a caller that knows which ones are secret hides them this way: this floor does not).
     */
    public String format(UnaryOperator<String> requestTarget, BinaryOperator<String> headerValue) {
        StringBuilder sb = new StringBuilder();
        sb.append("GET ").append(requestTarget.apply(url.requestTarget())).append(" HTTP/1.1\r\n");
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
            sb.append(h.getKey()).append(": ").append(headerValue.apply(h.getKey(), h.getValue())).append("\r\n");
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

    /** The request exactly as it goes on the wire, ending with the empty line. */
    public byte[] toBytes() {
        return format(UnaryOperator.identity(), (name, value) -> value).getBytes(StandardCharsets.UTF_8);
    }

    /** Builds a {@link HandshakeRequest}. */
    public static final class Builder {
        private final WsUrl url;
        private String key;
        private final List<String> subprotocols = new ArrayList<>();
        private final List<String> extensions = new ArrayList<>();
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private Function<? super HandshakeRequest, String> shownAs;

        private Builder(WsUrl url) {
            this.url = url;
        }

        /** A fixed key instead of a random one (e.g. the RFC's example key in a test). */
        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Subprotocols offered, most preferred first. Each must be one line ({@link HttpSyntax#checkFieldText});
         * names that are not tokens are allowed, so that a test can send them on purpose.
         */
        public Builder subprotocols(String... protocols) {
            for (String p : protocols) {
                subprotocols.add(HttpSyntax.checkFieldText("the subprotocol \"" + p + "\"", p));
            }
            return this;
        }

        /** Extensions offered, e.g. "permessage-deflate; client_max_window_bits"; each must be one line. */
        public Builder extensions(String... offers) {
            for (String o : offers) {
                extensions.add(HttpSyntax.checkFieldText("the extension offer \"" + o + "\"", o));
            }
            return this;
        }

        /**
         * An extra header. A header named like a standard one (Host, Upgrade, Connection,
         * Sec-WebSocket-*) replaces it, so that invalid handshakes can be sent on purpose.
         */
        public Builder header(String name, String value) {
            HttpSyntax.checkHeaderName(name);
            HttpSyntax.checkHeaderValue(name, value);
            headers.add(Map.entry(name, value));
            return this;
        }

        /**
         * How {@link HandshakeRequest#toString()} shows the request (default: as it goes on the wire). The raw
         * client passes one that hides secret header values and query parameters with its redactor.
         */
        public Builder shownAs(Function<? super HandshakeRequest, String> shownAs) {
            this.shownAs = Objects.requireNonNull(shownAs, "shownAs");
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
