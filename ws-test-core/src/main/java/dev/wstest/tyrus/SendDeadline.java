package dev.wstest.tyrus;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deadline for a blocking call into Tyrus. Tyrus's blocking sends wait on their write future without a
 * timeout, so a peer that stops reading would hang the sender forever, and its connect waits up to 30 s for a
 * TLS handshake whatever the handshake timeout; the only way out of those waits is an interrupt, which Tyrus
 * turns into an early return or an exception. One shared daemon thread interrupts callers that overrun.
 */
public final class SendDeadline implements AutoCloseable {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int EXPIRED = 2;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> timer;

    private SendDeadline(Duration timeout) {
        Thread sender = Thread.currentThread();
        timer = Timers.after(timeout, () -> {
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                sender.interrupt();
            }
        });
    }

    /** Starts the clock for a send on the current thread. */
    public static SendDeadline start(Duration timeout) {
        return new SendDeadline(timeout);
    }

    /**
     * Ends the send; returns whether it overran its deadline (the interrupt meant for it is then cleared, so
     * the caller's thread is left as it was).
     */
    public boolean expired() {
        if (state.compareAndSet(RUNNING, DONE)) {
            timer.cancel(false);
            return false;
        }
        if (state.get() == EXPIRED) {
            Thread.interrupted();
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        expired();
    }
}
