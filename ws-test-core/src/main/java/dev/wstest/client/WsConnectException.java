package dev.wstest.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.record.Secrets;
import java.net.URI;
import org.apiguardian.api.API;

/**
 * A client could not connect. {@link #reason()} tells why in a way a test can branch on; the message says
 * it in words, with the URL and the client's name.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class WsConnectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a connection attempt failed. */
    public enum Reason {
        /** Nothing listens on the port (TCP connection refused). */
        CONNECTION_REFUSED,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** No complete handshake within the connect timeout. */
        TIMEOUT,
        /** The TLS handshake failed, typically an untrusted certificate or a host name mismatch. */
        TLS,
        /** The server answered the upgrade request with a status other than 101. */
        HANDSHAKE_REJECTED,
        /** The server answered 101 but the response is not a valid WebSocket upgrade. */
        INVALID_HANDSHAKE,
        /** The URL is not a ws:// or wss:// URL. */
        INVALID_URI,
        /** Anything else; the cause has the details. */
        OTHER
    }

    private final Reason reason;
    private final URI uri;
    private final String clientName;

    WsConnectException(Reason reason, String clientName, URI uri, String message, Throwable cause) {
        super(Secrets.scrub(message), Secrets.scrubbed(cause));
        this.reason = reason;
        this.uri = uri;
        this.clientName = clientName;
    }

    public Reason reason() {
        return reason;
    }

    public URI uri() {
        return uri;
    }

    public String clientName() {
        return clientName;
    }
}
