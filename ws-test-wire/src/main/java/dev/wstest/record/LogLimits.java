package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How much of a long conversation a {@link FrameLog} keeps: its first events, its last events, and at most
 * so many payload bytes in all. Events in between are dropped as new ones arrive and the log shows where:
 * {@code … 12,345 events elided (log limits: ...) …}. What is dropped is gone for expectations too; the
 * sequence numbers of the remaining events do not change.
 *
 * <p>The first events stop at {@code firstEvents} or at a quarter of {@code maxPayloadBytes}, whichever
 * comes first; the last events give up their oldest to stay within {@code lastEvents} and the rest of the
 * byte budget, but the newest event is always kept, whatever its size.
 *
 * @param firstEvents     events kept from the start of the connection
 * @param lastEvents      most recent events kept (at least 1)
 * @param maxPayloadBytes payload bytes kept in all
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LogLimits(int firstEvents, int lastEvents, long maxPayloadBytes) {

    /**
     * The default for clients and server connections: the first 1,000 and the last 10,000 events, at most
     * 16 MiB of payload. A test conversation fits whole; a soak test or a long-running server stays flat.
     */
    public static final LogLimits DEFAULT = new LogLimits(1_000, 10_000, 16L * 1024 * 1024);

    private static final LogLimits KEEP_ALL = new LogLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);

    public LogLimits {
        if (firstEvents < 0) {
            throw new IllegalArgumentException("firstEvents must not be negative, was " + firstEvents);
        }
        if (lastEvents < 1) {
            throw new IllegalArgumentException("lastEvents must be at least 1 (the newest event is always kept), was "
                    + lastEvents);
        }
        if (maxPayloadBytes < 0) {
            throw new IllegalArgumentException("maxPayloadBytes must not be negative, was " + maxPayloadBytes);
        }
    }

    /** No limits: the log keeps everything until the connection object is dropped. */
    public static LogLimits keepAll() {
        return KEEP_ALL;
    }

    /** Whether these limits never drop anything. */
    public boolean keepsAll() {
        return firstEvents == Integer.MAX_VALUE && lastEvents == Integer.MAX_VALUE
                && maxPayloadBytes == Long.MAX_VALUE;
    }

    /** "first 1,000, last 10,000 events, 16 MiB", as the elision marker shows it. */
    @Override
    public String toString() {
        if (keepsAll()) {
            return "keep all";
        }
        return String.format(Locale.ROOT, "first %,d, last %,d events, %s", firstEvents, lastEvents,
                bytes(maxPayloadBytes));
    }

    private static String bytes(long n) {
        if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) {
            return String.format(Locale.ROOT, "%,d MiB", n / (1024 * 1024));
        }
        if (n >= 1024 && n % 1024 == 0) {
            return String.format(Locale.ROOT, "%,d KiB", n / 1024);
        }
        return String.format(Locale.ROOT, "%,d bytes", n);
    }
}
