package dev.wstest.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WaitersTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    @DisplayName("a signal allocates nothing, whether anyone waits or not")
    void signalAllocatesNothing() throws Exception {
        Waiters waiters = new Waiters();
        int signals = 100_000;
        assertThat(allocatedBy(() -> {
            for (int i = 0; i < signals; i++) {
                waiters.signal();
            }
        })).as("bytes allocated by %d signals with nobody waiting", signals).isLessThan(signals);

        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> waiters.awaitUntil(() -> {
            waiting.countDown();
            return done.get();
        }, Duration.ofSeconds(20)));
        waiter.start();
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(waiters.awaitUntil(() -> waiters.waiting() == 1, Duration.ofSeconds(10))).isTrue();
        assertThat(allocatedBy(() -> {
            for (int i = 0; i < signals; i++) {
                waiters.signal();
            }
        })).as("bytes allocated by %d signals with one thread waiting", signals).isLessThan(signals);
        done.set(true);
        waiters.signal();
        waiter.join(10_000);
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    @DisplayName("a wait ends when a signal follows the change it waits for, however the two race")
    void noLostWakeUps() throws Exception {
        Waiters waiters = new Waiters();
        AtomicInteger value = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int rounds = 2_000;
        Thread waiter = new Thread(() -> {
            for (int i = 1; i <= rounds; i++) {
                int expected = i;
                if (!waiters.awaitUntil(() -> value.get() >= expected, Duration.ofSeconds(10))) {
                    failure.set(new AssertionError("round " + i + " was not woken"));
                    return;
                }
            }
        });
        waiter.start();
        for (int i = 1; i <= rounds; i++) {
            value.set(i);
            waiters.signal();
            if (i % 100 == 0) {
                Thread.onSpinWait();
            }
        }
        waiter.join(20_000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }

    @Test
    @DisplayName("a wait gives up at its deadline, and at once when interrupted")
    void deadlineAndInterrupt() {
        Waiters waiters = new Waiters();
        long start = System.nanoTime();
        assertThat(waiters.awaitUntil(() -> false, Duration.ofMillis(100))).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        Thread.currentThread().interrupt();
        try {
            assertThat(waiters.awaitUntil(() -> false, Duration.ofSeconds(20))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(waiters.waiting()).isZero();
    }

    private static long allocatedBy(Runnable r) {
        r.run(); // warm up
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        r.run();
        return THREADS.getThreadAllocatedBytes(tid) - before;
    }
}
