package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a message goes on the wire: whole in one frame, split into fragments (a first frame and
 * continuations), with a ping between the fragments, and/or written to TCP in chunks with pauses in
 * between (so the client reads a frame in pieces).
 *
 * <pre>{@code
 * Delivery.whole()                                  // one frame, one write
 * Delivery.inFragments(3)                           // three frames of about equal size
 * Delivery.inFramesOf(10)                           // frames of 10 payload bytes (the last may be shorter)
 * Delivery.inFragments(2).withPingBetweenFragments() // TEXT(fin=0) PING CONT(fin=1): legal, RFC 6455 5.4
 * Delivery.whole().inTcpChunksOf(1, Duration.ofMillis(5))  // one byte per TCP write, 5 ms apart
 * }</pre>
 *
 * @param fragments        how many frames the message is split into (1: whole); ignored when frameBytes > 0
 * @param frameBytes       payload bytes per frame (0: split by {@code fragments} instead)
 * @param pingBetweenFragments whether a ping goes after the first fragment
 * @param tcpChunkBytes    bytes per TCP write (0: each frame in one write)
 * @param chunkPause       pause between TCP writes
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Delivery(int fragments, int frameBytes, boolean pingBetweenFragments, int tcpChunkBytes,
                       Duration chunkPause) {

    private static final Delivery WHOLE = new Delivery(1, 0, false, 0, Duration.ZERO);

    public Delivery {
        if (fragments < 1) {
            throw new IllegalArgumentException("fragments must be at least 1, was " + fragments);
        }
        if (frameBytes < 0 || tcpChunkBytes < 0) {
            throw new IllegalArgumentException("byte counts must not be negative");
        }
        Objects.requireNonNull(chunkPause, "chunkPause");
        if (chunkPause.isNegative()) {
            throw new IllegalArgumentException("chunkPause must not be negative");
        }
    }

    /** One frame, one write. */
    public static Delivery whole() {
        return WHOLE;
    }

    /** Split into {@code n} frames of about equal size. */
    public static Delivery inFragments(int n) {
        return new Delivery(n, 0, false, 0, Duration.ZERO);
    }

    /** Split into frames of {@code bytes} payload bytes each (the last one may be shorter). */
    public static Delivery inFramesOf(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("frames of at least 1 byte, was " + bytes);
        }
        return new Delivery(1, bytes, false, 0, Duration.ZERO);
    }

    /** The same, with a ping after the first fragment (a message needs at least two fragments for it). */
    public Delivery withPingBetweenFragments() {
        return new Delivery(fragments, frameBytes, true, tcpChunkBytes, chunkPause);
    }

    /** The same, written to TCP {@code bytes} at a time with {@code pause} between writes. */
    public Delivery inTcpChunksOf(int bytes, Duration pause) {
        if (bytes < 1) {
            throw new IllegalArgumentException("TCP chunks of at least 1 byte, was " + bytes);
        }
        return new Delivery(fragments, frameBytes, pingBetweenFragments, bytes, pause);
    }

    /** Whether the message goes as one frame. */
    public boolean isWhole() {
        return fragments == 1 && frameBytes == 0;
    }
}
