package dev.wstest.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.record.Headers;
import java.net.URI;
import org.apiguardian.api.API;

/** The server refused the WebSocket upgrade; carries the HTTP status and headers it answered with. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WsHandshakeException extends WsConnectException {

    private static final long serialVersionUID = 1L;

    private final transient Handshake handshake;

    WsHandshakeException(String clientName, URI uri, String message, Handshake handshake, Throwable cause) {
        super(Reason.HANDSHAKE_REJECTED, clientName, uri, message, cause);
        this.handshake = handshake;
    }

    /** The HTTP status the server answered with, e.g. 401 or 404. */
    public int status() {
        return handshake.status();
    }

    /** The response headers, names case-insensitive. */
    public Headers responseHeaders() {
        return handshake.responseHeaders();
    }

    /** The full exchange: request headers sent, status, response headers. */
    public Handshake handshake() {
        return handshake;
    }
}
