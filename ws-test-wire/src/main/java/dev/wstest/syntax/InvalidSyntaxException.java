package dev.wstest.syntax;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A value that does not follow ws-test's notation for durations, sizes or placeholders (docs/syntax.md). The message
 * says what was expected, what was found and, where one is obvious, the fix ({@link #hint()}); callers put
 * their own context (a file and line, a configuration key, an option) in front of it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InvalidSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String found;
    private final String hint;
    private final int offset;

    InvalidSyntaxException(String expected, String found, String hint, int offset) {
        super("expected " + expected + " but found " + found + (hint.isEmpty() ? "" : ": " + hint));
        this.expected = expected;
        this.found = found;
        this.hint = hint;
        this.offset = offset;
    }

    /** What was expected, e.g. {@code a duration like 500ms, 1.5s or 2m}. */
    public String expected() {
        return expected;
    }

    /** What was found, quoted, or {@code nothing}. */
    public String found() {
        return found;
    }

    /** The fix, e.g. {@code add a unit: 5s or 5ms}; empty when there is no obvious one. */
    public String hint() {
        return hint;
    }

    /** Where in the text the problem starts (0 for a duration, the {@code $} of a bad placeholder). */
    public int offset() {
        return offset;
    }
}
