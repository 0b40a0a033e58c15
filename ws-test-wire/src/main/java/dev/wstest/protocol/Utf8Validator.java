package dev.wstest.protocol;

/**
 * Strict, incremental UTF-8 validation as RFC 6455 requires for text messages and close reasons (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF). Feed a message in pieces to learn as early
 * as possible that it can no longer be valid, which is what "fail fast" in the conformance suite checks.
 */
public final class Utf8Validator {

    private int needed;
    private int lower = 0x80;
    private int upper = 0xBF;
    private boolean invalid;

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
        for (int i = from; i < to && !invalid; i++) {
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
        }
        return !invalid;
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
