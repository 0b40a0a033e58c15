package dev.wstest.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * Where the next expectation on a client starts looking. Expectations on data messages (text, binary)
 * share one position, expectations on pings and pongs another, so a pong arriving between two messages
 * never gets in the way of message order. Each position is the sequence number of the last event an
 * expectation matched (0 before any).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ExpectationCursor {

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong controls = new AtomicLong();

    ExpectationCursor() {
    }

    /** Sequence number of the last data message an expectation matched. */
    public long messages() {
        return messages.get();
    }

    /** Sequence number of the last ping or pong an expectation matched. */
    public long controls() {
        return controls.get();
    }

    /** Moves the message position forward to {@code seq} (never backwards). */
    public void advanceMessages(long seq) {
        messages.accumulateAndGet(seq, Math::max);
    }

    /** Moves the ping/pong position forward to {@code seq} (never backwards). */
    public void advanceControls(long seq) {
        controls.accumulateAndGet(seq, Math::max);
    }
}
