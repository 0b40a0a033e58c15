package dev.wstest.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Incremental frame decoder for one direction of a connection: feed it bytes as they arrive, take whole
 * frames out with {@link #next()}. Any header is accepted (reserved bits, reserved opcodes, masked or
 * not, non-minimal lengths); only what cannot be a frame is rejected with {@link WsProtocolException}:
 * a 64-bit length with its most significant bit set, or a payload above the configured limit. After such
 * an error the stream is unusable and every further call throws again.
 *
 * <p>Decoded frames keep the masking key they arrived with and hand out the unmasked payload. Not
 * thread-safe.
 */
public final class FrameDecoder {

    /** The payload limit of {@link #FrameDecoder()}: 64 MiB. */
    public static final long DEFAULT_MAX_PAYLOAD = 64L * 1024 * 1024;

    private static final int SHRINK_ABOVE = 1024 * 1024;

    private final long maxPayload;
    private byte[] buf = new byte[512];
    private int start;
    private int end;
    private WsProtocolException failure;

    public FrameDecoder() {
        this(DEFAULT_MAX_PAYLOAD);
    }

    /** @param maxPayload the largest payload accepted, at most {@code Integer.MAX_VALUE - 16} */
    public FrameDecoder(long maxPayload) {
        if (maxPayload < 0 || maxPayload > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxPayload must be between 0 and " + (Integer.MAX_VALUE - 16));
        }
        this.maxPayload = maxPayload;
    }

    public void feed(byte[] data, int offset, int length) {
        ensure(length);
        System.arraycopy(data, offset, buf, end, length);
        end += length;
    }

    /** Feeds the buffer's remaining bytes; its position is not changed. */
    public void feed(ByteBuffer data) {
        ByteBuffer in = data.duplicate();
        int n = in.remaining();
        ensure(n);
        in.get(buf, end, n);
        end += n;
    }

    /** Bytes fed but not yet returned as frames. */
    public int buffered() {
        return end - start;
    }

    /**
     * The next whole frame, or null if more bytes are needed.
     *
     * @throws WsProtocolException if the buffered bytes cannot be a frame
     */
    public Frame next() {
        if (failure != null) {
            throw failure;
        }
        int avail = end - start;
        if (avail < 2) {
            return null;
        }
        int b0 = buf[start] & 0xff;
        int b1 = buf[start + 1] & 0xff;
        boolean masked = (b1 & 0x80) != 0;
        long len = b1 & 0x7f;
        int header = 2;
        Frame.LengthEncoding used = Frame.LengthEncoding.BITS_7;
        if (len == 126) {
            if (avail < 4) {
                return null;
            }
            len = ((buf[start + 2] & 0xffL) << 8) | (buf[start + 3] & 0xffL);
            header = 4;
            used = Frame.LengthEncoding.BITS_16;
        } else if (len == 127) {
            if (avail < 10) {
                return null;
            }
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | (buf[start + 2 + i] & 0xffL);
            }
            header = 10;
            used = Frame.LengthEncoding.BITS_64;
            if (len < 0) {
                throw fail("64-bit payload length " + Long.toUnsignedString(len) + " has its most significant bit"
                        + " set (RFC 6455 section 5.2)");
            }
        }
        if (len > maxPayload) {
            throw fail("frame declares a payload of " + len + " bytes, above the limit of " + maxPayload);
        }
        int keyAt = start + header;
        if (masked) {
            header += 4;
        }
        if (avail < header + len) {
            return null;
        }
        int n = (int) len;
        byte[] payload = Arrays.copyOfRange(buf, start + header, start + header + n);
        byte[] key = null;
        if (masked) {
            key = Arrays.copyOfRange(buf, keyAt, keyAt + 4);
            FrameCodec.mask(payload, key);
        }
        start += header + n;
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > SHRINK_ABOVE) {
                buf = new byte[512]; // do not hold a large message's buffer for the life of the connection
            }
        }
        Frame.LengthEncoding encoding = used == FrameCodec.minimalFor(n) ? Frame.LengthEncoding.MINIMAL : used;
        return Frame.decoded((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xf, payload, key, encoding);
    }

    String describeNeed() {
        return end - start < 2 ? "a frame header needs at least 2" : "the header or payload is cut short";
    }

    private WsProtocolException fail(String message) {
        failure = new WsProtocolException(message);
        return failure;
    }

    private void ensure(int more) {
        if (end + more <= buf.length) {
            return;
        }
        int live = end - start;
        if (live + more <= buf.length && start > 0) {
            System.arraycopy(buf, start, buf, 0, live);
        } else {
            byte[] bigger = new byte[Math.max(buf.length * 2, live + more)];
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
        }
        start = 0;
        end = live;
    }
}
