package dev.wstest.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.record.Headers;
import dev.wstest.record.Redactor;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** The opening handshake of a client connection as it happened: what was asked and what was answered. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Handshake {

    private final URI uri;
    private final Headers requestHeaders;
    private final int status;
    private final String reasonPhrase;
    private final Headers responseHeaders;
    private final Redactor redactor;

    Handshake(URI uri, Headers requestHeaders, int status, String reasonPhrase, Headers responseHeaders,
              Redactor redactor) {
        this.redactor = redactor;
        this.uri = uri;
        this.requestHeaders = requestHeaders;
        this.status = status;
        this.reasonPhrase = reasonPhrase == null ? "" : reasonPhrase;
        this.responseHeaders = responseHeaders;
    }

    public URI uri() {
        return uri;
    }

    /** Headers of the upgrade request as sent (including those Tyrus adds, like Sec-WebSocket-Key). */
    public Headers requestHeaders() {
        return requestHeaders;
    }

    /** HTTP status of the response: 101 for an accepted upgrade. */
    public int status() {
        return status;
    }

    /** The reason phrase of the status line, as far as the stack exposes it; may be empty. */
    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** Response headers, names case-insensitive. */
    public Headers responseHeaders() {
        return responseHeaders;
    }

    /** The subprotocol the server chose ({@code Sec-WebSocket-Protocol}), if any. */
    public Optional<String> subprotocol() {
        return responseHeaders.first("Sec-WebSocket-Protocol").map(String::trim).filter(s -> !s.isEmpty());
    }

    /** Extensions the server accepted, as their names (parameters dropped), in the server's order. */
    public List<String> extensions() {
        return responseHeaders.elements("Sec-WebSocket-Extensions").stream()
                .map(s -> s.split(";")[0].trim())
                .filter(s -> !s.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableList());
    }

    /**
     * The parameters the server's answer gives an extension it accepted, as written
     * ({@code server_no_context_takeover}, {@code client_max_window_bits=10}); empty when it did not accept it.
     */
    public Optional<List<String>> extensionParameters(String extension) {
        for (String value : responseHeaders.all("Sec-WebSocket-Extensions")) {
            for (dev.wstest.protocol.ExtensionHeader.Extension e : dev.wstest.protocol.ExtensionHeader.parse(value)) {
                if (e.name().equalsIgnoreCase(extension)) {
                    return Optional.of(e.paramsAsWritten());
                }
            }
        }
        return Optional.empty();
    }

    /** Request and response, secrets redacted, for messages and reports. */
    public String format(Redactor redactor) {
        return redactor.scrub("GET " + redactor.redactUrl(uri.toString()) + "\n" + requestHeaders.format(redactor, "  > ")
                + "  HTTP " + status + (reasonPhrase.isEmpty() ? "" : " " + reasonPhrase) + "\n"
                + responseHeaders.format(redactor, "  < "));
    }

    /** Request and response, secrets redacted with the client's rules. */
    @Override
    public String toString() {
        return format(redactor);
    }
}
