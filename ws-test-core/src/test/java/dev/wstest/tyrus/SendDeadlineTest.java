package dev.wstest.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SendDeadlineTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    @DisplayName("sends that finish in time leave nothing behind: no timer, no allocation per send")
    void noTimerPerSend() {
        Duration timeout = Duration.ofSeconds(10);
        for (int i = 0; i < 10_000; i++) { // warm up: the thread's slot, the JIT
            SendDeadline.start(timeout).expired();
        }
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        int sends = 100_000;
        int expired = 0;
        for (int i = 0; i < sends; i++) {
            try (SendDeadline d = SendDeadline.start(timeout)) {
                if (d.expired()) {
                    expired++;
                }
            }
        }
        long allocated = THREADS.getThreadAllocatedBytes(tid) - before;
        assertThat(expired).isZero();
        // A timer per send (a scheduled task, queued until it would have fired) costs about 100 bytes each.
        assertThat(allocated).as("bytes allocated by %d sends", sends).isLessThan(sends);
    }

    @Test
    @DisplayName("a send that overruns is interrupted at its deadline, and the interrupt is cleared after")
    void overrunIsInterrupted() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();
        boolean interrupted = false;
        SendDeadline d = SendDeadline.start(Duration.ofMillis(200));
        try {
            never.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(interrupted).as("the blocked send was interrupted").isTrue();
        assertThat(d.expired()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(tookMs).isGreaterThanOrEqualTo(190).isLessThan(10_000);
    }

    @Test
    @DisplayName("a short deadline fires on time while the watchdog sleeps until a long one")
    void earlierDeadlineWakesTheWatchdog() throws Exception {
        CountDownLatch longStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean longInterrupted = new AtomicBoolean();
        Thread slow = new Thread(() -> {
            try (SendDeadline d = SendDeadline.start(Duration.ofSeconds(60))) {
                longStarted.countDown();
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                longInterrupted.set(true);
            }
        });
        slow.start();
        assertThat(longStarted.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicLong took = new AtomicLong();
        long start = System.nanoTime();
        SendDeadline d = SendDeadline.start(Duration.ofMillis(100));
        try {
            new CountDownLatch(1).await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            took.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        assertThat(d.expired()).isTrue();
        assertThat(took.get()).as("ms until the 100 ms deadline fired").isBetween(90L, 10_000L);
        release.countDown();
        slow.join(10_000);
        assertThat(longInterrupted).as("the 60 s send was left alone").isFalse();
    }

    @Test
    @DisplayName("a send started inside a send on the same thread has its own deadline")
    void nestedSends() throws Exception {
        try (SendDeadline outer = SendDeadline.start(Duration.ofSeconds(60))) {
            boolean interrupted = false;
            SendDeadline inner = SendDeadline.start(Duration.ofMillis(100));
            try {
                new CountDownLatch(1).await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            assertThat(interrupted).isTrue();
            assertThat(inner.expired()).isTrue();
            assertThat(outer.expired()).isFalse();
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
