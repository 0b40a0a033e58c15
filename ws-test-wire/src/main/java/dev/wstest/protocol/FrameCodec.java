package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Encodes frames to their wire bytes and decodes single frames (RFC 6455 section 5.2). Encoding writes
 * exactly what the {@link Frame} says, legal or not; decoding accepts anything that can be parsed as a
 * frame header and reports the rest as {@link WsProtocolException}. For streams use {@link FrameDecoder}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FrameCodec {

    private FrameCodec() {
    }

    /** The frame's bytes on the wire: header, masking key if any, and the (masked) payload. */
    public static byte[] encode(Frame frame) {
        byte[] payload = frame.payloadUnsafe();
        int n = payload.length;
        Frame.LengthEncoding enc = frame.lengthEncoding();
        if (enc == Frame.LengthEncoding.MINIMAL) {
            enc = minimalFor(n);
        }
        int lengthBytes = enc == Frame.LengthEncoding.BITS_7 ? 0 : enc == Frame.LengthEncoding.BITS_16 ? 2 : 8;
        byte[] key = frame.maskKey();
        int header = 2 + lengthBytes + (key == null ? 0 : 4);
        byte[] out = new byte[header + n];
        out[0] = (byte) ((frame.isFin() ? 0x80 : 0) | (frame.rsv() << 4) | frame.opcode());
        int maskBit = key == null ? 0 : 0x80;
        int p = 2;
        switch (enc) {
            case BITS_7:
                out[1] = (byte) (maskBit | n);
                break;
            case BITS_16:
                out[1] = (byte) (maskBit | 126);
                out[p++] = (byte) (n >>> 8);
                out[p++] = (byte) n;
                break;
            default:
                out[1] = (byte) (maskBit | 127);
                long len = n;
                for (int i = 7; i >= 0; i--) {
                    out[p++] = (byte) (len >>> (8 * i));
                }
        }
        if (key != null) {
            System.arraycopy(key, 0, out, p, 4);
            p += 4;
        }
        System.arraycopy(payload, 0, out, p, n);
        if (key != null) {
            FrameReader.unmask(out, p, p + n, 0, keyInt(key));
        }
        return out;
    }

    /**
     * Decodes exactly one frame that fills {@code bytes}.
     *
     * @throws WsProtocolException if the bytes are not one whole frame (incomplete, or bytes left over)
     */
    public static Frame decode(byte[] bytes) {
        FrameDecoder decoder = new FrameDecoder();
        decoder.feed(bytes, 0, bytes.length);
        Frame f = decoder.next();
        if (f == null) {
            throw new WsProtocolException("incomplete frame: " + bytes.length + " bytes, "
                    + decoder.describeNeed());
        }
        if (decoder.buffered() > 0) {
            throw new WsProtocolException(decoder.buffered() + " bytes left over after one frame of "
                    + (bytes.length - decoder.buffered()) + " bytes");
        }
        return f;
    }

    /** XORs {@code data} in place with the masking key, starting at key offset 0 (RFC 6455 section 5.3). */
    public static void mask(byte[] data, byte[] key) {
        if (key == null || key.length != 4) {
            throw new IllegalArgumentException("a masking key is exactly 4 bytes");
        }
        FrameReader.unmask(data, 0, data.length, 0, keyInt(key));
    }

    private static int keyInt(byte[] key) {
        return ((key[0] & 0xff) << 24) | ((key[1] & 0xff) << 16) | ((key[2] & 0xff) << 8) | (key[3] & 0xff);
    }

    /** Unmasks a copy of {@code data}; masking and unmasking are the same operation. */
    public static byte[] unmask(byte[] data, byte[] key) {
        byte[] copy = Arrays.copyOf(data, data.length);
        mask(copy, key);
        return copy;
    }

    /** How many bytes {@link #encode(Frame)} writes for this frame. */
    static int encodedLength(Frame frame) {
        int n = frame.payloadLength();
        Frame.LengthEncoding enc = frame.lengthEncoding();
        if (enc == Frame.LengthEncoding.MINIMAL) {
            enc = minimalFor(n);
        }
        int lengthBytes = enc == Frame.LengthEncoding.BITS_7 ? 0 : enc == Frame.LengthEncoding.BITS_16 ? 2 : 8;
        return 2 + lengthBytes + (frame.isMasked() ? 4 : 0) + n;
    }

    static Frame.LengthEncoding minimalFor(long n) {
        return n <= 125 ? Frame.LengthEncoding.BITS_7 : n <= 0xFFFF ? Frame.LengthEncoding.BITS_16
                : Frame.LengthEncoding.BITS_64;
    }
}
