package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Which way a recorded event travelled, seen from the side that recorded it. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Direction {
    /** Received from the peer. */
    INBOUND("<-"),
    /** Sent to the peer. */
    OUTBOUND("->"),
    /** Not a frame: a local observation such as an error or the connection going away. */
    LOCAL("  ");

    private final String arrow;

    Direction(String arrow) {
        this.arrow = arrow;
    }

    /** The arrow used in frame-log listings: {@code <-} inbound, {@code ->} outbound. */
    public String arrow() {
        return arrow;
    }
}
