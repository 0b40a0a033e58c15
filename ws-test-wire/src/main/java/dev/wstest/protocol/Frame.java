package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One WebSocket frame, legal or not: any FIN flag, any combination of RSV1-3, any 4-bit opcode, masked
 * with a given key or not, and the payload-length encoding to use on the wire. The payload is held
 * unmasked. Instances are immutable; the {@code with*} methods return copies.
 *
 * <pre>{@code
 * Frame.text("hello").masked()                  // what a client must send
 * Frame.text("fragment").fin(false).rsv(0b100)  // RSV1 set, first fragment
 * Frame.of(0x3, new byte[0])                    // reserved opcode
 * Frame.binary(data).lengthEncoding(LengthEncoding.BITS_64) // non-minimal length
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Frame {

    /** How the payload length is written in the header (RFC 6455 section 5.2). */
    public enum LengthEncoding {
        /** The shortest form: 7 bits up to 125, 16 bits up to 65535, else 64 bits (what the RFC requires). */
        MINIMAL,
        /** 7-bit length field; only valid for payloads up to 125 bytes. */
        BITS_7,
        /** 16-bit extended length (marker 126), also for payloads that would fit in 7 bits. */
        BITS_16,
        /** 64-bit extended length (marker 127), also for payloads that would fit in fewer bits. */
        BITS_64
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EMPTY = new byte[0];

    private final boolean fin;
    private final int rsv;
    private final int opcode;
    private final byte[] payload;
    private final byte[] maskKey;
    private final LengthEncoding lengthEncoding;

    private Frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] maskKey, LengthEncoding lengthEncoding) {
        this.fin = fin;
        this.rsv = rsv;
        this.opcode = opcode;
        this.payload = payload;
        this.maskKey = maskKey;
        this.lengthEncoding = lengthEncoding;
    }

    /** A final, unmasked frame with the given opcode (0-15) and payload. */
    public static Frame of(int opcode, byte[] payload) {
        return new Frame(true, 0, Opcode.check(opcode), copy(payload), null, LengthEncoding.MINIMAL);
    }

    public static Frame text(String text) {
        return of(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text frame with arbitrary bytes as payload, e.g. invalid UTF-8. */
    public static Frame text(byte[] utf8) {
        return of(Opcode.TEXT, utf8);
    }

    public static Frame binary(byte[] data) {
        return of(Opcode.BINARY, data);
    }

    public static Frame continuation(byte[] data) {
        return of(Opcode.CONTINUATION, data);
    }

    public static Frame continuation(String text) {
        return of(Opcode.CONTINUATION, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame ping(byte[] payload) {
        return of(Opcode.PING, payload);
    }

    public static Frame pong(byte[] payload) {
        return of(Opcode.PONG, payload);
    }

    /** A close frame without a payload (no status code). */
    public static Frame close() {
        return of(Opcode.CLOSE, EMPTY);
    }

    /** A close frame with a code and reason, written without checking them (see {@link ClosePayload}). */
    public static Frame close(int code, String reason) {
        return of(Opcode.CLOSE, ClosePayload.encodeUnchecked(code, reason.getBytes(StandardCharsets.UTF_8)));
    }

    public Frame fin(boolean newFin) {
        return new Frame(newFin, rsv, opcode, payload, maskKey, lengthEncoding);
    }

    /** RSV bits as a 3-bit number: RSV1 = 0b100, RSV2 = 0b010, RSV3 = 0b001. */
    public Frame rsv(int newRsv) {
        if (newRsv < 0 || newRsv > 7) {
            throw new IllegalArgumentException("rsv " + newRsv + " does not fit in 3 bits (0-7)");
        }
        return new Frame(fin, newRsv, opcode, payload, maskKey, lengthEncoding);
    }

    public Frame opcode(int newOpcode) {
        return new Frame(fin, rsv, Opcode.check(newOpcode), payload, maskKey, lengthEncoding);
    }

    /** Masked with a fresh random key (RFC 6455 section 5.3). */
    public Frame masked() {
        byte[] key = new byte[4];
        RANDOM.nextBytes(key);
        return masked(key);
    }

    /** Masked with the given 4-byte key. */
    public Frame masked(byte[] key) {
        if (key == null || key.length != 4) {
            throw new IllegalArgumentException("a masking key is exactly 4 bytes");
        }
        return new Frame(fin, rsv, opcode, payload, key.clone(), lengthEncoding);
    }

    public Frame unmasked() {
        return new Frame(fin, rsv, opcode, payload, null, lengthEncoding);
    }

    public Frame lengthEncoding(LengthEncoding encoding) {
        Objects.requireNonNull(encoding, "encoding");
        if (encoding == LengthEncoding.BITS_7 && payload.length > 125) {
            throw new IllegalArgumentException("a " + payload.length + "-byte payload does not fit the 7-bit length");
        }
        if (encoding == LengthEncoding.BITS_16 && payload.length > 0xFFFF) {
            throw new IllegalArgumentException("a " + payload.length + "-byte payload does not fit the 16-bit length");
        }
        return new Frame(fin, rsv, opcode, payload, maskKey, encoding);
    }

    public boolean isFin() {
        return fin;
    }

    /** RSV bits as a 3-bit number (RSV1 = 0b100). */
    public int rsv() {
        return rsv;
    }

    public int opcode() {
        return opcode;
    }

    public boolean isControl() {
        return Opcode.isControl(opcode);
    }

    /** The unmasked payload (a copy). */
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** The payload decoded as UTF-8, malformed input replaced (for display). */
    public String payloadAsText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public boolean isMasked() {
        return maskKey != null;
    }

    /** The masking key, or null when unmasked. */
    public byte[] maskKey() {
        return maskKey == null ? null : maskKey.clone();
    }

    public LengthEncoding lengthEncoding() {
        return lengthEncoding;
    }

    /** The encoded bytes, as {@link FrameCodec#encode(Frame)}. */
    public byte[] toBytes() {
        return FrameCodec.encode(this);
    }

    byte[] payloadUnsafe() {
        return payload;
    }

    static Frame decoded(boolean fin, int rsv, int opcode, byte[] payload, byte[] maskKey, LengthEncoding encoding) {
        return new Frame(fin, rsv, opcode, payload, maskKey, encoding);
    }

    private static byte[] copy(byte[] b) {
        return b == null ? EMPTY : b.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Frame)) {
            return false;
        }
        Frame f = (Frame) o;
        return fin == f.fin && rsv == f.rsv && opcode == f.opcode && Arrays.equals(payload, f.payload)
                && Arrays.equals(maskKey, f.maskKey) && lengthEncoding == f.lengthEncoding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fin, rsv, opcode, Arrays.hashCode(payload), Arrays.hashCode(maskKey), lengthEncoding);
    }

    /** E.g. {@code TEXT fin rsv=0b100 masked 5 bytes "hello"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Opcode.name(opcode));
        sb.append(fin ? " fin" : " nofin");
        if (rsv != 0) {
            sb.append(" rsv=0b").append(String.format("%3s", Integer.toBinaryString(rsv)).replace(' ', '0'));
        }
        if (maskKey != null) {
            sb.append(" masked");
        }
        if (lengthEncoding != LengthEncoding.MINIMAL) {
            sb.append(" len=").append(lengthEncoding);
        }
        sb.append(' ').append(payload.length).append(payload.length == 1 ? " byte" : " bytes");
        if (payload.length > 0) {
            sb.append(' ').append(preview(opcode, payload));
        }
        return sb.toString();
    }

    /**
     * A short printable rendering for transcripts: the code and reason of a close payload, quoted text when
     * the bytes are printable UTF-8, else hex. {@code opcode} may be {@code -1} for bytes that are no payload.
     */
    public static String preview(int opcode, byte[] payload) {
        if (opcode == Opcode.CLOSE && payload.length >= 2) {
            int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            String reason = Utf8Validator.isValid(payload, 2, payload.length) 
                    ? quote(new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)) : hex(payload, 2);
            return "code " + code + (payload.length > 2 ? " " + reason : "");
        }
        if (Utf8Validator.isValid(payload, 0, payload.length) && printable(payload)) {
            return quote(new String(payload, StandardCharsets.UTF_8));
        }
        return hex(payload, 0);
    }

    private static boolean printable(byte[] b) {
        for (byte x : b) {
            if ((x & 0xff) < 0x20 && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "\"";
    }

    private static String hex(byte[] b, int from) {
        StringBuilder sb = new StringBuilder("0x");
        int n = Math.min(b.length, from + 24);
        for (int i = from; i < n; i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        if (b.length > n) {
            sb.append("...");
        }
        return sb.toString();
    }
}
