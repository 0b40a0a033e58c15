package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Bytes that cannot be read as what they claim to be: a frame header that cannot be decoded, a close
 * payload of one byte, a handshake response that is not HTTP. This is the only exception the protocol
 * layer's decoders throw for bad input.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class WsProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WsProtocolException(String message) {
        super(message);
    }

    public WsProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
