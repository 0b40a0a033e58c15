package dev.wstest.record;

/** The two ends of a WebSocket connection. */
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
