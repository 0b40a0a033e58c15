package dev.wstest.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TimersTest {

    @Test
    @DisplayName("a cancelled deadline leaves the timer queue at once (a broadcast that finishes in time leaves nothing behind)")
    void cancelledDeadlinesDoNotPileUp() {
        int before = Timers.pending();
        List<ScheduledFuture<?>> timers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            timers.add(Timers.after(Duration.ofMinutes(10), () -> { }));
        }
        assertThat(Timers.pending()).isGreaterThanOrEqualTo(before + 10_000);
        timers.forEach(t -> t.cancel(false));
        assertThat(Timers.pending()).as("timers left in the queue").isLessThan(before + 100);
    }
}
