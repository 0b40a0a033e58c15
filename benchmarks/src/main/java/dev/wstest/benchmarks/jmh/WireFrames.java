package dev.wstest.benchmarks.jmh;

/**
 * Encodes final text frames (RFC 6455 section 5.2) for the recorder benchmarks. Written here rather than
 * taken from ws-test's codec so the benchmark measures the recorder, not the code that prepared its input.
 */
public final class WireFrames {

    private WireFrames() {
    }

    /** A FIN text frame carrying {@code payload}, masked with {@code key} when it is not null. */
    public static byte[] text(byte[] payload, byte[] key) {
        int n = payload.length;
        int lengthBytes = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
        int header = 2 + lengthBytes + (key == null ? 0 : 4);
        byte[] out = new byte[header + n];
        out[0] = (byte) 0x81;
        int mask = key == null ? 0 : 0x80;
        int at;
        if (lengthBytes == 0) {
            out[1] = (byte) (mask | n);
            at = 2;
        } else if (lengthBytes == 2) {
            out[1] = (byte) (mask | 126);
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
            at = 4;
        } else {
            out[1] = (byte) (mask | 127);
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
            at = 10;
        }
        if (key != null) {
            System.arraycopy(key, 0, out, at, 4);
            at += 4;
        }
        for (int i = 0; i < n; i++) {
            out[at + i] = key == null ? payload[i] : (byte) (payload[i] ^ key[i & 3]);
        }
        return out;
    }
}
