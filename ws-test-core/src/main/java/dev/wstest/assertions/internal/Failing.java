package dev.wstest.assertions.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.record.Redactor;
import org.apiguardian.api.API;
import org.assertj.core.api.WritableAssertionInfo;
import org.assertj.core.error.AssertionErrorCreator;
import org.assertj.core.presentation.StandardRepresentation;

/**
 * How every ws-test assertion fails: through AssertJ's own failure path, so descriptions ({@code as}),
 * overriding messages ({@code withFailMessage}), soft assertions and opentest4j's {@code AssertionFailedError}
 * (expected and actual for an IDE diff) all work, with known secrets scrubbed from every part of the text.
 */
@API(status = INTERNAL, since = "0.1")
public final class Failing {

    private static final AssertionErrorCreator CREATOR = new AssertionErrorCreator();

    private Failing() {
    }

    /** {@code AbstractAssert.failureWithActualExpected}, which is protected. */
    @FunctionalInterface
    public interface WithActualExpected {
        AssertionError failure(Object actual, Object expected, String format, Object... arguments);
    }

    /**
     * The failure of an assertion object.
     *
     * @param info     the assertion's info; its description and overriding message are scrubbed in place
     * @param expected what was expected, as shown in an IDE diff
     * @param actual   what there was instead
     */
    public static AssertionError failure(WritableAssertionInfo info, Redactor redactor, String message,
                                         Object expected, Object actual, WithActualExpected assertion) {
        if (info.hasDescription()) {
            info.description(redactor.scrub(info.descriptionText()));
        }
        String overriding = info.overridingErrorMessage();
        if (overriding != null) {
            info.overridingErrorMessage(redactor.scrub(overriding));
        }
        return assertion.failure(scrubbed(redactor, actual), scrubbed(redactor, expected), "%s",
                redactor.scrub(message));
    }

    /**
     * A failure outside any assertion object (a value captured from a message, a handshake that was expected to
     * be refused), made by AssertJ's exported {@code AssertionErrorCreator}, as its assertions make theirs.
     */
    public static AssertionError failure(Redactor redactor, String message, Object expected, Object actual,
                                         Throwable cause) {
        AssertionError error = CREATOR.assertionError(redactor.scrub(message), scrubbed(redactor, actual),
                scrubbed(redactor, expected), StandardRepresentation.STANDARD_REPRESENTATION);
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }

    private static Object scrubbed(Redactor redactor, Object value) {
        return value instanceof CharSequence text ? redactor.scrub(text.toString()) : value;
    }
}
