package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Lets Ctrl-C (the JVM's shutdown) end a long-running command cleanly: the hook asks the command to stop and
 * waits a little for it to finish its clean-up (closing connections, writing files, printing a summary).
 */
@API(status = INTERNAL, since = "0.1")
public final class StopSignal implements AutoCloseable {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    public StopSignal() {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ws-test stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Waits until stop is requested or the timeout passes; returns whether stop was requested. */
    public boolean await(Duration timeout) {
        try {
            return stop.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The command finished its clean-up. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and now lets the JVM exit
        }
    }
}
