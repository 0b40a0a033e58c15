package dev.wstest.record;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Incremental RFC 6455 frame parser for one direction of a connection. It is fed bytes exactly as they
 * crossed the wire (after TLS, before any WebSocket processing) and hands out whole frames, unmasked.
 * Not thread-safe: each direction has its own instance and its caller serialises access.
 */
final class WireDecoder {

    interface FrameSink {
        void frame(boolean fin, int rsv, int opcode, byte[] payload, long declaredLength);

        void garbage(String problem);
    }

    private byte[] buf = new byte[256];
    private int len;
    private boolean desynced;

    void feed(ByteBuffer data, FrameSink sink) {
        if (desynced) {
            return;
        }
        ByteBuffer in = data.duplicate();
        int n = in.remaining();
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        in.get(buf, len, n);
        len += n;
        int pos = 0;
        while (true) {
            int consumed = parseOne(pos, sink);
            if (consumed <= 0) {
                break;
            }
            pos += consumed;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
        }
        if (buf.length > 1024 * 1024 && len < buf.length / 4) {
            buf = Arrays.copyOf(buf, Math.max(256, len * 2));
        }
    }

    /** Parses one frame at pos; returns bytes consumed, 0 if incomplete, -1 if the stream is unusable. */
    private int parseOne(int pos, FrameSink sink) {
        int avail = len - pos;
        if (avail < 2) {
            return 0;
        }
        int b0 = buf[pos] & 0xff;
        int b1 = buf[pos + 1] & 0xff;
        boolean masked = (b1 & 0x80) != 0;
        long payloadLen = b1 & 0x7f;
        int header = 2;
        if (payloadLen == 126) {
            if (avail < 4) {
                return 0;
            }
            payloadLen = ((buf[pos + 2] & 0xffL) << 8) | (buf[pos + 3] & 0xffL);
            header = 4;
        } else if (payloadLen == 127) {
            if (avail < 10) {
                return 0;
            }
            payloadLen = 0;
            for (int i = 0; i < 8; i++) {
                payloadLen = (payloadLen << 8) | (buf[pos + 2 + i] & 0xffL);
            }
            header = 10;
            if (payloadLen < 0 || payloadLen > Integer.MAX_VALUE - 64) {
                desynced = true;
                sink.garbage("frame declares a payload of " + Long.toUnsignedString(payloadLen)
                        + " bytes; the recorder stops decoding this direction");
                return -1;
            }
        }
        int maskOffset = pos + header;
        if (masked) {
            header += 4;
        }
        long total = header + payloadLen;
        if (avail < total) {
            return 0;
        }
        int start = pos + header;
        byte[] payload = Arrays.copyOfRange(buf, start, start + (int) payloadLen);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= buf[maskOffset + (i & 3)];
            }
        }
        sink.frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0f, payload, payloadLen);
        return (int) total;
    }
}
