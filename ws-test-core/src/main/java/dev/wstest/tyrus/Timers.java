package dev.wstest.tyrus;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One shared daemon thread for ws-test's deadlines (sends, connects, closing handshakes). Tasks must be quick. */
public final class Timers {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ws-test-deadlines");
        t.setDaemon(true);
        return t;
    });

    private Timers() {
    }

    /** Runs the task once after the delay. */
    public static ScheduledFuture<?> after(Duration delay, Runnable task) {
        return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
