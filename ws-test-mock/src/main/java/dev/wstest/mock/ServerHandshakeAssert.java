package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.mock.internal.Templates;
import dev.wstest.record.Redactor;
import dev.wstest.server.ServerHandshake;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an upgrade request a server received: path, query, headers, subprotocols and cookies
 * offered, the status answered. Secret values (by the server's {@link Redactor}) never appear in a failure,
 * neither the expected nor the actual one.
 *
 * <pre>{@code
 * assertThat(mock).handshake(1).hasPath("/feed").hasQueryParameter("symbol", "ACME")
 *         .hasHeader("Authorization", "Bearer t0ken").offersSubprotocols("prices.v2").hasStatus(101);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ServerHandshakeAssert extends AbstractAssert<ServerHandshakeAssert, ServerHandshake> {

    private final Redactor redactor;

    public ServerHandshakeAssert(ServerHandshake actual, Redactor redactor) {
        super(actual, ServerHandshakeAssert.class);
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    public ServerHandshakeAssert hasPath(String path) {
        isNotNull();
        if (!actual.path().equals(path)) {
            fail("to have path " + path, "but the path was " + actual.path() + ".");
        }
        return myself;
    }

    /** The query string, as sent, without {@code ?}. */
    public ServerHandshakeAssert hasQuery(String query) {
        isNotNull();
        if (!actual.query().orElse("").equals(query)) {
            fail("to have query " + redactor.redactUrl("?" + query).substring(1), actual.query().isEmpty()
                    ? "but it had none." : "but it was " + redactor.redactUrl("?" + actual.query().get()).substring(1)
                    + ".");
        }
        return myself;
    }

    /** A query parameter with this (URL-decoded) value. */
    public ServerHandshakeAssert hasQueryParameter(String name, String value) {
        isNotNull();
        String actualValue = Templates.query(actual, name);
        if (!value.equals(actualValue)) {
            String shown = redactor.isSecret(name) ? redactor.redact(name, value) : value;
            fail("to have query parameter " + name + "=" + shown, actualValue == null
                    ? "but it had no such parameter." : "but its value was "
                    + (redactor.isSecret(name) ? redactor.redact(name, actualValue) : actualValue) + ".");
        }
        return myself;
    }

    public ServerHandshakeAssert hasHeader(String name) {
        isNotNull();
        if (!actual.headers().contains(name)) {
            fail("to have header " + name, "but it is absent.");
        }
        return myself;
    }

    /** The header was sent with exactly this value (one of its lines). */
    public ServerHandshakeAssert hasHeader(String name, String value) {
        isNotNull();
        List<String> values = actual.headers().all(name);
        if (!values.contains(value)) {
            fail("to have header " + name + ": " + redactor.redact(name, value), values.isEmpty() ? "but it is absent."
                    : "but its value is " + String.join(", ", values.stream().map(v -> redactor.redact(name, v))
                    .toList()) + ".");
        }
        return myself;
    }

    /** The header was sent with a value the regular expression matches entirely. */
    public ServerHandshakeAssert hasHeaderMatching(String name, String regex) {
        isNotNull();
        Pattern p = Pattern.compile(regex);
        List<String> values = actual.headers().all(name);
        if (values.stream().noneMatch(v -> p.matcher(v).matches())) {
            fail("to have header " + name + " matching /" + (redactor.isSecret(name) ? "<redacted>" : regex) + "/",
                    values.isEmpty() ? "but it is absent." : "but its value does not match.");
        }
        return myself;
    }

    public ServerHandshakeAssert hasNoHeader(String name) {
        isNotNull();
        if (actual.headers().contains(name)) {
            fail("to have no header " + name, "but it has one.");
        }
        return myself;
    }

    /** The client offered exactly these subprotocols, in this order. */
    public ServerHandshakeAssert offersSubprotocols(String... protocols) {
        isNotNull();
        if (!actual.subprotocols().equals(Arrays.asList(protocols))) {
            fail("to offer subprotocols " + Arrays.asList(protocols), "but it offered " + actual.subprotocols() + ".");
        }
        return myself;
    }

    /** The client offered these extensions (by name, in this order). */
    public ServerHandshakeAssert offersExtensions(String... names) {
        isNotNull();
        if (!actual.extensions().equals(Arrays.asList(names))) {
            fail("to offer extensions " + Arrays.asList(names), "but it offered " + actual.extensions() + ".");
        }
        return myself;
    }

    /** The client sent this cookie with this value (cookie values are redacted in the failure). */
    public ServerHandshakeAssert hasCookie(String name, String value) {
        isNotNull();
        String v = actual.cookies().get(name);
        if (!value.equals(v)) {
            fail("to send cookie " + name + "=" + redactor.redact("Cookie", value), v == null
                    ? "but it sent no such cookie (cookies sent: " + actual.cookies().keySet() + ")."
                    : "but its value was " + redactor.redact("Cookie", v) + ".");
        }
        return myself;
    }

    /** The server answered with this status (101 for an accepted upgrade). */
    public ServerHandshakeAssert hasStatus(int status) {
        isNotNull();
        if (actual.status() != status) {
            fail("to be answered with " + status, "but it was answered with " + actual.status() + ".");
        }
        return myself;
    }

    private void fail(String expectation, String outcome) {
        String description = info.descriptionText();
        if (description != null && !description.isEmpty()) {
            describedAs(redactor.scrub(description)); // AssertJ puts it before the message
        }
        failWithMessage("%s", redactor.scrub("Expecting the upgrade request\n  " + actual.format(redactor)
                .replace("\n", "\n  ").trim() + "\n" + expectation + "\n" + outcome));
    }
}
