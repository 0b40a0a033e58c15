package dev.wstest.server;

import dev.wstest.record.Headers;
import dev.wstest.record.Redactor;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** An upgrade request an embedded server received, and the status it answered with. */
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
