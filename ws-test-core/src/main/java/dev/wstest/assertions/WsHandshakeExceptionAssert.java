package dev.wstest.assertions;

import dev.wstest.client.WsHandshakeException;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;

/** Assertions on a refused handshake: the HTTP status and headers the server answered with. */
public final class WsHandshakeExceptionAssert
        extends AbstractThrowableAssert<WsHandshakeExceptionAssert, WsHandshakeException> {

    public WsHandshakeExceptionAssert(WsHandshakeException actual) {
        super(actual, WsHandshakeExceptionAssert.class);
    }

    /**
     * The server answered with this HTTP status.
     *
     * <pre>{@code
     * assertThatHandshakeRefused(() -> WsClient.connect(securedUrl)).hasStatus(401);   // passes for a 401
     * assertThatHandshakeRefused(() -> WsClient.connect(securedUrl)).hasStatus(403);   // fails: it was 401
     * }</pre>
     */
    public WsHandshakeExceptionAssert hasStatus(int status) {
        isNotNull();
        if (actual.status() != status) {
            throw Failures.withValues(dev.wstest.record.Redactor.DEFAULT.scrub("Expecting the refused handshake to have"
                    + " HTTP status " + status + "\nbut it was " + actual.status() + ".\n\n" + actual.handshake()),
                    status, actual.status());
        }
        return myself;
    }

    /** The refusal carried this header (name case-insensitive). */
    public WsHandshakeExceptionAssert hasResponseHeader(String name) {
        isNotNull();
        if (!actual.responseHeaders().contains(name)) {
            throw failure("Expecting the refused handshake to have response header " + name
                    + "\nbut it is absent.\n\n" + actual.handshake());
        }
        return myself;
    }

    /**
     * The refusal carried this header with this value (a whole value, or an element of a list header; see
     * {@link dev.wstest.record.Headers#hasValue}).
     */
    public WsHandshakeExceptionAssert hasResponseHeader(String name, String value) {
        isNotNull();
        List<String> values = actual.responseHeaders().all(name);
        if (!actual.responseHeaders().hasValue(name, value)) {
            throw failure("Expecting the refused handshake to have response header " + name + ": " + value
                    + "\nbut " + (values.isEmpty() ? "it is absent" : "its value is " + String.join(", ", values))
                    + ".\n\n" + actual.handshake());
        }
        return myself;
    }

    /** The failure as it may leave the process: known secrets scrubbed. */
    private static AssertionError failure(String message) {
        return new AssertionError(dev.wstest.record.Redactor.DEFAULT.scrub(message));
    }
}
