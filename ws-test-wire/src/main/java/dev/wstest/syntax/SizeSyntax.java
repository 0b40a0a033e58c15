package dev.wstest.syntax;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The one notation for sizes in bytes, wherever a user writes one: {@code .ws} files
 * ({@code max-message-size 16MiB}) and the CLI's options ({@code --max-message-size 16MiB}); docs/syntax.md.
 *
 * <p>A size is a whole number and an optional binary unit with nothing between them: {@code 65536} (bytes),
 * {@code 512KiB}, {@code 16MiB}, {@code 1GiB}; at least 1 byte and at most {@link #MAX} (1 GiB). Spaces around
 * it are ignored. Anything else is refused with an {@link InvalidSyntaxException} that names the fix where there
 * is an obvious one ({@code 16MB} → "write 16MiB", {@code 1.5MiB} → "write 1536KiB").
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SizeSyntax {

    /** The largest size accepted: 1 GiB. */
    public static final int MAX = 1 << 30;

    /** What a size looks like, for messages: {@value}. */
    public static final String EXPECTED = "a size like 65536, 512KiB or 16MiB";

    private static final Pattern FORM = Pattern.compile("(\\d+)(KiB|MiB|GiB)?");
    /** A sign, a number (however malformed), spaces and a word: what people write when they miss the form. */
    private static final Pattern LOOSE = Pattern.compile("([+-]?)(\\d*(?:[.,]\\d*)?)\\s*([A-Za-z]*)");
    private static final Map<String, String> UNIT_WORDS = Map.ofEntries(
            Map.entry("b", ""), Map.entry("byte", ""), Map.entry("bytes", ""),
            Map.entry("k", "KiB"), Map.entry("kb", "KiB"), Map.entry("kib", "KiB"),
            Map.entry("m", "MiB"), Map.entry("mb", "MiB"), Map.entry("mib", "MiB"),
            Map.entry("g", "GiB"), Map.entry("gb", "GiB"), Map.entry("gib", "GiB"));

    private SizeSyntax() {
    }

    /**
     * Reads a size in bytes, 1 to {@link #MAX}.
     *
     * @throws InvalidSyntaxException if the text is not a size in this notation
     */
    public static int parse(String text) {
        String s = text == null ? "" : text.strip();
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new InvalidSyntaxException(EXPECTED, found(s), hint(s), 0);
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit(m.group(2))));
        if (bytes.signum() == 0) {
            throw new InvalidSyntaxException("a size of at least 1 byte", found(s), "", 0);
        }
        if (bytes.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            throw new InvalidSyntaxException("a size of at most 1GiB", found(s), "", 0);
        }
        return bytes.intValueExact();
    }

    /**
     * Writes a size the way {@link #parse} reads it, in the largest unit that keeps it whole: {@code 100},
     * {@code 512KiB}, {@code 4MiB}, {@code 1GiB}.
     */
    public static String format(long bytes) {
        for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
            long u = unit(unit);
            if (bytes != 0 && bytes % u == 0) {
                return bytes / u + unit;
            }
        }
        return String.valueOf(bytes);
    }

    private static long unit(String unit) {
        if (unit == null || unit.isEmpty()) {
            return 1;
        }
        return switch (unit) {
            case "KiB" -> 1024L;
            case "MiB" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
    }

    private static String found(String s) {
        return s.isEmpty() ? "nothing" : "\"" + s + "\"";
    }

    /** The fix for a near miss, or "" when the text is not close to a size. */
    private static String hint(String s) {
        Matcher m = LOOSE.matcher(s);
        if (!m.matches() || m.group(2).replaceAll("[.,]", "").isEmpty()) {
            return "";
        }
        if (m.group(1).equals("-")) {
            return "a size cannot be negative";
        }
        String unit = UNIT_WORDS.get(m.group(3).toLowerCase(Locale.ROOT));
        if (unit == null) {
            return m.group(3).isEmpty() ? "" : "the units are KiB, MiB and GiB (1024, 1024 * 1024, ...)";
        }
        String number = m.group(2).replace(',', '.');
        if (number.startsWith(".")) {
            number = "0" + number;
        }
        if (number.endsWith(".")) {
            number = number.substring(0, number.length() - 1);
        }
        BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(unit(unit)));
        if (bytes.signum() == 0 || bytes.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            return "a size is 1 byte to 1GiB";
        }
        if (bytes.stripTrailingZeros().scale() > 0) {
            return "a size is a whole number of bytes";
        }
        return "write " + format(bytes.longValueExact());
    }
}
