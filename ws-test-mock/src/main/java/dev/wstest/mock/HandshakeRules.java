package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.HttpSyntax;
import dev.wstest.record.Headers;
import dev.wstest.record.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * How the mock answers upgrade requests: what it requires, how it refuses, which subprotocol and extensions
 * it picks, what it adds to the 101, and handshake faults (a delayed 101, a wrong
 * {@code Sec-WebSocket-Accept}). Immutable; build with {@link #builder()}. Every refusal is clean HTTP (see
 * {@link HttpAnswer}).
 *
 * <pre>{@code
 * HandshakeRules.builder()
 *     .requireHeader("Authorization", "Bearer t0ken")              // missing or wrong: the refusal below
 *     .refusal(HttpAnswer.status(401).header("WWW-Authenticate", "Bearer"))
 *     .subprotocols("prices.v2", "prices.v1")                      // the client's first acceptable one wins
 *     .responseHeader("X-Server", "mock").cookie("session", "abc")
 *     .delay(Duration.ofMillis(200))                               // the 101 comes late
 *     .build();
 * HandshakeRules.refuseWith(HttpAnswer.status(503).header("Retry-After", "1"))   // refuse every upgrade
 * HandshakeRules.builder().wrongAccept().build()                   // a 101 the client must reject
 * }</pre>
 *
 * @param requiredHeaders   headers an upgrade must carry
 * @param refusal           the answer when a required header is missing or wrong
 * @param answerAll         an answer for every upgrade instead of accepting (a refusal or redirect), or null
 * @param subprotocols      subprotocols accepted; the first one the client offers that is listed wins
 * @param requireSubprotocol whether an upgrade offering none of them is refused (400)
 * @param forcedSubprotocol a subprotocol answered whatever the client offered (a fault when it offered
 *                          another), or null
 * @param extensions        extension names accepted when offered (answered by name, without parameters; the
 *                          mock never compresses)
 * @param forcedExtensions  a {@code Sec-WebSocket-Extensions} value answered whatever was offered, or null
 * @param responseHeaders   extra headers of the 101 (cookies are {@code Set-Cookie} lines)
 * @param delay             how long the mock waits before answering
 * @param wrongAccept       whether the 101 carries a wrong {@code Sec-WebSocket-Accept}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HandshakeRules(List<HeaderRule> requiredHeaders, HttpAnswer refusal, HttpAnswer answerAll,
                             List<String> subprotocols, boolean requireSubprotocol, String forcedSubprotocol,
                             List<String> extensions, String forcedExtensions, Headers responseHeaders,
                             Duration delay, boolean wrongAccept) {

    private static final HandshakeRules DEFAULTS = builder().build();

    public HandshakeRules {
        requiredHeaders = List.copyOf(requiredHeaders);
        Objects.requireNonNull(refusal, "refusal");
        subprotocols = List.copyOf(subprotocols);
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(responseHeaders, "responseHeaders");
        Objects.requireNonNull(delay, "delay");
    }

    /**
     * A header the upgrade request must carry: present (value and pattern null), with this exact value, or
     * with a value the pattern matches entirely.
     */
    public record HeaderRule(String name, String value, Pattern pattern) {
        public HeaderRule {
            Objects.requireNonNull(name, "name");
        }

        /** Why a request with these headers breaks the rule, or null when it keeps it (values never shown). */
        public String problem(Headers headers) {
            List<String> values = headers.all(name);
            if (values.isEmpty()) {
                return "missing header " + name;
            }
            if (value != null && !values.contains(value)) {
                return "wrong value for header " + name;
            }
            if (pattern != null && values.stream().noneMatch(v -> pattern.matcher(v).matches())) {
                return "header " + name + " does not match /" + pattern.pattern() + "/";
            }
            return null;
        }
    }

    /** Accepts every well-formed upgrade, no subprotocol, no extension. */
    public static HandshakeRules defaults() {
        return DEFAULTS;
    }

    /** Answers every upgrade with this refusal or redirect. */
    public static HandshakeRules refuseWith(HttpAnswer answer) {
        return builder().answerAll(answer).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these rules. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.requiredHeaders.addAll(requiredHeaders);
        b.refusal = refusal;
        b.answerAll = answerAll;
        b.subprotocols.addAll(subprotocols);
        b.requireSubprotocol = requireSubprotocol;
        b.forcedSubprotocol = forcedSubprotocol;
        b.extensions.addAll(extensions);
        b.forcedExtensions = forcedExtensions;
        responseHeaders.toMap().forEach((k, v) -> b.responseHeaders.put(k, new ArrayList<>(v)));
        b.delay = delay;
        b.wrongAccept = wrongAccept;
        return b;
    }

    /** Builds {@link HandshakeRules}. */
    public static final class Builder {
        private final List<HeaderRule> requiredHeaders = new ArrayList<>();
        private HttpAnswer refusal = HttpAnswer.status(401);
        private HttpAnswer answerAll;
        private final List<String> subprotocols = new ArrayList<>();
        private boolean requireSubprotocol;
        private String forcedSubprotocol;
        private final List<String> extensions = new ArrayList<>();
        private String forcedExtensions;
        private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        private Duration delay = Duration.ZERO;
        private boolean wrongAccept;

        private Builder() {
        }

        /** The upgrade must carry this header (any value). */
        public Builder requireHeader(String name) {
            requiredHeaders.add(new HeaderRule(name, null, null));
            return this;
        }

        /** The upgrade must carry this header with exactly this value. */
        public Builder requireHeader(String name, String value) {
            requiredHeaders.add(new HeaderRule(name, Objects.requireNonNull(value, "value"), null));
            Secrets.addHeaderValue(value); // a required value is a secret whatever the header's name, as for WsServer
            return this;
        }

        /** The upgrade must carry this header with a value the regular expression matches entirely. */
        public Builder requireHeaderMatching(String name, String regex) {
            requiredHeaders.add(new HeaderRule(name, null, Pattern.compile(regex)));
            return this;
        }

        /** What a request that breaks a requirement gets (default 401 with no body). */
        public Builder refusal(HttpAnswer answer) {
            this.refusal = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /** Answer every upgrade with this refusal or redirect instead of accepting. */
        public Builder answerAll(HttpAnswer answer) {
            this.answerAll = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /** Subprotocols accepted; the first one the client offers that is listed here is chosen. */
        public Builder subprotocols(String... protocols) {
            subprotocols.addAll(Arrays.asList(protocols));
            return this;
        }

        /** Refuse (400) an upgrade that offers none of the accepted subprotocols. */
        public Builder requireSubprotocol() {
            this.requireSubprotocol = true;
            return this;
        }

        /** Answer this subprotocol whatever the client offered (a fault when the client did not offer it). */
        public Builder forceSubprotocol(String protocol) {
            this.forcedSubprotocol = HttpSyntax.checkHeaderValue("Sec-WebSocket-Protocol",
                    Objects.requireNonNull(protocol, "protocol"));
            return this;
        }

        /** Extension names accepted when offered (answered without parameters; payloads are never compressed). */
        public Builder extensions(String... names) {
            extensions.addAll(Arrays.asList(names));
            return this;
        }

        /** Answer this {@code Sec-WebSocket-Extensions} value whatever was offered (a fault when not offered). */
        public Builder forceExtensions(String headerValue) {
            this.forcedExtensions = HttpSyntax.checkHeaderValue("Sec-WebSocket-Extensions",
                    Objects.requireNonNull(headerValue, "headerValue"));
            return this;
        }

        /**
         * An extra header line in the 101.
         *
         * @throws IllegalArgumentException for a name that is not a token or a value with a line break or another
         *                                  control character ({@link HttpSyntax}): the mock's answers always
         *                                  parse as HTTP
         */
        public Builder responseHeader(String name, String value) {
            HttpSyntax.checkHeaderName(Objects.requireNonNull(name, "name"));
            HttpSyntax.checkHeaderValue(name, Objects.requireNonNull(value, "value"));
            responseHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        /** A {@code Set-Cookie: name=value; Path=/} line in the 101. */
        public Builder cookie(String name, String value) {
            return responseHeader("Set-Cookie", name + "=" + value + "; Path=/");
        }

        /** Wait this long before answering the upgrade. */
        public Builder delay(Duration wait) {
            Objects.requireNonNull(wait, "delay");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, was " + wait);
            }
            this.delay = wait;
            return this;
        }

        /** Answer 101 with a {@code Sec-WebSocket-Accept} that does not match the key: the client must fail. */
        public Builder wrongAccept() {
            this.wrongAccept = true;
            return this;
        }

        public HandshakeRules build() {
            return new HandshakeRules(requiredHeaders, refusal, answerAll, subprotocols, requireSubprotocol,
                    forcedSubprotocol, extensions, forcedExtensions, Headers.of(responseHeaders), delay,
                    wrongAccept);
        }
    }
}
