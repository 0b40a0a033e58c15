package dev.wstest.record;

import java.time.Duration;
import java.util.Optional;

/**
 * How a connection ended: the close code and reason sent by the side that started the closing handshake,
 * that side, whether the other side answered, and when. A connection that went away without any close frame
 * has code 1006 and no initiator.
 *
 * <p>It ended {@linkplain #isClean() cleanly} when both close frames were exchanged (one sent, one received)
 * before the TCP connection went (RFC 6455 section 7.1.4). A closing handshake that one side started and the
 * other never answered is not clean; neither is an abnormal closure.
 */
public final class CloseStatus {

    /** 1006: the connection ended without a close frame (never sent on the wire). */
    public static final int ABNORMAL_CLOSURE = 1006;

    private final int code;
    private final String reason;
    private final Side initiator;
    private final Duration at;
    private final boolean answered;

    CloseStatus(int code, String reason, Side initiator, Duration at, boolean answered) {
        this.code = code;
        this.reason = reason == null ? "" : reason;
        this.initiator = initiator;
        this.at = at;
        this.answered = answered;
    }

    /** How the connection recorded in this log ended; empty while it is open or closing. */
    static Optional<CloseStatus> of(FrameLog log) {
        if (log.state() != ConnectionState.CLOSED) {
            return Optional.empty();
        }
        WsEvent firstClose = null;
        WsEvent disconnected = null;
        boolean sent = false;
        boolean received = false;
        for (WsEvent e : log.events()) {
            if (e.type() == EventType.CLOSE) {
                firstClose = firstClose == null ? e : firstClose;
                sent |= e.isOutbound();
                received |= e.isInbound();
            } else if (e.type() == EventType.DISCONNECTED && disconnected == null) {
                disconnected = e;
            }
        }
        if (disconnected == null) {
            return Optional.empty();
        }
        if (firstClose == null) {
            return Optional.of(new CloseStatus(disconnected.closeCode() > 0 ? disconnected.closeCode()
                    : ABNORMAL_CLOSURE, disconnected.text(), null, disconnected.sinceOpen(), false));
        }
        Side initiator = firstClose.isOutbound() ? log.side() : log.side().peer();
        // The code and reason that count are those the initiator sent.
        return Optional.of(new CloseStatus(firstClose.closeCode(), firstClose.text(), initiator,
                disconnected.sinceOpen(), sent && received));
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
     * What was missing from the closing handshake, e.g. "the server never answered the closing handshake";
     * empty when it was clean.
     */
    public Optional<String> problem() {
        if (initiator == null) {
            return Optional.of("the connection ended without a closing handshake (no close frame)");
        }
        return answered ? Optional.empty()
                : Optional.of("the " + initiator.peer() + " never answered the closing handshake");
    }

    /** When the TCP connection went away, counted from the handshake. */
    public Duration at() {
        return at;
    }

    @Override
    public String toString() {
        String who = initiator == null ? "abnormally (no close frame)" : "by " + initiator
                + (answered ? "" : ", but the " + initiator.peer() + " never answered the closing handshake");
        return code + (reason.isEmpty() ? "" : " \"" + reason + "\"") + ", closed " + who;
    }
}
