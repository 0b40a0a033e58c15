package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The secret values this JVM has been told about, so that every text ws-test writes can be scrubbed of them
 * ({@link Redactor#scrub}). A value becomes known when it is used where a secret goes: the value of a secret
 * header ({@code Authorization}, {@code Cookie}, a required header, ...), a cookie's value, the value of a secret
 * query parameter ({@code access_token}, ...), a secret variable ({@code --var TOKEN=...}); ws-test registers
 * them itself as clients, servers, scenarios and the CLI take them in. Scrubbing then finds them in any text: a
 * frame's payload, an exception message from Tyrus, a URL in a banner, a report.
 *
 * <p>Each value is known in the forms it takes in output: as it is, percent-encoded, base64 (standard and URL
 * alphabets), escaped for HTML/XML and for JSON, and as the frame log shows a payload that is not text (hex,
 * {@code 0x68656c6c6f}). Values shorter than {@value #MIN_LENGTH} characters are too
 * short to look for in free text without hiding unrelated text; they are still hidden wherever they appear as a
 * header or parameter value. The set only grows; it holds strings the process already holds.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Secrets {

    /** Shorter values are not looked for in free text. */
    public static final int MIN_LENGTH = 6;

    private static final Object LOCK = new Object();
    /** Every form of every secret, longest first, so that a longer form is replaced before a part of it. */
    private static volatile List<String> forms = List.of();

    private Secrets() {
    }

    /** Registers a secret value (and its encoded forms). Null, blank and short values are ignored. */
    public static void add(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            return;
        }
        Set<String> more = new LinkedHashSet<>();
        addForms(more, value);
        String stripped = value.strip();
        if (!stripped.equals(value)) {
            addForms(more, stripped);
        }
        try {
            String decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
            if (!decoded.equals(value)) {
                addForms(more, decoded);
            }
        } catch (IllegalArgumentException notEncoded) {
            // a value with a stray '%' is known as it is
        }
        synchronized (LOCK) {
            Set<String> all = new LinkedHashSet<>(forms);
            if (all.containsAll(more)) {
                return;
            }
            all.addAll(more);
            List<String> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            forms = List.copyOf(sorted);
        }
    }

    private static void addForms(Set<String> out, String v) {
        if (v.length() < MIN_LENGTH) {
            return;
        }
        out.add(v);
        out.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
        out.add(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(bytes);
        out.add(b64);
        out.add(stripPadding(b64));
        String url64 = Base64.getUrlEncoder().encodeToString(bytes);
        out.add(url64);
        out.add(stripPadding(url64));
        out.add(hex(bytes));
        out.add(v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;"));
        out.add(v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;"));
        out.add(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        out.add(v.replace("\\", "\\\\").replace("\"", "\\\""));
        out.removeIf(f -> f.length() < MIN_LENGTH);
    }

    /** Lowercase hex, two digits a byte, as {@code FrameLogFormat.hex} writes payloads. */
    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    private static String stripPadding(String b64) {
        int end = b64.length();
        while (end > 0 && b64.charAt(end - 1) == '=') {
            end--;
        }
        return b64.substring(0, end);
    }

    /**
     * Registers the secret part of a header value as well as the whole value: the credentials after an auth
     * scheme ({@code Bearer abc}), each cookie's value ({@code a=1; session=abc}), and for {@code Basic} the
     * decoded {@code user:password} and the password.
     */
    public static void addHeaderValue(String value) {
        if (value == null) {
            return;
        }
        add(value);
        int space = value.indexOf(' ');
        if (space > 0 && space < 16 && value.substring(0, space).chars().allMatch(Character::isLetter)) {
            String credentials = value.substring(space + 1).strip();
            add(credentials);
            if (value.substring(0, space).equalsIgnoreCase("Basic")) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                    add(decoded);
                    int colon = decoded.indexOf(':');
                    if (colon >= 0) {
                        add(decoded.substring(colon + 1));
                    }
                } catch (IllegalArgumentException notBase64) {
                    // not the Basic scheme after all
                }
            }
        }
        for (String part : value.split("[;,]")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                add(part.substring(eq + 1).strip());
            }
        }
    }

    /** The length in UTF-8 bytes of the longest known secret form (0 when none is known). */
    public static int longestForm() {
        List<String> known = forms;
        return known.isEmpty() ? 0 : known.get(0).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The text with every known secret form replaced by {@code <redacted N chars>}. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<String> known = forms;
        String out = text;
        for (String f : known) {
            if (out.contains(f)) {
                out = out.replace(f, "<redacted " + f.length() + " chars>");
            }
        }
        return out;
    }

    /**
     * A copy of the bytes in which every known secret, as its UTF-8 bytes, is overwritten with {@code '*'}: the
     * same length, so a hex dump keeps its offsets and shows neither the hex nor the ASCII of the secret. The
     * array itself when it holds none.
     */
    public static byte[] scrub(byte[] bytes) {
        if (bytes == null || bytes.length < MIN_LENGTH) {
            return bytes;
        }
        byte[] out = bytes;
        for (String f : forms) {
            byte[] needle = f.getBytes(StandardCharsets.UTF_8);
            for (int at = indexOf(out, needle, 0); at >= 0; at = indexOf(out, needle, at + needle.length)) {
                if (out == bytes) {
                    out = bytes.clone();
                }
                java.util.Arrays.fill(out, at, at + needle.length, (byte) '*');
            }
        }
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * The exception as it may leave the process: itself when no message in its cause chain holds a known secret,
     * otherwise a copy of the chain whose messages are scrubbed (each link keeps its stack trace and names the
     * original exception type in its message).
     */
    public static Throwable scrubbed(Throwable t) {
        if (t == null || !leaks(t, 0)) {
            return t;
        }
        return copy(t, 0);
    }

    private static boolean leaks(Throwable t, int depth) {
        for (Throwable c = t; c != null && depth < 32; c = c.getCause() == c ? null : c.getCause(), depth++) {
            String m = c.getMessage();
            if (m != null && !scrub(m).equals(m)) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (leaks(s, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Throwable copy(Throwable t, int depth) {
        ScrubbedException c = new ScrubbedException(t.getClass().getName() + ": " + scrub(String.valueOf(t.getMessage())),
                t.getCause() == null || t.getCause() == t || depth > 32 ? null : copy(t.getCause(), depth + 1));
        c.setStackTrace(t.getStackTrace());
        for (Throwable s : t.getSuppressed()) {
            c.addSuppressed(copy(s, depth + 1));
        }
        return c;
    }

    /** Stands in for an exception whose message held a secret; its message names the original type. */
    static final class ScrubbedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScrubbedException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage(); // "original.Type: scrubbed message", as the original would print
        }
    }

    /**
     * The length of the longest end of {@code text} that could be the start of a secret form: a writer that
     * scrubs as text passes holds that much back until more text shows whether it is one.
     */
    public static int pendingPrefix(CharSequence text) {
        int best = 0;
        List<String> known = forms;
        int n = text.length();
        for (String f : known) {
            int max = Math.min(f.length() - 1, n);
            for (int len = max; len > best; len--) {
                if (regionMatches(text, n - len, f, len)) {
                    best = len;
                    break;
                }
            }
        }
        return best;
    }

    private static boolean regionMatches(CharSequence text, int from, String prefixOf, int len) {
        for (int i = 0; i < len; i++) {
            if (text.charAt(from + i) != prefixOf.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
