package dev.wstest.tyrus;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * One shared daemon thread for ws-test's deadlines (sends, connects, closing handshakes). Tasks must be quick.
 * Nearly every deadline is cancelled (the send finished in time); a cancelled one leaves the queue at once
 * instead of staying there until it would have run, so a busy connection does not pile up dead timers.
 */
@API(status = INTERNAL, since = "0.1")
public final class Timers {

    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "ws-test-deadlines");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Timers() {
    }

    /** Runs the task once after the delay. */
    public static ScheduledFuture<?> after(Duration delay, Runnable task) {
        return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Deadlines waiting to run (for tests). */
    static int pending() {
        return TIMER.getQueue().size();
    }
}
