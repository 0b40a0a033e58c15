package dev.wstest.conformance;

import dev.wstest.conformance.internal.CaseExecution;
import dev.wstest.protocol.WsUrl;
import dev.wstest.raw.RawClient;
import dev.wstest.record.Redactor;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Runs conformance cases against an echo-style endpoint, one fresh connection per case, one case after
 * the other:
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceRunner.builder(URI.create("ws://127.0.0.1:8080/echo"))
 *         .caseTimeout(Duration.ofSeconds(1))
 *         .exclude("9.*")
 *         .acceptDeviation("1.3.1", "our proxy accepts unmasked frames, tracked in JIRA-123")
 *         .run();
 * ConformanceReports.writeHtml(report, Path.of("target/conformance.html"));
 * }</pre>
 *
 * The endpoint must echo every text and binary message back unchanged, as Autobahn's test servers do.
 * Every wait has a deadline, so a run ends even against a server that never answers; against a
 * compliant server on loopback the whole catalogue takes a few seconds.
 */
public final class ConformanceRunner {

    private final Builder config;

    private ConformanceRunner(Builder config) {
        this.config = config;
    }

    public static Builder builder(URI endpoint) {
        return new Builder(WsUrl.of(endpoint));
    }

    public static Builder builder(String endpoint) {
        return new Builder(WsUrl.parse(endpoint));
    }

