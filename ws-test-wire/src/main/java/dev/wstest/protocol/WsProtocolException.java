package dev.wstest.protocol;

/**
 * Bytes that cannot be read as what they claim to be: a frame header that cannot be decoded, a close
 * payload of one byte, a handshake response that is not HTTP. This is the only exception the protocol
 * layer's decoders throw for bad input.
 */
public class WsProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WsProtocolException(String message) {
        super(message);
    }

    public WsProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
