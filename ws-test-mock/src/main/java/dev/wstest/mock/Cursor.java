package dev.wstest.mock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the next expectation on a server connection starts looking: the same two positions as the client's
 * (one for data messages, one for pings and pongs), each the sequence number of the last event an
 * expectation matched.
 */
final class Cursor {

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong controls = new AtomicLong();

    long messages() {
        return messages.get();
    }

    long controls() {
        return controls.get();
    }

    void advanceMessages(long seq) {
        messages.accumulateAndGet(seq, Math::max);
    }

    void advanceControls(long seq) {
        controls.accumulateAndGet(seq, Math::max);
    }
}