    /** The cases this runner will run, in order. */
    public List<ConformanceCase> selectedCases() {
        List<ConformanceCase> out = new ArrayList<>();
        for (ConformanceCase c : config.cases) {
            boolean in = config.includes.isEmpty() || config.includes.stream().anyMatch(p -> IdPattern.matches(p, c.id()));
            boolean out2 = config.excludes.stream().anyMatch(p -> IdPattern.matches(p, c.id()));
            if (in && !out2) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Checks that the endpoint can be tested: it accepts the handshake and echoes a text message within
     * the case timeout.
     *
     * @throws ConformanceSetupException saying what went wrong, with the frames exchanged
     */
    public void checkEcho() {
        String probe = "ws-test conformance: echo check";
        RawClient client;
        try {
            client = connect();
        } catch (IOException | RuntimeException e) {
            throw new ConformanceSetupException("cannot run the conformance suite: could not connect to "
                    + config.redactor.redactUrl(config.url.toString()) + ": " + e.getMessage(), e);
        }
        try (client) {
            client.send(dev.wstest.protocol.Frame.text(probe).masked());
            RawClient.Received r = client.read(config.caseTimeout.multipliedBy(2));
            boolean echoed = r.isFrame() && r.frame().opcode() == dev.wstest.protocol.Opcode.TEXT
                    && r.frame().isFin() && r.frame().payloadAsText().equals(probe);
            if (!echoed) {
                throw new ConformanceSetupException("cannot run the conformance suite: " + config.redactor.redactUrl(
                        config.url.toString()) + " does not echo. Sent a text message and expected it back within "
                        + config.caseTimeout.multipliedBy(2).toMillis() + " ms; the suite judges a server by what"
                        + " it echoes, so point it at an echo endpoint.\nFrames (ms after handshake):\n"
                        + client.formatTranscript(), null);
            }
            client.send(dev.wstest.protocol.Frame.close(1000, "").masked());
        } catch (IOException e) {
            throw new ConformanceSetupException("cannot run the conformance suite: the echo check failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks the endpoint echoes ({@link #checkEcho()}, unless {@code skipEchoCheck()}), then runs every
     * selected case.
     *
     * @throws ConformanceSetupException if the endpoint cannot be tested at all
     */
    public ConformanceReport run() {
        if (config.echoCheck) {
            checkEcho();
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : selectedCases()) {
            CaseResult r = run(c);
            results.add(r);
            config.listener.accept(r);
        }
        return new ConformanceReport(config.redactor.redactUrl(config.url.toString()), started, Duration.ofNanos(System.nanoTime() - t0), results);
    }

    /** Runs one case on a fresh connection. */
    public CaseResult run(ConformanceCase c) {
        long start = System.nanoTime();
        Optional<String> accepted = acceptance(c.id());
        RawClient client;
        try {
            client = connect();
        } catch (IOException | RuntimeException e) {
            String why = "could not connect to " + config.redactor.redactUrl(config.url.toString()) + ": " + e.getMessage();
            return new CaseResult(c, Verdict.FAILED, Verdict.FAILED, CloseBehaviour.UNCLEAN, -1, List.of(),
                    List.of(why), Duration.ofNanos(System.nanoTime() - start), List.of(), accepted);
        }
        Duration timeout = c.category() == Category.LIMITS ? config.caseTimeout.multipliedBy(5) : config.caseTimeout;
        return new CaseExecution(client, c, timeout).run(start, accepted);
    }

    private RawClient connect() throws IOException {
        RawClient.Builder b = RawClient.builder(config.url).connectTimeout(config.connectTimeout)
                .redactor(config.redactor);
        config.headers.forEach(b::header);
        if (config.sslContext != null) {
            b.sslContext(config.sslContext);
        }
        return b.connect();
    }

    private Optional<String> acceptance(String id) {
        for (Map.Entry<String, String> e : config.accepted.entrySet()) {
            if (IdPattern.matches(e.getKey(), id)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Configures a {@link ConformanceRunner}. Defaults: all built-in cases, 1 s per wait, 5 s to connect. */
    public static final class Builder {
        private final WsUrl url;
        private List<ConformanceCase> cases = ConformanceCatalogue.all();
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private final Map<String, String> accepted = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration caseTimeout = Duration.ofSeconds(1);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private SSLContext sslContext;
        private Redactor redactor = Redactor.DEFAULT;
        private Consumer<CaseResult> listener = r -> { };
        private boolean echoCheck = true;

        private Builder(WsUrl url) {
            this.url = url;
        }

        /** Runs these cases instead of the built-in catalogue. */
        public Builder cases(List<ConformanceCase> custom) {
            this.cases = List.copyOf(custom);
            return this;
        }

        /** Only cases matching one of the patterns: an id ("2.5") or a prefix with a star ("6.4.*", "7.*"). */
        public Builder include(String... patterns) {
            for (String p : patterns) {
                includes.add(IdPattern.check(p));
            }
            return this;
        }

        /** Leaves out cases matching one of the patterns. */
        public Builder exclude(String... patterns) {
            for (String p : patterns) {
                excludes.add(IdPattern.check(p));
            }
            return this;
        }

        /**
         * Accepts a known deviation: cases matching the pattern still run and report their real verdict, but
         * a FAILED one does not fail the run ({@link ConformanceReport#passed()}).
         */
        public Builder acceptDeviation(String pattern, String reason) {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("acceptDeviation(\"" + pattern + "\", reason) needs a reason,"
                        + " e.g. a ticket, so the report says why the deviation is accepted");
            }
            accepted.put(IdPattern.check(pattern), reason);
            return this;
        }

        /** How long each wait of a case may take (a reply, the server's close, the TCP close); default 1 s. */
        public Builder caseTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("caseTimeout must be positive, was " + timeout);
            }
            this.caseTimeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** A header sent with every handshake (e.g. Authorization); redacted in transcripts. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** TLS context for wss:// endpoints; default: the JVM's, which verifies certificates. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** TLS trust for wss:// endpoints, as for {@code WsClient}, e.g. {@code TlsTrust.certificates(path)}. */
        public Builder tls(dev.wstest.tls.TlsTrust trust) {
            return sslContext(Objects.requireNonNull(trust, "trust").sslContext());
        }

        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** Called after each case, on the running thread (e.g. to print progress). */
        public Builder onResult(Consumer<CaseResult> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Runs the cases even if the endpoint fails the echo check (each case then reports what happened). */
        public Builder skipEchoCheck() {
            this.echoCheck = false;
            return this;
        }

        public ConformanceRunner build() {
            return new ConformanceRunner(this);
        }

        /** Builds and runs. */
        public ConformanceReport run() {
            return build().run();
        }
    }
}
