package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The two ends of a WebSocket connection. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Side {
    CLIENT,
    SERVER;

    /** The other end. */
    public Side peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
