package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a connection ended: the close code and reason sent by the side that started the closing handshake,
 * that side, whether the other side answered, and when. A connection that went away without any close frame
 * has code 1006 and no initiator.
 *
 * <p>It ended {@linkplain #isClean() cleanly} when both close frames were exchanged (one sent, one received)
 * before the TCP connection went (RFC 6455 section 7.1.4). A closing handshake that one side started and the
 * other never answered is not clean; neither is an abnormal closure.
 *
 * <p>A connection this side {@linkplain #isFailed() failed} (the peer broke RFC 6455, or sent a message over
 * the size limit) is not clean either, but nothing is missing from it: failing a connection means sending a
 * close frame and closing TCP without waiting for an answer (RFC 6455 section 7.1.7).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CloseStatus {

    /** 1006: the connection ended without a close frame (never sent on the wire). */
    public static final int ABNORMAL_CLOSURE = 1006;

    private final int code;
    private final String reason;
    private final Side initiator;
    private final Duration at;
    private final boolean answered;
    private final boolean failed;

    CloseStatus(int code, String reason, Side initiator, Duration at, boolean answered, boolean failed) {
        this.code = code;
        this.reason = reason == null ? "" : reason;
        this.initiator = initiator;
        this.at = at;
        this.answered = answered;
        this.failed = failed && initiator != null;
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

    /** Whether both close frames were exchanged: the closing handshake was started and answered. */
    public boolean isClean() {
        return initiator != null && answered;
    }

    /**
     * Whether the side that sent the first close frame failed the connection (RFC 6455 section 7.1.7): it
     * found a protocol violation or a message over its size limit, sent its close frame and closed TCP
     * without waiting for an answer. Only the side that recorded the log knows this of itself.
     */
    public boolean isFailed() {
        return failed;
    }

    /**
     * What was missing from the closing handshake, e.g. "the server never answered the closing handshake";
     * empty when it was clean.
     */
    public Optional<String> problem() {
        if (initiator == null) {
            return Optional.of("the connection ended without a closing handshake (no close frame)");
        }
        if (answered) {
            return Optional.empty();
        }
        return Optional.of(failed ? "the " + initiator + " failed the connection: it closed TCP after its close"
                + " frame without waiting for an answer (RFC 6455 section 7.1.7)"
                : "the " + initiator.peer() + " never answered the closing handshake");
    }

    /** When the TCP connection went away, counted from the handshake. */
    public Duration at() {
        return at;
    }

    @Override
    public String toString() {
        String who = initiator == null ? "abnormally (no close frame)" : "by " + initiator
                + (answered ? "" : failed ? ", failing the connection"
                : ", but the " + initiator.peer() + " never answered the closing handshake");
        return code + (reason.isEmpty() ? "" : " \"" + reason + "\"") + ", closed " + who;
    }
}
