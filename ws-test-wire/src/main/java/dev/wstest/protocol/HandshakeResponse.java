package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A parsed opening-handshake response: status line and headers (RFC 6455 section 4.2.2), and the checks a
 * client must make before it considers the connection open ({@link #problems(HandshakeRequest)}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HandshakeResponse {

    /** The longest response head accepted: 64 KiB. */
    public static final int MAX_HEAD_BYTES = 64 * 1024;

    private final int status;
    private final String reasonPhrase;
    private final Map<String, List<String>> headers;

    private HandshakeResponse(int status, String reasonPhrase, Map<String, List<String>> headers) {
        this.status = status;
        this.reasonPhrase = reasonPhrase;
        this.headers = headers;
    }

    /**
     * Parses a response head (status line and headers, with or without the final empty line).
     *
     * @throws WsProtocolException if it is not an HTTP/1.1 response head
     */
    public static HandshakeResponse parse(String head) {
        String[] lines = head.split("\r\n", -1);
        String statusLine = lines[0];
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new WsProtocolException("the response does not start with an HTTP/1.x status line: \""
                    + shorten(statusLine) + "\"");
        }
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 100 || status > 999) {
            throw new WsProtocolException("no status code in the status line \"" + shorten(statusLine) + "\"");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new WsProtocolException("malformed header line " + (i + 1) + ": \"" + shorten(line) + "\"");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return new HandshakeResponse(status, parts.length > 2 ? parts[2] : "", Collections.unmodifiableMap(headers));
    }

    /**
     * Reads a response head from a stream up to and including the empty line, byte by byte so that no
     * frame bytes after it are consumed.
     *
     * @throws WsProtocolException if the stream ends first or the head is too long or malformed
     */
    public static HandshakeResponse read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int state = 0; // matched characters of \r\n\r\n
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new WsProtocolException("the connection closed during the handshake after " + head.size()
                        + " bytes of response" + (head.size() > 0 ? ": \"" + shorten(head.toString(
                        StandardCharsets.ISO_8859_1)) + "\"" : ""));
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new WsProtocolException("the handshake response head exceeds " + MAX_HEAD_BYTES + " bytes");
            }
            state = (b == '\r' && (state == 0 || state == 2)) ? state + 1
                    : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
        }
        return parse(head.toString(StandardCharsets.ISO_8859_1));
    }

    public int status() {
        return status;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** All headers, names in lower case, values in order of appearance. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (name case-insensitive). */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * Everything that makes this response unacceptable as the answer to {@code request} (RFC 6455 section
     * 4.1, client requirements 1-6); empty when the handshake succeeded.
     */
    public List<String> problems(HandshakeRequest request) {
        List<String> problems = new ArrayList<>();
        if (status != 101) {
            problems.add("status " + status + " " + reasonPhrase + " (expected 101 Switching Protocols)");
            return problems;
        }
        if (!header("Upgrade").map(v -> v.equalsIgnoreCase("websocket")).orElse(false)) {
            problems.add("Upgrade header is " + header("Upgrade").map(v -> "\"" + v + "\"").orElse("missing")
                    + " (expected \"websocket\")");
        }
        if (!header("Connection").map(v -> containsToken(v, "upgrade")).orElse(false)) {
            problems.add("Connection header is " + header("Connection").map(v -> "\"" + v + "\"").orElse("missing")
                    + " (expected \"Upgrade\")");
        }
        String expected = request.expectedAccept();
        Optional<String> accept = header("Sec-WebSocket-Accept");
        if (accept.isEmpty() || !accept.get().equals(expected)) {
            problems.add("Sec-WebSocket-Accept is " + accept.map(v -> "\"" + v + "\"").orElse("missing")
                    + " (expected \"" + expected + "\" for key \"" + request.key() + "\")");
        }
        Optional<String> protocol = header("Sec-WebSocket-Protocol");
        if (protocol.isPresent() && !request.subprotocols().contains(protocol.get())) {
            problems.add("the server chose subprotocol \"" + protocol.get() + "\", which was not offered "
                    + request.subprotocols());
        }
        Optional<String> ext = header("Sec-WebSocket-Extensions");
        if (ext.isPresent() && request.extensions().isEmpty()) {
            problems.add("the server answered extensions \"" + ext.get() + "\" although none were offered");
        }
        return problems;
    }

    private static boolean containsToken(String value, String token) {
        for (String t : value.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String s) {
        String one = s.replace("\r", "\\r").replace("\n", "\\n");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + reasonPhrase + " " + headers;
    }
}
