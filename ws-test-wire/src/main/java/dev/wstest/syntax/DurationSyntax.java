package dev.wstest.syntax;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The one notation for durations, wherever a user writes one: {@code .ws} files, {@code wstest.*}
 * configuration parameters, {@code @Connect} attributes and the CLI's options (docs/syntax.md).
 *
 * <p>A duration is a number and a unit with nothing between them: {@code 500ms}, {@code 2s}, {@code 1.5s},
 * {@code 2m}. The units are {@code ms}, {@code s} and {@code m}; the number is whole or decimal, with a
 * dot; the result is a whole number of milliseconds, at most 24 hours. Spaces around it are ignored.
 * Anything else is refused with an {@link InvalidSyntaxException} that names the fix where there is an
 * obvious one ({@code 5} → "add a unit: 5s or 5ms", {@code PT1.5S} → "write 1.5s", {@code 2h} → "write 120m").
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DurationSyntax {

    /** The longest duration accepted. */
    public static final Duration MAX = Duration.ofHours(24);

    /** What a duration looks like, for messages: {@value}. */
    public static final String EXPECTED = "a duration like 500ms, 1.5s or 2m";

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    /** A sign, a number (however malformed), spaces and a word: what people write when they miss the form. */
    private static final Pattern LOOSE = Pattern.compile("([+-]?)(\\d*(?:[.,]\\d*)?)\\s*([A-Za-z]*)");
    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(MAX.toMillis());
    private static final Map<String, String> UNIT_WORDS = Map.ofEntries(
            Map.entry("ms", "ms"), Map.entry("msec", "ms"), Map.entry("msecs", "ms"), Map.entry("millis", "ms"),
            Map.entry("millisecond", "ms"), Map.entry("milliseconds", "ms"),
            Map.entry("s", "s"), Map.entry("sec", "s"), Map.entry("secs", "s"), Map.entry("second", "s"),
            Map.entry("seconds", "s"),
            Map.entry("m", "m"), Map.entry("min", "m"), Map.entry("mins", "m"), Map.entry("minute", "m"),
            Map.entry("minutes", "m"),
            Map.entry("h", "h"), Map.entry("hr", "h"), Map.entry("hrs", "h"), Map.entry("hour", "h"),
            Map.entry("hours", "h"));

    private DurationSyntax() {
    }

    /**
     * Reads a duration of zero or more.
     *
     * @throws InvalidSyntaxException if the text is not a duration in this notation
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new InvalidSyntaxException(EXPECTED, found(s), hint(s), 0);
        }
        BigDecimal millis = millis(new BigDecimal(m.group(1)), m.group(2));
        if (millis.compareTo(MAX_MILLIS) > 0) {
            throw new InvalidSyntaxException("a duration of at most 24 hours (1440m)", found(s), "", 0);
        }
        if (millis.stripTrailingZeros().scale() > 0) {
            throw new InvalidSyntaxException("a whole number of milliseconds", found(s), "write "
                    + millis.setScale(0, RoundingMode.HALF_UP).toPlainString() + "ms", 0);
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    /**
     * Reads a duration longer than zero (timeouts, intervals).
     *
     * @throws InvalidSyntaxException if the text is not a duration, or is zero
     */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new InvalidSyntaxException("a duration longer than zero", found(text.strip()), "", 0);
        }
        return d;
    }

    /**
     * Writes a duration the way {@link #parse} reads it, shortest first: {@code 250ms}, {@code 2s},
     * {@code 1.5s}, {@code 2m}. Below a millisecond, it is rounded down.
     */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 60_000 == 0) {
            return (ms / 60_000) + "m";
        }
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static BigDecimal millis(BigDecimal n, String unit) {
        return switch (unit) {
            case "ms" -> n;
            case "s" -> n.multiply(BigDecimal.valueOf(1000));
            case "m" -> n.multiply(BigDecimal.valueOf(60_000));
            default -> n.multiply(BigDecimal.valueOf(3_600_000));
        };
    }

    private static String found(String s) {
        return s.isEmpty() ? "nothing" : "\"" + s + "\"";
    }

    /** The fix for a near miss, or "" when the text is not close to a duration. */
    private static String hint(String s) {
        if (s.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                Duration iso = Duration.parse(s);
                if (!iso.isNegative() && iso.compareTo(MAX) <= 0 && iso.toNanos() % 1_000_000 == 0) {
                    return "ISO-8601 is not read here; write " + format(iso);
                }
            } catch (DateTimeParseException notIso) {
                return "";
            }
            return "";
        }
        Matcher m = LOOSE.matcher(s);
        if (!m.matches() || m.group(2).replaceAll("[.,]", "").isEmpty()) {
            return "";
        }
        if (m.group(1).equals("-")) {
            return "a duration cannot be negative";
        }
        String number = m.group(2).replace(',', '.');
        if (number.startsWith(".")) {
            number = "0" + number;
        }
        if (number.endsWith(".")) {
            number = number.substring(0, number.length() - 1);
        }
        if (m.group(3).isEmpty()) {
            return "add a unit: " + number + "s or " + number + "ms";
        }
        String unit = UNIT_WORDS.get(m.group(3).toLowerCase(Locale.ROOT));
        if (unit == null) {
            return "the units are ms, s and m";
        }
        BigDecimal millis = millis(new BigDecimal(number), unit);
        if (millis.compareTo(MAX_MILLIS) > 0) {
            return "a duration is at most 24 hours (1440m)";
        }
        return "write " + format(Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact()));
    }
}
