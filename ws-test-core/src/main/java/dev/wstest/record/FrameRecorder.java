package dev.wstest.record;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The write side of a {@link FrameLog}: fed the raw bytes of a connection after its handshake, it decodes
 * frames, reassembles fragmented messages and records every event with its direction and time.
 *
 * <p>ws-test's client and embedded servers tap the transport underneath Tyrus and feed it here, which is
 * how the log sees what the Jakarta WebSocket API hides: inbound pings, fragment boundaries and the frames
 * the stack sends on its own (pong replies, close echoes).
 *
 * <p>Inbound and outbound bytes may be fed from different threads; each direction must be fed in order.
 */
public final class FrameRecorder {

    private final FrameLog log;
    private final Object outboundLock = new Object();
    private final DirectionState in = new DirectionState(Direction.INBOUND);
    private final DirectionState out = new DirectionState(Direction.OUTBOUND);
    private final AtomicInteger requestedPongs = new AtomicInteger();
    private volatile boolean closeReceived;
    private volatile boolean disconnected;
    private volatile boolean transportGone;

    /** Starts a log whose clock starts now (call this when the handshake completes). */
    public FrameRecorder(Side side) {
        this(side, null);
    }

    /**
     * Starts a log whose clock starts now and that calls {@code onEvent} after every recorded event (a
     * server uses this to wake threads waiting on conditions over all its connections). The callback runs
     * on the recording thread and must be quick.
     */
    public FrameRecorder(Side side, Runnable onEvent) {
        this.log = new FrameLog(side, System.nanoTime(), onEvent);
    }

    public FrameLog log() {
        return log;
    }

    /** Records bytes received from the peer; the buffer's position is not changed. */
    public void inbound(ByteBuffer bytes) {
        in.decoder.feed(bytes, in);
    }

    /**
     * Records bytes sent to the peer; the buffer's position is not changed. Bytes written after the
     * transport closed never reach the peer and are ignored.
     */
    public void outbound(ByteBuffer bytes) {
        if (transportGone) {
            return;
        }
        synchronized (outboundLock) {
            out.decoder.feed(bytes, out);
        }
    }

    /** Announces that the next outbound pong is the user's, not the stack's automatic reply to a ping. */
    public void expectRequestedPong() {
        requestedPongs.incrementAndGet();
    }

    /** Records an error reported by the WebSocket stack. */
    public void error(String message) {
        append(Direction.LOCAL, EventType.ERROR, new byte[0], message, -1, List.of(), false, -1, null);
    }

    /**
     * Records that the TCP connection went away, with the close code the stack reported. Only the first
     * call counts.
     */
    public void disconnected(int code, String reason) {
        disconnected(code, reason, null);
    }

    /** As {@link #disconnected(int, String)}, saying how the connection went away. */
    public void disconnected(int code, String reason, String how) {
        if (disconnected) {
            return;
        }
        synchronized (this) {
            if (disconnected) {
                return;
            }
            disconnected = true;
        }
        append(Direction.LOCAL, EventType.DISCONNECTED, new byte[0], reason == null ? "" : reason, code,
                List.of(), false, -1, how);
    }

    /**
     * The WebSocket stack reports the session closed, with the code it reports. Stacks do this as soon as
     * they consider the connection finished, which can be right after sending a close frame, before the
     * peer's reply arrives (Tyrus's client does not wait for it). Frames that still arrive afterwards are
     * recorded after the DISCONNECTED event, as they happened.
     */
    public void sessionClosed(int code, String reason) {
        disconnected(code, reason, "session closed by the WebSocket stack");
    }

    /**
     * Records that the transport closed the connection: with the code of the close frame received when
     * there was one, otherwise 1006 (the connection dropped without a closing handshake).
     */
    public void transportClosed() {
        transportGone = true;
        if (disconnected) {
            return;
        }
        java.util.Optional<WsEvent> close = log.firstAfter(0, e -> e.type() == EventType.CLOSE);
        if (close.isPresent()) {
            disconnected(close.get().closeCode(), close.get().text(), "TCP connection closed");
        } else {
            disconnected(CloseStatus.ABNORMAL_CLOSURE, "", "TCP connection dropped without a closing handshake");
        }
    }

