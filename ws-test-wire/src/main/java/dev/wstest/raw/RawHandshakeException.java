package dev.wstest.raw;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.HandshakeResponse;
import dev.wstest.protocol.WsProtocolException;
import java.util.List;
import org.apiguardian.api.API;

/** The server's answer to a {@link RawClient}'s opening handshake was not an acceptable 101 response. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RawHandshakeException extends WsProtocolException {

    private static final long serialVersionUID = 1L;

    private final transient HandshakeResponse response;
    private final List<String> problems;

    /** @param url the URL as it may be shown (secret query parameters redacted) */
    public RawHandshakeException(String url, HandshakeResponse response, List<String> problems) {
        super(dev.wstest.record.Secrets.scrub("handshake with " + url + " failed: " + String.join("; ", problems)));
        this.response = response;
        this.problems = List.copyOf(problems);
    }

    public HandshakeResponse response() {
        return response;
    }

    public List<String> problems() {
        return problems;
    }
}
