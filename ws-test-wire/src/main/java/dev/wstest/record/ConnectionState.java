package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Where a connection is in its lifecycle. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ConnectionState {
    /** Handshake done, no close frame seen yet. */
    OPEN,
    /** A close frame was sent or received; the TCP connection is still there. */
    CLOSING,
    /** The connection is gone. */
    CLOSED
}
