package dev.wstest.tyrus;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.apiguardian.api.API;

/**
 * A deadline for a blocking call into Tyrus. Tyrus's blocking sends wait on their write future without a
 * timeout, so a peer that stops reading would hang the sender forever, and its connect waits up to 30 s for a
 * TLS handshake whatever the handshake timeout; the only way out of those waits is an interrupt, which Tyrus
 * turns into an early return or an exception. One shared daemon thread interrupts callers that overrun.
 *
 * <p>A call costs no timer and no allocation: each sending thread owns one slot, reused for all its sends,
 * that holds the deadline of the send in progress. The watchdog sleeps until the earliest deadline it
 * knows of and then looks at every slot; only a send whose deadline comes before that wakes it. Nothing is
 * queued per send, so nothing outlives a send that finished in time.
 */
@API(status = INTERNAL, since = "0.1")
public final class SendDeadline implements AutoCloseable {

    // The state of a slot's send, in the two low bits of its ticket; the bits above number the sends, so the
    // watchdog never expires a later send that reused the slot after it looked.
    private static final long IDLE = 0;
    private static final long RUNNING = 1;
    private static final long EXPIRING = 2; // the watchdog is interrupting the sender
    private static final long EXPIRED = 3;
    private static final long STATE = 3;
    private static final long NEXT_SEND = 4;

    private static final VarHandle TICKET;

    static {
        try {
            TICKET = MethodHandles.lookup().findVarHandle(SendDeadline.class, "ticket", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ConcurrentLinkedQueue<SendDeadline> SLOTS = new ConcurrentLinkedQueue<>();
    private static final ThreadLocal<SendDeadline> SLOT = ThreadLocal.withInitial(() -> register(false));
    private static final Watchdog WATCHDOG = new Watchdog();

    private final Thread sender;
    /** A slot for a send started while its thread's own slot was busy; dropped when that send ends. */
    private final boolean nested;
    private volatile long ticket;
    private volatile long deadline;

    private SendDeadline(Thread sender, boolean nested) {
        this.sender = sender;
        this.nested = nested;
    }

    private static SendDeadline register(boolean nested) {
        SendDeadline slot = new SendDeadline(Thread.currentThread(), nested);
        SLOTS.add(slot);
        return slot;
    }

    /** Starts the clock for a send on the current thread. */
    public static SendDeadline start(Duration timeout) {
        SendDeadline slot = SLOT.get();
        if ((slot.ticket & STATE) != IDLE) { // a send inside a send on this thread
            slot = register(true);
        }
        long nanos = timeout.toNanos();
        long at = System.nanoTime() + nanos;
        slot.deadline = at;
        slot.ticket = (slot.ticket & ~STATE) + NEXT_SEND + RUNNING;
        WATCHDOG.started(at, nanos);
        return slot;
    }

    /**
     * Ends the send; returns whether it overran its deadline (the interrupt meant for it is then cleared, so
     * the caller's thread is left as it was).
     */
    public boolean expired() {
        while (true) {
            long t = ticket;
            long state = t & STATE;
            if (state == IDLE) {
                return false;
            }
            if (state == RUNNING) {
                if (TICKET.compareAndSet(this, t, t - RUNNING + IDLE)) {
                    release();
                    return false;
                }
            } else if (state == EXPIRED) {
                Thread.interrupted();
                ticket = t - EXPIRED + IDLE;
                release();
                return true;
            } else {
                Thread.onSpinWait(); // EXPIRING: the interrupt is on its way; clear it once it has landed
            }
        }
    }

    private void release() {
        if (nested) {
            SLOTS.remove(this);
        }
    }

    @Override
    public void close() {
        expired();
    }

    /** The thread that interrupts overrunning sends. */
    private static final class Watchdog implements Runnable {
        private static final int SCANNING = 0;
        private static final int SLEEPING = 1;
        private static final int IDLE = 2;

        private final Thread thread;
        private volatile int mode = SCANNING;
        /** While {@link #SLEEPING}: when the watchdog wakes up. */
        private volatile long wakeAt;
        /** The shortest send timeout seen: after a busy period, how long the watchdog may sleep unasked. */
        private volatile long shortestTimeout = Long.MAX_VALUE;
        private long ticketsAtLastScan;

        Watchdog() {
            thread = new Thread(this, "ws-test-send-deadline");
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * A send with this deadline has started (its slot says so). Wakes the watchdog only if it might
         * otherwise sleep past the deadline: when it is idle, when it sleeps until later, or when it is in
         * the middle of a scan that may have missed the slot.
         */
        void started(long at, long timeout) {
            if (timeout < shortestTimeout) {
                shortestTimeout = timeout;
            }
            int m = mode;
            if (m != SLEEPING || at - wakeAt < 0) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (true) {
                mode = SCANNING;
                long now = System.nanoTime();
                long next = 0;
                boolean running = false;
                long tickets = 0;
                for (Iterator<SendDeadline> it = SLOTS.iterator(); it.hasNext(); ) {
                    SendDeadline slot = it.next();
                    long t = slot.ticket;
                    tickets += t;
                    if ((t & STATE) != RUNNING) {
                        if ((t & STATE) == SendDeadline.IDLE && !slot.sender.isAlive()) {
                            it.remove();
                        }
                        continue;
                    }
                    long at = slot.deadline;
                    if (at - now <= 0) {
                        if (TICKET.compareAndSet(slot, t, t - RUNNING + EXPIRING)) {
                            slot.sender.interrupt();
                            slot.ticket = t - RUNNING + EXPIRED;
                        }
                    } else if (!running || at - next < 0) {
                        next = at;
                        running = true;
                    }
                }
                boolean busy = tickets != ticketsAtLastScan;
                ticketsAtLastScan = tickets;
                if (!running && busy && shortestTimeout != Long.MAX_VALUE) {
                    // Sends come and go faster than the watchdog looks: rather than going idle and being woken
                    // by the next one, sleep as long as any send started after this scan is sure to take to
                    // expire.
                    next = now + shortestTimeout;
                    running = true;
                }
                if (running) {
                    wakeAt = next;
                    mode = SLEEPING;
                    LockSupport.parkNanos(this, next - System.nanoTime());
                } else {
                    mode = IDLE;
                    LockSupport.park(this);
                }
            }
        }
    }
}