    /** Whether {@link #disconnected} was called. */
    public boolean isDisconnected() {
        return disconnected;
    }

    private void append(Direction direction, EventType type, byte[] payload, String text, int closeCode,
                        List<Integer> frameSizes, boolean automatic, int opcode, String detail) {
        long now = System.nanoTime();
        log.append(new WsEvent(0, direction, type, now, Duration.ofNanos(now - log.openedAtNanos()), payload,
                text, closeCode, frameSizes, automatic, opcode, detail));
    }

    private final class DirectionState implements WireDecoder.FrameSink {
        final Direction direction;
        final WireDecoder decoder = new WireDecoder();
        // the data message being reassembled, if any
        int pendingOpcode = -1;
        ByteArrayOutputStream pending;
        List<Integer> pendingSizes;

        DirectionState(Direction direction) {
            this.direction = direction;
        }

        @Override
        public void frame(boolean fin, int rsv, int opcode, byte[] payload, long declaredLength) {
            switch (opcode) {
                case 0x0:
                    if (pending == null) {
                        append(direction, EventType.ERROR, payload, "continuation frame without a message to"
                                + " continue (" + payload.length + " bytes)", -1, List.of(payload.length), false,
                                opcode, null);
                        return;
                    }
                    pending.writeBytes(payload);
                    pendingSizes.add(payload.length);
                    if (fin) {
                        emitMessage(pendingOpcode, pending.toByteArray(), pendingSizes);
                        pending = null;
                        pendingSizes = null;
                        pendingOpcode = -1;
                    }
                    return;
                case 0x1:
                case 0x2:
                    if (fin) {
                        emitMessage(opcode, payload, List.of(payload.length));
                    } else {
                        pendingOpcode = opcode;
                        pending = new ByteArrayOutputStream(Math.max(32, payload.length * 2));
                        pending.writeBytes(payload);
                        pendingSizes = new ArrayList<>();
                        pendingSizes.add(payload.length);
                    }
                    return;
                case 0x8:
                    int code = WsEvent.NO_STATUS_CODE;
                    String reason = "";
                    if (payload.length >= 2) {
                        code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                        reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                    }
                    boolean echo = direction == Direction.OUTBOUND && closeReceived;
                    if (direction == Direction.INBOUND) {
                        closeReceived = true;
                    }
                    append(direction, EventType.CLOSE, payload, reason, code, List.of(payload.length), echo,
                            opcode, null);
                    return;
                case 0x9:
                    append(direction, EventType.PING, payload, null, -1, List.of(payload.length), false, opcode,
                            null);
                    return;
                case 0xA:
                    boolean automatic = direction == Direction.OUTBOUND && !takeRequestedPong();
                    append(direction, EventType.PONG, payload, null, -1, List.of(payload.length), automatic,
                            opcode, null);
                    return;
                default:
                    append(direction, EventType.RESERVED, payload, null, -1, List.of(payload.length), false,
                            opcode, "reserved opcode");
            }
        }

        private void emitMessage(int opcode, byte[] payload, List<Integer> sizes) {
            EventType type = opcode == 0x1 ? EventType.TEXT : EventType.BINARY;
            String text = type == EventType.TEXT ? new String(payload, StandardCharsets.UTF_8) : null;
            append(direction, type, payload, text, -1, List.copyOf(sizes), false, opcode, null);
        }

        @Override
        public void garbage(String problem) {
            append(Direction.LOCAL, EventType.ERROR, new byte[0], direction.name().toLowerCase() + " stream: "
                    + problem, -1, List.of(), false, -1, null);
        }
    }

    private boolean takeRequestedPong() {
        while (true) {
            int n = requestedPongs.get();
            if (n == 0) {
                return false;
            }
            if (requestedPongs.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }
}
