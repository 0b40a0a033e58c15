package dev.wstest.record;

/** Where a connection is in its lifecycle. */
public enum ConnectionState {
    /** Handshake done, no close frame seen yet. */
    OPEN,
    /** A close frame was sent or received; the TCP connection is still there. */
    CLOSING,
    /** The connection is gone. */
    CLOSED
}
