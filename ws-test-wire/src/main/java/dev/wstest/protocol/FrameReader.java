package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Streaming frame parser for one direction of a connection: feed it bytes as they arrive and it calls a
 * {@link Handler} for each frame header, for each piece of payload as it arrives and for each whole frame.
 * Any header is accepted (reserved bits and opcodes, masked or not, non-minimal lengths); only what cannot
 * be a frame fails: a 64-bit length with its most significant bit set, or a payload above the limit.
 *
 * <p>Payload bytes are copied once, from the input straight into the array the handler receives, and
 * unmasked in that array. Up to {@value #EXACT_ALLOCATION} bytes the array is allocated at its final size
 * when the header arrives; larger payloads grow with the bytes that actually arrive, so a header that
 * declares a huge length costs nothing until the bytes come.
 *
 * <p>A handler can stop the reader (for instance at a frame that breaks a protocol rule); {@link #feed}
 * then says how many bytes of that buffer came before the frame it stopped at. Not thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FrameReader {

    /** Payloads up to this size get their final array as soon as the header has arrived. */
    public static final int EXACT_ALLOCATION = 256 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Receives what the reader decodes. Returning false from any method stops the reader for good. */
    public interface Handler {
        /** A frame header arrived; its payload follows. */
        default boolean header(FrameHeader header) {
            return true;
        }

        /**
         * More payload arrived: {@code payload[from..to)} holds the new bytes, unmasked. The array may be
         * replaced by a larger one as the frame grows; only the range is news.
         */
        default boolean payload(FrameHeader header, byte[] payload, int from, int to) {
            return true;
        }

        /** The whole frame arrived. The payload array (unmasked, exactly the payload length) is the handler's. */
        boolean frame(FrameHeader header, byte[] payload);
    }

    /** Why the stream cannot be decoded any further. */
    public enum Problem {
        /** A 64-bit payload length with its most significant bit set (RFC 6455 section 5.2). */
        LENGTH_MSB_SET,
        /** A payload longer than this reader's limit. */
        ABOVE_LIMIT
    }

    private final long maxPayload;
    private final byte[] header = new byte[14];
    private int headerFilled;
    private FrameHeader current;
    private byte[] payload;
    private int payloadFilled;
    private boolean stopped;
    private Problem problem;
    private WsProtocolException failure;
    private int failureOffset;

    /** @param maxPayload the largest payload accepted, at most {@code Integer.MAX_VALUE - 16} */
    public FrameReader(long maxPayload) {
        if (maxPayload < 0 || maxPayload > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxPayload must be between 0 and " + (Integer.MAX_VALUE - 16));
        }
        this.maxPayload = maxPayload;
    }

    /**
     * Parses the buffer's remaining bytes (its position is not changed), calling the handler as frames
     * arrive.
     *
     * @return how many of the bytes the reader took before a handler stopped it: the offset, in this
     *         buffer, of the first byte of the frame it stopped at (0 when that frame began in an earlier
     *         buffer), or all of them when nothing stopped it. Once stopped, the reader takes nothing more.
     * @throws WsProtocolException once the bytes cannot be a frame (see {@link #problem()}); frames before
     *                             them have been handed to the handler. Later calls throw it again.
     */
    public int feed(ByteBuffer data, Handler handler) {
        if (failure != null) {
            throw failure;
        }
        if (stopped) {
            return 0;
        }
        // Absolute reads at a cursor of our own: the caller's buffer is left as it is, and nothing is
        // allocated per call (a duplicate() per buffer was a third of what recording a small frame allocated).
        int start = data.position();
        int limit = data.limit();
        int at = start;
        // offset in this buffer where the frame being parsed began; 0 if it began in an earlier buffer
        int frameStart = current == null && headerFilled == 0 ? 0 : -1;
        while (at < limit) {
            if (current == null) {
                if (headerFilled == 0) {
                    frameStart = at - start;
                }
                try {
                    at = readHeader(data, at, limit);
                } catch (WsProtocolException e) {
                    failureOffset = Math.max(0, frameStart);
                    throw e;
                }
                if (current == null) {
                    break;
                }
                if (!handler.header(current)) {
                    return stop(frameStart);
                }
                if (payloadFilled == current.payloadLength()) {
                    if (!complete(handler)) {
                        return stop(frameStart);
                    }
                    continue;
                }
            }
            int from = payloadFilled;
            int n = (int) Math.min(limit - at, current.payloadLength() - payloadFilled);
            ensureCapacity(payloadFilled + n);
            data.get(at, payload, payloadFilled, n);
            at += n;
            if (current.masked()) {
                unmask(payload, from, from + n, current.maskKey());
            }
            payloadFilled += n;
            if (!handler.payload(current, payload, from, payloadFilled)) {
                return stop(frameStart);
            }
            if (payloadFilled == current.payloadLength() && !complete(handler)) {
                return stop(frameStart);
            }
        }
        return data.remaining();
    }

    /** Whether a handler stopped the reader. */
    public boolean isStopped() {
        return stopped;
    }

    /** Why the stream could not be decoded, or null while it can. */
    public Problem problem() {
        return problem;
    }

    /**
     * Where the undecodable frame began: its offset in the buffer whose feed threw (0 when it began in an
     * earlier buffer).
     */
    public int failureOffset() {
        return failureOffset;
    }

    /** Bytes taken of the frame being parsed (header and payload so far); 0 between frames. */
    public long partialFrameBytes() {
        return current == null ? headerFilled : current.headerLength() + payloadFilled;
    }

    /** The header of the frame whose payload is arriving, or null between frames and inside a header. */
    public FrameHeader currentHeader() {
        return current;
    }

    private int stop(int frameStart) {
        stopped = true;
        return Math.max(0, frameStart);
    }

    private boolean complete(Handler handler) {
        FrameHeader h = current;
        byte[] p = payload == null ? EMPTY : payload.length == payloadFilled ? payload
                : Arrays.copyOf(payload, payloadFilled);
        current = null;
        payload = null;
        payloadFilled = 0;
        headerFilled = 0;
        return handler.frame(h, p);
    }

    /**
     * Reads header bytes from {@code data[at..limit)}; {@link #current} holds the header once it is complete.
     * Returns the index after the bytes taken.
     */
    private int readHeader(ByteBuffer data, int at, int limit) {
        while (headerFilled < 2) {
            if (at == limit) {
                return at;
            }
            header[headerFilled++] = data.get(at++);
        }
        int b1 = header[1] & 0xff;
        int lengthField = b1 & 0x7f;
        int needed = 2 + (lengthField == 126 ? 2 : lengthField == 127 ? 8 : 0) + ((b1 & 0x80) != 0 ? 4 : 0);
        while (headerFilled < needed) {
            if (at == limit) {
                return at;
            }
            header[headerFilled++] = data.get(at++);
        }
        long length = lengthField;
        Frame.LengthEncoding used = Frame.LengthEncoding.BITS_7;
        int p = 2;
        if (lengthField == 126) {
            length = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
            used = Frame.LengthEncoding.BITS_16;
            p = 4;
        } else if (lengthField == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (header[2 + i] & 0xffL);
            }
            used = Frame.LengthEncoding.BITS_64;
            p = 10;
            if (length < 0) {
                throw fail(Problem.LENGTH_MSB_SET, "64-bit payload length " + Long.toUnsignedString(length)
                        + " has its most significant bit set (RFC 6455 section 5.2)");
            }
        }
        if (length > maxPayload) {
            throw fail(Problem.ABOVE_LIMIT, "frame declares a payload of " + length + " bytes, above the limit of "
                    + maxPayload);
        }
        boolean masked = (b1 & 0x80) != 0;
        int key = masked ? ((header[p] & 0xff) << 24) | ((header[p + 1] & 0xff) << 16) | ((header[p + 2] & 0xff) << 8)
                | (header[p + 3] & 0xff) : 0;
        int b0 = header[0] & 0xff;
        Frame.LengthEncoding encoding = used == FrameCodec.minimalFor(length) ? Frame.LengthEncoding.MINIMAL : used;
        current = new FrameHeader((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xf, masked, key, length, encoding, needed);
        payloadFilled = 0;
        payload = length == 0 ? null : new byte[(int) Math.min(length, EXACT_ALLOCATION)];
        return at;
    }

    private void ensureCapacity(int size) {
        if (payload.length >= size) {
            return;
        }
        long grown = Math.max(size, Math.min(current.payloadLength(), (long) payload.length * 2));
        payload = Arrays.copyOf(payload, (int) grown);
    }

    private WsProtocolException fail(Problem kind, String message) {
        problem = kind;
        failure = new WsProtocolException(message);
        return failure;
    }

    /**
     * XORs {@code data[from..to)} with the key, where positions are offsets within the payload; eight bytes
     * at a time where it can.
     */
    static void unmask(byte[] data, int from, int to, int key) {
        unmask(data, from, to, from, key);
    }

    /**
     * XORs {@code data[from..to)} with the key (big-endian, as on the wire), where {@code data[from]} is the
     * payload byte at offset {@code payloadOffset}; eight bytes at a time where it can.
     */
    static void unmask(byte[] data, int from, int to, long payloadOffset, int key) {
        int phase = (int) (payloadOffset & 3);
        int rotated = Integer.rotateLeft(key, 8 * phase);
        long wide = ((long) rotated << 32) | (rotated & 0xffffffffL);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            LONGS.set(data, i, (long) LONGS.get(data, i) ^ wide);
        }
        for (int k = (int) ((phase + (i - from)) & 3); i < to; i++, k = (k + 1) & 3) {
            data[i] ^= (byte) (key >>> (8 * (3 - k)));
        }
    }
}
