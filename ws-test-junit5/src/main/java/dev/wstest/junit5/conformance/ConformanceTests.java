package dev.wstest.junit5.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.conformance.CaseResult;
import dev.wstest.conformance.Category;
import dev.wstest.conformance.ConformanceCase;
import dev.wstest.conformance.ConformanceReport;
import dev.wstest.conformance.ConformanceReports;
import dev.wstest.conformance.ConformanceRunner;
import dev.wstest.conformance.ConformanceSetupException;
import dev.wstest.conformance.Verdict;
import dev.wstest.conformance.VerdictRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * The conformance suite as JUnit 5 dynamic tests: one test per case, one container per category. Add one
 * test class to check your endpoint:
 *
 * <pre>{@code
 * class EchoEndpointConformanceTest {
 *     @TestFactory
 *     Stream<DynamicNode> rfc6455() {
 *         return ConformanceTests.forEndpoint(() -> server.uri("/echo"))
 *                 .acceptDeviation("6.4.*", "we validate UTF-8 per message, not per frame")
 *                 .reportTo(Path.of("target/conformance"))
 *                 .dynamicTests();
 *     }
 * }
 * }</pre>
 *
 * A case fails its test when its verdict is FAILED; NON-STRICT, INFORMATIONAL and UNIMPLEMENTED pass
 * (use {@link #strict()} to fail NON-STRICT too). The verdict is Autobahn|Testsuite's headline, its
 * {@code behavior} column; {@link #verdictRule(VerdictRule) verdictRule(WITH_CLOSE_BEHAVIOUR)} also fails a
 * case whose connection ended wrongly (e.g. a bad frame silently dropped instead of failing the connection). An accepted deviation passes while it still occurs and fails
 * once it no longer does, so the acceptance is removed when the endpoint is fixed. The endpoint must echo
 * every message back: the first case checks that once, and if it does not, every case fails with the
 * same message saying so.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ConformanceTests {

    private final Supplier<URI> endpoint;
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private final Map<String, String> accepted = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration caseTimeout = Duration.ofSeconds(1);
    private VerdictRule verdictRule = VerdictRule.AUTOBAHN;
    private boolean strict;
    private Path reportDir;

    private ConformanceTests(Supplier<URI> endpoint) {
        this.endpoint = endpoint;
    }

    /** The endpoint to test; it must echo every text and binary message. */
    public static ConformanceTests forEndpoint(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new ConformanceTests(() -> endpoint);
    }

    /**
     * The endpoint, resolved when the first case runs (e.g. an embedded server started in
     * {@code @BeforeAll} after the factory method was called).
     */
    public static ConformanceTests forEndpoint(Supplier<URI> endpoint) {
        return new ConformanceTests(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** Only these cases: ids ("2.5") or prefixes ("6.4.*", "7.*"). */
    public ConformanceTests include(String... patterns) {
        includes.addAll(List.of(patterns));
        return this;
    }

    /** Leaves these cases out: ids or prefixes. */
    public ConformanceTests exclude(String... patterns) {
        excludes.addAll(List.of(patterns));
        return this;
    }

    /** Accepts a known deviation (ids or prefixes); the reason appears in the test and the reports. */
    public ConformanceTests acceptDeviation(String pattern, String reason) {
        accepted.put(pattern, reason);
        return this;
    }

    /**
     * Autobahn's second, which every wait of a case is a multiple of (the close reply, the TCP close, kill
     * timers, pauses); default 1 s, as Autobahn.
     */
    public ConformanceTests caseTimeout(Duration timeout) {
        this.caseTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** How a case's verdict is made from its two columns; default {@link VerdictRule#AUTOBAHN}. */
    public ConformanceTests verdictRule(VerdictRule rule) {
        this.verdictRule = Objects.requireNonNull(rule, "rule");
        return this;
    }

    /** A handshake header for every case (e.g. Authorization); redacted in reports. */
    public ConformanceTests header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** NON-STRICT verdicts fail their test too. */
    public ConformanceTests strict() {
        this.strict = true;
        return this;
    }

    /** Writes conformance.json and conformance.html into this directory after the last case. */
    public ConformanceTests reportTo(Path directory) {
        this.reportDir = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** One container per category, one test per case, and a final test writing the reports if asked. */
    public Stream<DynamicNode> dynamicTests() {
        // validates the patterns now, so that a typo fails the factory instead of every test
        ConformanceRunner preview = runner(URI.create("ws://127.0.0.1/"));
        List<ConformanceCase> cases = preview.selectedCases();
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no conformance case matches include=" + includes + " exclude="
                    + excludes + "; ids look like \"1.1.1\" or \"6.4.*\"");
        }
        Holder holder = new Holder();
        ConcurrentLinkedQueue<CaseResult> results = new ConcurrentLinkedQueue<>();
        Map<Category, List<DynamicNode>> byCategory = new LinkedHashMap<>();
        for (ConformanceCase c : cases) {
            byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(DynamicTest.dynamicTest(
                    c.id() + " " + c.description(), () -> check(holder.get(), c, results::add)));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        byCategory.forEach((cat, tests) -> nodes.add(DynamicContainer.dynamicContainer(cat.toString(), tests)));
        if (reportDir != null) {
            nodes.add(DynamicTest.dynamicTest("write conformance reports to " + reportDir, () -> {
                List<CaseResult> all = new ArrayList<>(results);
                all.sort(java.util.Comparator.comparingInt(r -> cases.indexOf(r.conformanceCase())));
                ConformanceReport report = new ConformanceReport(holder.target(), holder.started, Duration.between(
                        holder.started == null ? Instant.now() : holder.started, Instant.now()), verdictRule, all);
                try {
                    ConformanceReports.writeJson(report, reportDir.resolve("conformance.json"));
                    ConformanceReports.writeHtml(report, reportDir.resolve("conformance.html"));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the conformance reports to " + reportDir, e);
                }
            }));
        }
        return nodes.stream();
    }

    private final class Holder {
        private ConformanceRunner runner;
        private URI uri;
        private Instant started;
        private ConformanceSetupException setupFailure;

        /** The runner, after one echo check of the endpoint; every case fails alike if that check failed. */
        synchronized ConformanceRunner get() {
            if (runner == null && setupFailure == null) {
                uri = Objects.requireNonNull(endpoint.get(), "the endpoint supplier returned null");
                started = Instant.now();
                ConformanceRunner r = runner(uri);
                try {
                    r.checkEcho();
                    runner = r;
                } catch (ConformanceSetupException e) {
                    setupFailure = e;
                }
            }
            if (setupFailure != null) {
                throw new AssertionFailedError(setupFailure.getMessage(), setupFailure);
            }
            return runner;
        }

        synchronized String target() {
            return uri == null ? "(not run)" : uri.toString();
        }
    }

    private ConformanceRunner runner(URI uri) {
        ConformanceRunner.Builder b = ConformanceRunner.builder(uri).caseTimeout(caseTimeout).verdictRule(verdictRule);
        if (!includes.isEmpty()) {
            b.include(includes.toArray(new String[0]));
        }
        if (!excludes.isEmpty()) {
            b.exclude(excludes.toArray(new String[0]));
        }
        accepted.forEach(b::acceptDeviation);
        headers.forEach(b::header);
        return b.build();
    }

    private void check(ConformanceRunner runner, ConformanceCase c, Consumer<CaseResult> sink) {
        CaseResult r = runner.run(c);
        sink.accept(r);
        boolean bad = r.verdict() == Verdict.FAILED || (strict && r.verdict() == Verdict.NON_STRICT);
        if (r.acceptedDeviation().isPresent()) {
            if (!bad) {
                throw new AssertionFailedError("Case " + c.id() + " is accepted as a known deviation (\""
                        + r.acceptedDeviation().get() + "\") but now earns " + r.verdict().label()
                        + ".\nRemove acceptDeviation(\"" + c.id() + "\", ...) for it.\n\n" + r.explain());
            }
            return;
        }
        if (bad) {
            throw new AssertionFailedError(r.explain() + "\nHint: if this deviation is known and accepted, add"
                    + " .acceptDeviation(\"" + c.id() + "\", \"<why>\") to the conformance factory.",
                    r.conformanceCase().requirement(), String.join("; ", r.notes()));
        }
    }
}
