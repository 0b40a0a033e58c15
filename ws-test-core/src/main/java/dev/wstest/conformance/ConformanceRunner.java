package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.conformance.internal.CaseExecution;
import dev.wstest.protocol.DeflateOffer;
import dev.wstest.protocol.WsUrl;
import dev.wstest.raw.RawClient;
import dev.wstest.record.Redactor;
import dev.wstest.tls.TlsTrust;
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
import java.util.OptionalInt;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;

/**
 * Runs conformance cases against an echo-style endpoint, one fresh connection per case, one case after
 * the other:
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceRunner.builder(URI.create("ws://127.0.0.1:8080/echo"))
 *         .caseTimeout(Duration.ofSeconds(1))
 *         .exclude("9.*")
 *         .acceptDeviation("ws.1", "our proxy accepts unmasked frames, tracked in JIRA-123")
 *         .run();
 * ConformanceReports.writeHtml(report, Path.of("target/conformance.html"));
 * }</pre>
 *
 * The endpoint must echo every text and binary message back unchanged, as Autobahn's test servers do.
 * Every wait has a deadline, so a run ends even against a server that never answers; against a
 * compliant server on loopback the whole catalogue takes a few seconds.
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
        List<ConformanceCase> cases = selectedCases();
        for (int i = 0; i < cases.size(); ) {
            int end = i + 1;
            if (!config.sequential && cases.get(i).mostlyWaits()) {
                while (end < cases.size() && cases.get(end).mostlyWaits()) {
                    end++;
                }
            }
            for (CaseResult r : runSideBySide(cases.subList(i, end))) {
                results.add(r);
                config.listener.accept(r);
            }
            i = end;
        }
        return new ConformanceReport(config.redactor.redactUrl(config.url.toString()), started,
                Duration.ofNanos(System.nanoTime() - t0), config.verdictRule, results);
    }

    /** Runs the cases at the same time, each on its own thread and connection; results in the given order. */
    private List<CaseResult> runSideBySide(List<ConformanceCase> batch) {
        if (batch.size() == 1) {
            return List.of(run(batch.get(0)));
        }
        List<java.util.concurrent.CompletableFuture<CaseResult>> futures = new ArrayList<>();
        for (ConformanceCase c : batch) {
            java.util.concurrent.CompletableFuture<CaseResult> f = new java.util.concurrent.CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(run(c));
                } catch (RuntimeException | Error e) {
                    f.completeExceptionally(e);
                }
            }, "conformance-" + c.id());
            t.setDaemon(true);
            t.start();
            futures.add(f);
        }
        List<CaseResult> out = new ArrayList<>();
        for (java.util.concurrent.CompletableFuture<CaseResult> f : futures) {
            out.add(f.join());
        }
        return out;
    }

    /** Runs one case on a fresh connection. */
    public CaseResult run(ConformanceCase c) {
        long start = System.nanoTime();
        Optional<String> accepted = acceptance(c.id());
        RawClient client;
        try {
            client = connect(c.deflateOffers());
        } catch (IOException | RuntimeException e) {
            String why = "could not connect to " + config.redactor.redactUrl(config.url.toString()) + ": " + e.getMessage()
                    + " (the opening handshake was never completed)";
            return new CaseResult(c, Verdict.FAILED, Verdict.FAILED, CloseBehaviour.FAILED, OptionalInt.empty(),
                    List.of(), List.of(why), Duration.ofNanos(System.nanoTime() - start), List.of(), 0, accepted);
        }
        CaseExecution.Outcome o = new CaseExecution(client, c, config.caseTimeout).run();
        Verdict headline = CaseResult.headline(config.verdictRule, o.behaviour(), o.closeBehaviour());
        List<dev.wstest.raw.WireEvent> transcript = client.transcript();
        return new CaseResult(c, headline, o.behaviour(), o.closeBehaviour(), o.serverCloseCode(), o.received(),
                o.notes(), Duration.ofNanos(System.nanoTime() - start), CaseResult.kept(transcript),
                Math.max(0, transcript.size() - CaseResult.MAX_LISTED_EVENTS), accepted);
    }

    private RawClient connect() throws IOException {
        return connect(List.of());
    }

    private RawClient connect(List<DeflateOffer> offers) throws IOException {
        RawClient.Builder b = RawClient.builder(config.url).connectTimeout(config.connectTimeout)
                .redactor(config.redactor).permessageDeflate(offers.toArray(new DeflateOffer[0]));
        config.headers.forEach(b::header);
        b.tls(config.tls);
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
        private VerdictRule verdictRule = VerdictRule.AUTOBAHN;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private TlsTrust tls = TlsTrust.jdkDefault();
        private Redactor redactor = Redactor.DEFAULT;
        private Consumer<CaseResult> listener = r -> { };
        private boolean echoCheck = true;
        private boolean sequential;

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

        /**
         * Autobahn's second: the client waits one for the server's close reply and one for the server to
         * close TCP, and every other time of a case is a multiple of it (most cases fail the connection
         * after 1, the 6.4.x cases pause 1 between frames, 9.x waits 10 to 1000 for an echo). Default 1 s,
         * as Autobahn; shorter makes a run against a slow server disagree with Autobahn.
         */
        public Builder caseTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("caseTimeout must be positive, was " + timeout);
            }
            this.caseTimeout = timeout;
            return this;
        }

        /** How the headline verdict is made from the two columns; default {@link VerdictRule#AUTOBAHN}. */
        public Builder verdictRule(VerdictRule rule) {
            this.verdictRule = Objects.requireNonNull(rule, "rule");
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

        /** TLS context for wss:// endpoints, host names verified: the same as {@code tls(TlsTrust.of(context))}. */
        public Builder sslContext(SSLContext context) {
            return tls(TlsTrust.of(context));
        }

        /**
         * TLS trust for wss:// endpoints, the same modes as for {@code WsClient}, e.g.
         * {@code TlsTrust.certificates(path)} (default: {@link TlsTrust#jdkDefault()}).
         */
        public Builder tls(TlsTrust trust) {
            this.tls = Objects.requireNonNull(trust, "trust");
            return this;
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

        /**
         * Runs every case after the one before, as Autobahn does. By default the cases that mostly wait on
         * their own timers (5.19, 5.20, 6.4.x: pauses of a second between frames) run side by side, each on
         * its own connection, which saves about 7 s and changes no verdict of the reference servers.
         */
        public Builder sequential() {
            this.sequential = true;
            return this;
        }

        /** Runs the cases even if the endpoint fails the echo check (each case then reports what happened). */
        public Builder skipEchoCheck() {
            this.echoCheck = false;
            return this;
        }

        /**
         * Builds the runner. A pattern (include, exclude or accepted deviation) that matches none of the cases is
         * refused here: a typo such as {@code "1.1.99"} would otherwise select nothing, or accept nothing, and the
         * run would pass with nothing behind its verdict.
         */
        public ConformanceRunner build() {
            List<String> unmatched = new ArrayList<>();
            List<String> patterns = new ArrayList<>(includes);
            patterns.addAll(excludes);
            patterns.addAll(accepted.keySet());
            for (String p : patterns) {
                if (cases.stream().noneMatch(c -> IdPattern.matches(p, c.id())) && !unmatched.contains(p)) {
                    unmatched.add(p);
                }
            }
            if (!unmatched.isEmpty()) {
                throw new IllegalArgumentException((unmatched.size() == 1 ? "pattern " : "patterns ")
                        + unmatched.stream().map(p -> "\"" + p + "\"").collect(java.util.stream.Collectors.joining(", "))
                        + " match" + (unmatched.size() == 1 ? "es" : "") + " no case of the " + cases.size()
                        + "; ids look like \"1.1.1\", \"6.4.*\" or \"ws.1\" (docs/conformance.md lists every case)");
            }
            return new ConformanceRunner(this);
        }

        /** Builds and runs. */
        public ConformanceReport run() {
            return build().run();
        }
    }
}
