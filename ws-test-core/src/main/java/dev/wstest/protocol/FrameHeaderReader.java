package dev.wstest.protocol;

import java.nio.ByteBuffer;

/**
 * Follows the frame headers of a byte stream as it arrives, without keeping any payload: for each frame it
 * reports FIN, opcode and the declared payload length as soon as the header is complete, which is long before
 * a large payload has arrived. Used to refuse a message that is too big before buffering it. Headers may be
 * split across chunks. Not thread-safe; feed one direction in order.
 */
public final class FrameHeaderReader {

    /** Receives each frame header. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param headerStart where the header starts in the current chunk (relative to its position), or 0 if it
         *                    began in an earlier chunk
         * @return whether to go on reading (false stops at this header)
         */
        boolean header(int headerStart, boolean fin, int opcode, long payloadLength);
    }

    private final byte[] header = new byte[14];
    private int have;
    private int headerStart;
    private long skip;

    /**
     * Reads the chunk's remaining bytes (its position is not changed), reporting each header completed in it.
     *
     * @return the offset (relative to the position) of the header at which the listener stopped, or -1
     */
    public int feed(ByteBuffer chunk, Listener listener) {
        int base = chunk.position();
        int n = chunk.remaining();
        int i = 0;
        while (i < n) {
            if (skip > 0) {
                int step = (int) Math.min(skip, n - i);
                skip -= step;
                i += step;
                continue;
            }
            if (have == 0) {
                headerStart = i;
            }
            header[have++] = chunk.get(base + i);
            i++;
            int need = needed();
            if (have < need) {
                continue;
            }
            long length = length();
            int start = headerStart;
            have = 0;
            headerStart = 0;
            skip = length;
            if (!listener.header(start, (header[0] & 0x80) != 0, header[0] & 0x0f, length)) {
                return start;
            }
        }
        if (have > 0) {
            headerStart = 0; // continues in the next chunk
        }
        return -1;
    }

    private int needed() {
        if (have < 2) {
            return 2;
        }
        int len7 = header[1] & 0x7f;
        int mask = (header[1] & 0x80) != 0 ? 4 : 0;
        return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + mask;
    }

    private long length() {
        int len7 = header[1] & 0x7f;
        if (len7 == 126) {
            return ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
        }
        if (len7 == 127) {
            long len = 0;
            for (int k = 0; k < 8; k++) {
                len = (len << 8) | (header[2 + k] & 0xffL);
            }
            return len < 0 ? Long.MAX_VALUE : len;
        }
        return len7;
    }
}
