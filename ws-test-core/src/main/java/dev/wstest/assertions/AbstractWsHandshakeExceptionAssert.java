package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.internal.Failing;
import dev.wstest.client.WsHandshakeException;
import dev.wstest.record.Redactor;
import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * Assertions on a refused handshake: the HTTP status and headers the server answered with. Failures go
 * through AssertJ as in {@link AbstractWsClientAssert}.
 *
 * @param <SELF>   the concrete assertion type
 * @param <ACTUAL> the exception type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class AbstractWsHandshakeExceptionAssert<SELF extends AbstractWsHandshakeExceptionAssert<SELF, ACTUAL>,
        ACTUAL extends WsHandshakeException> extends AbstractThrowableAssert<SELF, ACTUAL> {

    protected AbstractWsHandshakeExceptionAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * The server answered with this HTTP status.
     *
     * <pre>{@code
     * assertThatHandshakeRefused(() -> WsClient.connect(securedUrl)).hasStatus(401);   // passes for a 401
     * assertThatHandshakeRefused(() -> WsClient.connect(securedUrl)).hasStatus(403);   // fails: it was 401
     * }</pre>
     */
    public SELF hasStatus(int status) {
        isNotNull();
        if (actual.status() != status) {
            throw failure("Expecting the refused handshake to have HTTP status " + status + "\nbut it was "
                    + actual.status() + ".\n\n" + actual.handshake(), status, actual.status());
        }
        return myself;
    }

    /** The refusal carried this header (name case-insensitive). */
    public SELF hasResponseHeader(String name) {
        isNotNull();
        if (!actual.responseHeaders().contains(name)) {
            throw failure("Expecting the refused handshake to have response header " + name
                    + "\nbut it is absent.\n\n" + actual.handshake(), name, "(absent)");
        }
        return myself;
    }

    /**
     * The refusal carried this header with this value (a whole value, or an element of a list header; see
     * {@link dev.wstest.record.Headers#hasValue}).
     */
    public SELF hasResponseHeader(String name, String value) {
        isNotNull();
        List<String> values = actual.responseHeaders().all(name);
        if (!actual.responseHeaders().hasValue(name, value)) {
            throw failure("Expecting the refused handshake to have response header " + name + ": " + value
                    + "\nbut " + (values.isEmpty() ? "it is absent" : "its value is " + String.join(", ", values))
                    + ".\n\n" + actual.handshake(), name + ": " + value,
                    values.isEmpty() ? "(absent)" : name + ": " + String.join(", ", values));
        }
        return myself;
    }

    /**
     * The refusal carried this header with a value the regular expression matches entirely.
     *
     * <pre>{@code
     * assertThatHandshakeRefused(() -> WsClient.connect(url)).hasResponseHeaderMatching("WWW-Authenticate", "Bearer.*");
     * }</pre>
     */
    public SELF hasResponseHeaderMatching(String name, String regex) {
        isNotNull();
        Pattern p = Pattern.compile(regex);
        List<String> values = actual.responseHeaders().all(name);
        if (values.stream().noneMatch(v -> p.matcher(v).matches())) {
            throw failure("Expecting the refused handshake to have response header " + name
                    + " matching /" + regex + "/\nbut " + (values.isEmpty() ? "it is absent" : "its value is "
                    + String.join(", ", values)) + ".\n\n" + actual.handshake(), name + ": /" + regex + "/",
                    values.isEmpty() ? "(absent)" : name + ": " + String.join(", ", values));
        }
        return myself;
    }

    /** The failure, made by AssertJ, as it may leave the process: known secrets scrubbed. */
    private AssertionError failure(String message, Object expected, Object got) {
        return Failing.failure(info, Redactor.DEFAULT, message, expected, got, this::failureWithActualExpected);
    }
}
