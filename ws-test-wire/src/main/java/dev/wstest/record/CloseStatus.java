package dev.wstest.record;

import java.time.Duration;
import java.util.Optional;

/**
 * How a connection ended: the close code and reason sent by the side that started the closing handshake,
 * that side, and when. A connection that went away without any close frame has code 1006 and no initiator.
 */
public final class CloseStatus {

    /** 1006: the connection ended without a close frame (never sent on the wire). */
    public static final int ABNORMAL_CLOSURE = 1006;

    private final int code;
    private final String reason;
    private final Side initiator;
    private final Duration at;

    CloseStatus(int code, String reason, Side initiator, Duration at) {
        this.code = code;
        this.reason = reason == null ? "" : reason;
        this.initiator = initiator;
        this.at = at;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The side that sent the first close frame; empty for an abnormal closure. */
    public Optional<Side> initiator() {
        return Optional.ofNullable(initiator);
    }

    /** Whether the connection ended without a closing handshake started by either side. */
    public boolean isAbnormal() {
        return initiator == null;
    }

    /** When the TCP connection went away, counted from the handshake. */
    public Duration at() {
        return at;
    }

    @Override
    public String toString() {
        String who = initiator == null ? "abnormally (no close frame)" : "by " + initiator;
        return code + (reason.isEmpty() ? "" : " \"" + reason + "\"") + ", closed " + who;
    }
}
