package dev.wstest.record;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Threads waiting for a condition over some state, woken by whoever changes that state. Waking costs a
 * volatile read when nobody waits; a waiter re-checks its condition the moment it is woken, so waits end
 * as soon as the condition holds instead of at the next poll tick.
 */
public final class Waiters {

    private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();

    /** Wakes every waiting thread so it re-checks its condition. */
    public void signal() {
        for (Thread t : parked) {
            LockSupport.unpark(t);
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
     * early and leaves the thread's interrupt flag set.
     */
    public boolean awaitUntil(BooleanSupplier condition, BooleanSupplier hopeless, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread me = Thread.currentThread();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (hopeless.getAsBoolean()) {
                return condition.getAsBoolean();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || me.isInterrupted()) {
                return false;
            }
            parked.add(me);
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
                if (!hopeless.getAsBoolean()) {
                    LockSupport.parkNanos(this, remaining);
                }
            } finally {
                parked.remove(me);
            }
        }
    }
}
