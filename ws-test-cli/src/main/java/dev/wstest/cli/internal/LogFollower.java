package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.record.EventType;
import dev.wstest.record.FrameLog;
import dev.wstest.record.WsEvent;
import java.time.Duration;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Hands every event of a growing frame log to a consumer, in order, on its own thread, until the connection
 * is gone or {@link #close()} is called (which delivers what is already recorded first).
 */
@API(status = INTERNAL, since = "0.1")
public final class LogFollower implements AutoCloseable {

    private static final Duration RECHECK = Duration.ofMillis(250);

    private final FrameLog log;
    private final Consumer<WsEvent> consumer;
    private final Thread thread;
    private volatile boolean stopping;
    private long delivered;

    public LogFollower(String name, FrameLog log, Consumer<WsEvent> consumer) {
        this.log = log;
        this.consumer = consumer;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (true) {
            // Waits on the log itself: wakes the moment an event is recorded; the recheck only notices stop().
            log.awaitUntil(() -> log.size() > delivered || stopping, RECHECK);
            boolean gone = false;
            for (WsEvent e : log.eventsAfter(delivered)) {
                delivered = e.seq();
                try {
                    consumer.accept(e);
                } catch (RuntimeException ignored) {
                    // a consumer's failure (e.g. relaying to a connection that just closed) must not stop the log
                }
                gone |= e.type() == EventType.DISCONNECTED;
            }
            if (gone || (stopping && log.size() <= delivered) || Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** Waits up to the timeout for the follower to deliver the disconnect (or to be stopped). */
    public boolean awaitEnd(Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Delivers what is recorded so far, then stops. */
    @Override
    public void close() {
        stopping = true;
        if (Thread.currentThread() != thread) {
            awaitEnd(Duration.ofSeconds(2));
        }
    }
}
