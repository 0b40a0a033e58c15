package dev.wstest.record;

import dev.wstest.internal.Waiters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Everything that happened on one WebSocket connection, in order, from the completed handshake on.
 *
 * <p>The log is append-only and safe to read from any thread while it grows. Readers never block writers:
 * writers publish each event with a volatile write and wake waiting threads directly, so a wait ends the
 * moment the awaited event arrives rather than at the next tick of a poll interval.
 *
 * <p>The connection state ({@link #state()}, {@link #closeStatus()}) is derived from the events, so it can
 * never disagree with what the log shows.
 */
public final class FrameLog {

    private final Side side;
    private final long openedAtNanos;
    private final Object writeLock = new Object();
    private final Waiters waiters = new Waiters();
    private final Runnable onEvent;
    private volatile WsEvent[] events = new WsEvent[16];
    private volatile int size;
    private volatile ConnectionState state = ConnectionState.OPEN;

    FrameLog(Side side, long openedAtNanos, Runnable onEvent) {
        this.side = side;
        this.openedAtNanos = openedAtNanos;
        this.onEvent = onEvent;
    }

    /** The side that recorded this log: directions are seen from here. */
    public Side side() {
        return side;
    }

    /** {@link System#nanoTime()} at the completed handshake; {@link WsEvent#sinceOpen()} counts from here. */
    public long openedAtNanos() {
        return openedAtNanos;
    }

    /** Time elapsed since the handshake. */
    public Duration sinceOpen() {
        return Duration.ofNanos(System.nanoTime() - openedAtNanos);
    }

    WsEvent append(WsEvent unsequenced) {
        WsEvent event;
        // Writers are the connection's read thread and whichever thread sends; they rarely meet. The lock
        // only orders writers; readers go through the volatile fields and never take it.
        synchronized (writeLock) {
            int n = size;
            WsEvent[] array = events;
            if (n == array.length) {
                array = Arrays.copyOf(array, n * 2);
                events = array;
            }
            event = unsequenced.withSeq(n + 1L);
            array[n] = event;
            if (event.type() == EventType.DISCONNECTED) {
                state = ConnectionState.CLOSED;
            } else if (event.type() == EventType.CLOSE && state == ConnectionState.OPEN) {
                state = ConnectionState.CLOSING;
            }
            size = n + 1;
        }
        waiters.signal();
        if (onEvent != null) {
            onEvent.run();
        }
        return event;
    }

    /** Number of events recorded so far. */
    public int size() {
        return size;
    }

    /** The event with the given sequence number (1-based). */
    public WsEvent get(long seq) {
        int n = size;
        if (seq < 1 || seq > n) {
            throw new IndexOutOfBoundsException("seq " + seq + " not in 1.." + n);
        }
        return events[(int) seq - 1];
    }

    /** A snapshot of all events so far. */
    public List<WsEvent> events() {
        int n = size;
        return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(events, n)));
    }

    /** A snapshot of the events after the given sequence number. */
    public List<WsEvent> eventsAfter(long seq) {
        int n = size;
        int from = (int) Math.max(0, Math.min(seq, n));
        return Collections.unmodifiableList(Arrays.asList(Arrays.copyOfRange(events, from, n)));
    }

    /** A snapshot of the events that match the filter. */
    public List<WsEvent> events(Predicate<? super WsEvent> filter) {
        int n = size;
        WsEvent[] array = events;
        List<WsEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (filter.test(array[i])) {
                out.add(array[i]);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The first event after {@code afterSeq} that matches, if any has arrived. */
    public Optional<WsEvent> firstAfter(long afterSeq, Predicate<? super WsEvent> filter) {
        int n = size;
        WsEvent[] array = events;
        for (int i = (int) Math.max(0, afterSeq); i < n; i++) {
            if (filter.test(array[i])) {
                return Optional.of(array[i]);
            }
        }
        return Optional.empty();
    }

    /** Inbound text and binary messages received so far. */
    public List<WsEvent> receivedMessages() {
        return events(e -> e.isInbound() && e.type().isMessage());
    }

    /**
     * Blocks until the condition holds or the timeout passes, re-checking it each time an event is
     * recorded. Returns whether the condition held. The wait also ends, at once, when the connection is
     * CLOSED: nothing more can be recorded then, so a condition that does not hold never will. An interrupt
     * ends the wait early (returning the condition's value) and leaves the thread's interrupt flag set.
     */
    public boolean awaitUntil(BooleanSupplier condition, Duration timeout) {
        return waiters.awaitUntil(condition, () -> state == ConnectionState.CLOSED, timeout);
    }

    /** Current state of the connection, derived from the events (kept up to date as they are appended). */
    public ConnectionState state() {
        return state;
    }

    /** How the connection closed; empty while it is open or closing. */
    public Optional<CloseStatus> closeStatus() {
        return CloseStatus.of(this);
    }

    /** The whole log in the frame-log format of failure messages, secrets redacted. */
    public String format() {
        return FrameLogFormat.format(this, Redactor.DEFAULT, null);
    }

    @Override
    public String toString() {
        return format();
    }
}
