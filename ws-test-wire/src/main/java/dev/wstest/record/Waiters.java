package dev.wstest.record;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * Threads waiting for a condition over some state, woken by whoever changes that state. A waiter re-checks
 * its condition the moment it is woken, so waits end as soon as the condition holds instead of at the next
 * poll tick.
 *
 * <p>A signal costs one volatile read and allocates nothing when nobody waits, and wakes a waiter only
 * when it is about to sleep: a waiter busy checking its condition is not woken again and again while events
 * arrive in a burst. A wait allocates once, when it starts, not per wake-up.
 *
 * <p>Threads that must not block ({@link #forbidWaitingOnThisThread}) fail a wait at once.
 */
@API(status = INTERNAL, since = "0.1")
public final class Waiters {

    private static final Waiter[] NONE = new Waiter[0];

    /** Why the current thread must not block in a wait, or null (see {@link #forbidWaitingOnThisThread}). */
    private static final ThreadLocal<String> NO_WAITING = new ThreadLocal<>();

    /** The waiting threads; replaced, never changed, so that a signal reads it without a lock. */
    private final AtomicReference<Waiter[]> waiting = new AtomicReference<>(NONE);

    /** One waiting thread, and whether it needs a wake-up (it has checked its condition and may sleep). */
    private static final class Waiter {
        final Thread thread;
        volatile boolean armed;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    /**
     * Marks the calling thread as one that must never block in a wait: an I/O thread that itself delivers the
     * events waits are for (the mock server's shared event loops). A wait that would block there throws an
     * {@link IllegalStateException} with {@code why} at once, instead of stalling every connection of that
     * thread until its deadline and then failing as if the peer had been slow. A wait whose condition already
     * holds (or can no longer come true) still returns, as anywhere.
     */
    public static void forbidWaitingOnThisThread(String why) {
        NO_WAITING.set(java.util.Objects.requireNonNull(why, "why"));
    }

    /** Wakes every waiting thread so it re-checks its condition. */
    public void signal() {
        for (Waiter w : waiting.get()) {
            if (w.armed) {
                w.armed = false;
                LockSupport.unpark(w.thread);
            }
        }
    }

    /**
     * Blocks until the condition holds or the timeout passes; returns whether it held. An interrupt ends
     * the wait early and leaves the thread's interrupt flag set.
     */
    public boolean awaitUntil(BooleanSupplier condition, Duration timeout) {
        return awaitUntil(condition, () -> false, timeout);
    }

    /**
     * Blocks until the condition holds, the timeout passes, or {@code hopeless} says the condition can no
     * longer come true (it is checked once more then); returns whether it held. An interrupt ends the wait
     * early and leaves the thread's interrupt flag set. Whoever makes the condition hopeless signals, as
     * whoever makes it true does.
     */
    public boolean awaitUntil(BooleanSupplier condition, BooleanSupplier hopeless, Duration timeout) {
        if (condition.getAsBoolean()) {
            return true;
        }
        if (hopeless.getAsBoolean()) {
            return condition.getAsBoolean();
        }
        String forbidden = NO_WAITING.get();
        if (forbidden != null) {
            throw new IllegalStateException(forbidden);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Waiter me = new Waiter(Thread.currentThread());
        add(me);
        try {
            while (true) {
                // Armed before the check: a change after the check finds the waiter armed and unparks it, so
                // the park below returns at once instead of sleeping through the change.
                me.armed = true;
                if (condition.getAsBoolean()) {
                    return true;
                }
                if (hopeless.getAsBoolean()) {
                    return condition.getAsBoolean();
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || me.thread.isInterrupted()) {
                    return false;
                }
                LockSupport.parkNanos(this, remaining);
            }
        } finally {
            remove(me);
        }
    }

    /** Number of threads waiting right now (for tests). */
    int waiting() {
        return waiting.get().length;
    }

    private void add(Waiter w) {
        while (true) {
            Waiter[] now = waiting.get();
            Waiter[] next = Arrays.copyOf(now, now.length + 1);
            next[now.length] = w;
            if (waiting.compareAndSet(now, next)) {
                return;
            }
        }
    }

    private void remove(Waiter w) {
        while (true) {
            Waiter[] now = waiting.get();
            Waiter[] next;
            if (now.length == 1) {
                next = NONE;
            } else {
                int i = Arrays.asList(now).indexOf(w);
                next = new Waiter[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
            }
            if (waiting.compareAndSet(now, next)) {
                return;
            }
        }
    }
}
