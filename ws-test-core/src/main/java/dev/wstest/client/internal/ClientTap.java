package dev.wstest.client.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.record.FrameRecorder;
import dev.wstest.tyrus.ClosingHandshake;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** What a client connection wants to learn from below Tyrus; one instance per connection attempt. */
@API(status = INTERNAL, since = "0.1")
public interface ClientTap {

    /** The key under which the tap travels in {@code ClientEndpointConfig.getUserProperties()}. */
    String USER_PROPERTY = "dev.wstest.client.tap";

    /**
     * The attempt is under way; {@code abandon} closes its socket, for an attempt given up on (timed out,
     * failed) whose socket Tyrus would otherwise leave open.
     */
    void connecting(Runnable abandon);

    /** The upgrade request is final (Tyrus and the configurator have added their headers). */
    void requestPrepared(String requestUri, Map<String, List<String>> headers);

    /** The server answered the upgrade request. */
    void responseReceived(int status, String reasonPhrase, Map<String, List<String>> headers);

    /**
     * Why the client must refuse a 101 response that Tyrus would accept (an extension answer that does not
     * fit the offer, RFC 7692 section 5); null to go on. Asked after {@link #responseReceived}.
     */
    default String refusal() {
        return null;
    }

    /** The upgrade succeeded: the recorder that sees the connection's bytes from now on. */
    FrameRecorder upgraded();

    /** How the connection's closing handshake is kept open for the answer (created with the recorder). */
    ClosingHandshake closingHandshake();

    /** The transport closed the connection (the peer went away, or we closed it). */
    void transportClosed();
}
