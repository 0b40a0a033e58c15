package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Everything that happened on one WebSocket connection, in order, from the completed handshake on.
 *
 * <p>The log is append-only and safe to read from any thread while it grows. Readers never block writers:
 * writers publish each event with a volatile write and wake waiting threads directly, so a wait ends the
 * moment the awaited event arrives rather than at the next tick of a poll interval.
 *
 * <p>A log keeps what its {@link LogLimits} allow: by default the first 1,000 and the last 10,000 events,
 * at most 16 MiB of payload. Events in between are elided as new ones arrive; sequence numbers keep
 * counting every event, so a gap in them is where events were elided ({@link #elided()} counts them, and
 * the formatted log shows a marker there).
 *
 * <p>The connection state ({@link #state()}, {@link #closeStatus()}) is derived from the events (also from
 * elided ones), so it can never disagree with what the log shows.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FrameLog {

    /** Makes an event once its sequence number and time are known (under the write lock). */
    interface EventMaker {
        WsEvent make(long seq, long sinceOpenNanos);
    }

    private final Side side;
    private final long openedAtNanos;
    private final LogLimits limits;
    private final Object writeLock = new Object();
    private final Waiters waiters = new Waiters();
    private final Runnable onEvent;

    // The first events, never dropped: head[0..headCount) hold seq 1..headCount.
    private volatile WsEvent[] head = new WsEvent[16];
    private volatile int headCount;
    private boolean headClosed;
    private long headBytes;
    // The most recent events: a ring in which seq s sits at (s - tailBase) mod tail.length, from tailFirst on.
    // Its length is a power of two (so the slot is a mask, not a division); tailSizes holds each slot's
    // payload size, so evicting the oldest event does not touch that event (long out of the cache by then).
    private volatile WsEvent[] tail;
    private int[] tailSizes;
    private volatile long tailBase;
    private volatile long tailFirst;
    private int tailCount;
    private long tailBytes;

    private volatile long lastSeq;
    private volatile long retainedBytes;
    private volatile long elided;
    private volatile WsEvent firstClose;
    private volatile boolean closeSent;
    private volatile boolean closeReceived;
    private volatile boolean failed;
    private volatile WsEvent disconnected;
    private volatile WsEvent.Violation firstViolation;
    private volatile int violations;
    private volatile ConnectionState state = ConnectionState.OPEN;

    FrameLog(Side side, long openedAtNanos, Runnable onEvent, LogLimits limits) {
        this.side = side;
        this.openedAtNanos = openedAtNanos;
        this.onEvent = onEvent;
        this.limits = limits;
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

    /** How much of a long conversation this log keeps. */
    public LogLimits limits() {
        return limits;
    }

    WsEvent append(long nanoTime, EventMaker maker) {
        WsEvent event;
        // Writers are the connection's read thread and whichever thread sends; they rarely meet. The lock
        // only orders writers; readers go through the volatile fields and never take it.
        synchronized (writeLock) {
            long seq = lastSeq + 1;
            event = maker.make(seq, nanoTime - openedAtNanos);
            int bytes = event.size();
            if (!headClosed && headCount < limits.firstEvents() && headBytes + bytes <= limits.maxPayloadBytes() / 4) {
                addToHead(event);
                headBytes += bytes;
            } else {
                headClosed = true;
                addToTail(event, seq, bytes);
            }
            retainedBytes = headBytes + tailBytes;
            elided = seq - headCount - tailCount;
            EventType type = event.type();
            if (type == EventType.DISCONNECTED) {
                if (disconnected == null) {
                    disconnected = event;
                }
                state = ConnectionState.CLOSED;
            } else if (type == EventType.CLOSE) {
                if (firstClose == null) {
                    firstClose = event;
                }
                if (event.isOutbound()) {
                    closeSent = true;
                } else {
                    closeReceived = true;
                }
                if (state == ConnectionState.OPEN) {
                    state = ConnectionState.CLOSING;
                }
            } else if (type == EventType.VIOLATION) {
                if (firstViolation == null) {
                    firstViolation = (WsEvent.Violation) event;
                }
                violations++;
            }
            lastSeq = seq;
        }
        waiters.signal();
        if (onEvent != null) {
            onEvent.run();
        }
        return event;
    }

    private void addToHead(WsEvent event) {
        int n = headCount;
        WsEvent[] array = head;
        if (n == array.length) {
            array = Arrays.copyOf(array, (int) Math.min((long) n * 2, Math.max(limits.firstEvents(), 16)));
            head = array;
        }
        array[n] = event;
        headCount = n + 1;
    }

    private static final int MAX_RING = 1 << 30;

    /** The ring length that holds {@code lastEvents}: the next power of two. */
    private static int ringFor(int lastEvents) {
        return lastEvents > MAX_RING / 2 ? MAX_RING : Integer.highestOneBit(Math.max(1, lastEvents - 1)) << 1;
    }

    private static int index(long seq, long base, int length) {
        return (int) (seq - base) & (length - 1); // the low bits survive the cast
    }

    private void addToTail(WsEvent event, long seq, int bytes) {
        WsEvent[] ring = tail;
        if (ring == null) {
            ring = new WsEvent[Math.min(16, ringFor(limits.lastEvents()))];
            tailSizes = new int[ring.length];
            tailBase = seq;
            tailFirst = seq;
            tail = ring;
        }
        if (tailCount == limits.lastEvents() || tailCount == ring.length && ring.length == MAX_RING) {
            evictOldest(ring);
        } else if (tailCount == ring.length) {
            ring = grow(ring, seq);
        }
        long budget = limits.maxPayloadBytes() - headBytes;
        while (tailCount > 0 && tailBytes + bytes > budget) {
            evictOldest(ring);
        }
        int at = index(seq, tailBase, ring.length);
        ring[at] = event;
        tailSizes[at] = bytes;
        if (tailCount == 0) {
            tailFirst = seq;
        }
        tailCount++;
        tailBytes += bytes;
    }

    private WsEvent[] grow(WsEvent[] ring, long nextSeq) {
        int capacity = Math.min(ring.length * 2, ringFor(limits.lastEvents()));
        WsEvent[] bigger = new WsEvent[capacity];
        int[] sizes = new int[capacity];
        for (long s = tailFirst; s < nextSeq; s++) {
            int from = index(s, tailBase, ring.length);
            int to = index(s, tailBase, capacity);
            bigger[to] = ring[from];
            sizes[to] = tailSizes[from];
        }
        tailSizes = sizes;
        tail = bigger;
        return bigger;
    }

    private void evictOldest(WsEvent[] ring) {
        long s = tailFirst;
        int slot = index(s, tailBase, ring.length);
        tailBytes -= tailSizes[slot];
        ring[slot] = null;
        tailCount--;
        tailFirst = s + 1;
    }

    /** The retained event with this sequence number, or null if it was elided (or is not there yet). */
    private WsEvent slot(long seq) {
        if (seq <= headCount) {
            return head[(int) seq - 1];
        }
        WsEvent[] ring = tail;
        if (ring == null) {
            return null;
        }
        WsEvent e = ring[index(seq, tailBase, ring.length)];
        return e != null && e.seq() == seq ? e : null;
    }

    /** Number of events recorded so far, elided ones included (the sequence number of the last one). */
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, lastSeq);
    }

    /** The sequence number of the last event recorded, 0 before any. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Number of events elided so far under the {@link #limits()}. */
    public long elided() {
        return elided;
    }

    /** Payload bytes the log holds right now. */
    public long retainedBytes() {
        return retainedBytes;
    }

    /**
     * The event with the given sequence number (1-based).
     *
     * @throws IndexOutOfBoundsException if no event has that number yet
     * @throws NoSuchElementException    if the event was elided under the log's limits
     */
    public WsEvent get(long seq) {
        long n = lastSeq;
        if (seq < 1 || seq > n) {
            throw new IndexOutOfBoundsException("seq " + seq + " not in 1.." + n);
        }
        WsEvent e = slot(seq);
        if (e == null) {
            throw new NoSuchElementException("event " + seq + " is no longer in the log: it was elided under the"
                    + " log limits (" + limits + ")");
        }
        return e;
    }

    /** The event with the given sequence number, if it was recorded and is still kept. */
    public Optional<WsEvent> find(long seq) {
        return seq < 1 || seq > lastSeq ? Optional.empty() : Optional.ofNullable(slot(seq));
    }

    /** The first retained event after {@code afterSeq}, or null if none has arrived (yet). */
    public WsEvent next(long afterSeq) {
        long n = lastSeq;
        long s = Math.max(1, afterSeq + 1);
        while (s <= n) {
            WsEvent e = slot(s);
            if (e != null) {
                return e;
            }
            s = Math.max(s + 1, tailFirst);
        }
        return null;
    }

    /** A snapshot of all events so far (those the limits kept). */
    public List<WsEvent> events() {
        return eventsAfter(0);
    }

    /** A snapshot of the (kept) events after the given sequence number. */
    public List<WsEvent> eventsAfter(long seq) {
        return events(seq, e -> true);
    }

    /** A snapshot of the (kept) events that match the filter. */
    public List<WsEvent> events(Predicate<? super WsEvent> filter) {
        return events(0, filter);
    }

    private List<WsEvent> events(long afterSeq, Predicate<? super WsEvent> filter) {
        long n = lastSeq;
        List<WsEvent> out = new ArrayList<>((int) Math.min(Math.max(0, n - afterSeq), 1024));
        for (WsEvent e = next(afterSeq); e != null && e.seq() <= n; e = next(e.seq())) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The first (kept) event after {@code afterSeq} that matches, if any has arrived. */
    public Optional<WsEvent> firstAfter(long afterSeq, Predicate<? super WsEvent> filter) {
        for (WsEvent e = next(afterSeq); e != null; e = next(e.seq())) {
            if (filter.test(e)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Inbound text and binary messages received so far (those the limits kept). */
    public List<WsEvent> receivedMessages() {
        return events(e -> e.isInbound() && e.type().isMessage());
    }

    /** Frames from the peer that broke RFC 6455, in order (those the limits kept). */
    public List<WsEvent.Violation> violations() {
        List<WsEvent.Violation> out = new ArrayList<>();
        for (WsEvent e : events(x -> x.type() == EventType.VIOLATION)) {
            out.add((WsEvent.Violation) e);
        }
        return Collections.unmodifiableList(out);
    }

    /** The first frame from the peer that broke RFC 6455, even if the limits have elided it since. */
    public Optional<WsEvent.Violation> firstViolation() {
        return Optional.ofNullable(firstViolation);
    }

    /** How many frames from the peer broke RFC 6455, elided ones included. */
    public int violationCount() {
        return violations;
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

    /** The first CLOSE event (sent or received), even if the limits have elided it since. */
    Optional<WsEvent> firstClose() {
        return Optional.ofNullable(firstClose);
    }

    /**
     * How the connection closed, including whether the closing handshake was answered (a close frame each
     * way: {@link CloseStatus#isClean()}); empty while it is open or closing.
     */
    public Optional<CloseStatus> closeStatus() {
        WsEvent gone = disconnected;
        if (state != ConnectionState.CLOSED || gone == null) {
            return Optional.empty();
        }
        WsEvent close = firstClose;
        if (close == null) {
            return Optional.of(new CloseStatus(gone.closeCode() > 0 ? gone.closeCode() : CloseStatus.ABNORMAL_CLOSURE,
                    gone.text(), null, gone.sinceOpen(), false, false));
        }
        Side initiator = close.isOutbound() ? side : side.peer();
        // The code and reason that count are those the initiator sent.
        return Optional.of(new CloseStatus(close.closeCode(), close.text(), initiator, gone.sinceOpen(),
                closeSent && closeReceived, failed && initiator == side));
    }

    /** The recorder stopped reading the peer: this side fails the connection (see {@link CloseStatus#isFailed()}). */
    void markFailed() {
        failed = true;
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
