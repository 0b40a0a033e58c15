package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apiguardian.api.API;

/**
 * Strict, incremental UTF-8 validation as RFC 6455 requires for text messages and close reasons (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF). Feed a message in pieces to learn as early
 * as possible that it can no longer be valid, which is what "fail fast" in the conformance suite checks.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Utf8Validator {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private int needed;
    private int lower = 0x80;
    private int upper = 0xBF;
    private boolean invalid;
    private long fed;
    private long invalidAt = -1;

    /** Whether the whole array is valid UTF-8. */
    public static boolean isValid(byte[] bytes) {
        return isValid(bytes, 0, bytes.length);
    }

    /** Whether {@code bytes[from..to)} is valid UTF-8. */
    public static boolean isValid(byte[] bytes, int from, int to) {
        Utf8Validator v = new Utf8Validator();
        return v.feed(bytes, from, to) && v.isComplete();
    }

    /**
     * Feeds more bytes of the same message.
     *
     * @return false once the bytes so far cannot start any valid UTF-8 text
     */
    public boolean feed(byte[] bytes, int from, int to) {
        int i = from;
        for (; i < to && !invalid; i++) {
            if (needed == 0) {
                // ASCII runs, the common case, eight bytes at a time
                while (i + 8 <= to && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i == to) {
                    break;
                }
            }
            int b = bytes[i] & 0xff;
            if (needed == 0) {
                if (b <= 0x7F) {
                    continue;
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    needed = 2;
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    needed = 3;
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                } else {
                    invalid = true;
                }
            } else {
                if (b < lower || b > upper) {
                    invalid = true;
                } else {
                    lower = 0x80;
                    upper = 0xBF;
                    needed--;
                }
            }
            if (invalid) {
                invalidAt = fed + (i - from);
            }
        }
        fed += to - from;
        return !invalid;
    }

    /**
     * Offset, in everything fed so far, of the first byte that made the text invalid; -1 while it is
     * valid.
     */
    public long invalidAt() {
        return invalidAt;
    }

    /** Forgets everything fed, ready for the next message. */
    public void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xBF;
        invalid = false;
        fed = 0;
        invalidAt = -1;
    }

    public boolean feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** Whether everything fed so far is valid and ends on a code point boundary. */
    public boolean isComplete() {
        return !invalid && needed == 0;
    }

    /** Whether the bytes fed so far can no longer become valid. */
    public boolean isInvalid() {
        return invalid;
    }
}
