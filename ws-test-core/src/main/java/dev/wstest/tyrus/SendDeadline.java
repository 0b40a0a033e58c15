package dev.wstest.tyrus;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deadline for a blocking send. Tyrus's blocking sends wait on their write future without a timeout, so a
 * peer that stops reading would hang the sender forever; the only way out of that wait is an interrupt,
 * which Tyrus turns into an early return. One shared daemon thread interrupts senders that overrun.
 */
public final class SendDeadline implements AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ws-test-send-deadline");
        t.setDaemon(true);
        return t;
    });

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int EXPIRED = 2;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> timer;

    private SendDeadline(Duration timeout) {
        Thread sender = Thread.currentThread();
        timer = WATCHDOG.schedule(() -> {
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                sender.interrupt();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
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
