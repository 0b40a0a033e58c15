package dev.wstest.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.record.Headers;
import dev.wstest.record.Redactor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** An upgrade request an embedded server received, and the status it answered with. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ServerHandshake {

    private final String path;
    private final String query;
    private final Headers headers;
    private final int status;
    private final int number;

    ServerHandshake(int number, String path, String query, Headers headers, int status) {
        this.number = number;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.status = status;
    }

    /**
     * A handshake as a server recorded it (for servers other than {@link WsServer}, such as the mock).
     *
     * @param number 1 for the server's first upgrade request, 2 for the second, ...
     * @param query  the raw query without {@code ?}, or null
     */
    public static ServerHandshake of(int number, String path, String query, Headers headers, int status) {
        if (number < 1) {
            throw new IllegalArgumentException("number is 1-based, was " + number);
        }
        return new ServerHandshake(number, Objects.requireNonNull(path, "path"), query,
                Objects.requireNonNull(headers, "headers"), status);
    }

    /** 1 for the server's first upgrade request, 2 for the second, ... (counting those no longer kept). */
    public int number() {
        return number;
    }

    /** Request path, e.g. {@code /chat/lobby}. */
    public String path() {
        return path;
    }

    /** Raw query string without {@code ?}, if any. */
    public Optional<String> query() {
        return Optional.ofNullable(query).filter(q -> !q.isEmpty());
    }

    /** Request headers, names case-insensitive. */
    public Headers headers() {
        return headers;
    }

    /** Subprotocols the client offered, in its order. */
    public List<String> subprotocols() {
        return list("Sec-WebSocket-Protocol");
    }

    /** Extensions the client offered, by name. */
    public List<String> extensions() {
        return list("Sec-WebSocket-Extensions").stream().map(s -> s.split(";")[0].trim())
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * Cookies the client sent ({@code Cookie} headers), by name in the order sent; the values are secrets and
     * are redacted wherever ws-test prints headers.
     */
    public Map<String, String> cookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String line : headers.all("Cookie")) {
            for (String pair : line.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.putIfAbsent(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return Collections.unmodifiableMap(cookies);
    }

    /** The HTTP status the server answered with: 101 when the upgrade was accepted. */
    public int status() {
        return status;
    }

    private List<String> list(String header) {
        return headers.elements(header);
    }

    /** The request, secrets redacted. */
    public String format(Redactor redactor) {
        return "GET " + redactor.redactUrl(path + (query().map(q -> "?" + q).orElse(""))) + " -> " + status + "\n"
                + headers.format(redactor, "  > ");
    }

    @Override
    public String toString() {
        return format(Redactor.DEFAULT);
    }
}
