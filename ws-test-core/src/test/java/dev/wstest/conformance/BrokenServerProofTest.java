package dev.wstest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.conformance.BrokenServer.Mode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every judged case of the catalogue catches a server that breaks the rule the case checks: its
 * combined verdict ({@link VerdictRule#WITH_CLOSE_BEHAVIOUR}) is FAILED, in at least one of the two
 * columns. Each case is run once against the broken server whose defect it must catch, with Autobahn's
 * second scaled down to 250 ms; the servers and runs are shared by the whole class.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BrokenServerProofTest {

    private static final Duration UNIT = Duration.ofMillis(250);
    private static final Map<Mode, BrokenServer> SERVERS = new EnumMap<>(Mode.class);
    private static final Map<String, CaseResult> RESULTS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The defect that must make this case fail: a server that accepts everything for the cases where the
     * server must fail the connection, a server that corrupts echoes, pongs and close codes for the others.
     */
    static Mode defectFor(ConformanceCase c) {
        return c.expectsServerToFail() ? Mode.LENIENT : Mode.CORRUPTING;
    }

    @BeforeAll
    static void runAgainstBrokenServers() throws Exception {
        for (Mode m : Mode.values()) {
            SERVERS.put(m, BrokenServer.start(m));
        }
        // the cases mostly wait on their own timers, so they run in chunks side by side, each on its own connections
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            ConformanceCatalogue.all().stream().collect(Collectors.groupingBy(BrokenServerProofTest::defectFor))
                    .forEach((mode, cases) -> {
                        for (int i = 0; i < cases.size(); i += 40) {
                            List<ConformanceCase> chunk = cases.subList(i, Math.min(cases.size(), i + 40));
                            runs.add(pool.submit(() -> ConformanceRunner.builder(SERVERS.get(mode).uri()).cases(chunk)
                                    .caseTimeout(UNIT).verdictRule(VerdictRule.WITH_CLOSE_BEHAVIOUR).skipEchoCheck()
                                    .run().results().forEach(res -> RESULTS.put(res.id(), res))));
                        }
                    });
            for (java.util.concurrent.Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(BrokenServer::close);
    }

    static Stream<ConformanceCase> judgedCases() {
        return ConformanceCatalogue.all().stream().filter(c -> !c.isInformational() && c.deflateOffers().isEmpty());
    }

    static Stream<ConformanceCase> informationalCases() {
        return ConformanceCatalogue.all().stream().filter(ConformanceCase::isInformational);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("judgedCases")
    @DisplayName("FAILED (combined verdict) against the broken server whose defect the case targets")
    void failsAgainstItsBrokenServer(ConformanceCase c) {
        CaseResult r = RESULTS.get(c.id());
        assertThat(r.verdict()).as("case %s against the %s server:%n%s", c.id(), defectFor(c), r.explain())
                .isEqualTo(Verdict.FAILED);
        assertThat(r.notes()).as("a FAILED verdict says why").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("informationalCases")
    @DisplayName("INFORMATIONAL in both columns whatever the server does")
    void informationalStaysInformational(ConformanceCase c) {
        assertThat(RESULTS.get(c.id()).behaviour()).isEqualTo(Verdict.INFORMATIONAL);
        assertThat(RESULTS.get(c.id()).closeBehaviour()).isEqualTo(CloseBehaviour.INFORMATIONAL);
    }

    @Test
    @DisplayName("12.x and 13.x against a server that does not negotiate permessage-deflate: UNIMPLEMENTED")
    void compressionUnimplemented() {
        List<CaseResult> deflate = RESULTS.values().stream().filter(r -> !r.conformanceCase().deflateOffers().isEmpty())
                .collect(Collectors.toList());
        assertThat(deflate).hasSize(216).allSatisfy(r -> {
            assertThat(r.behaviour()).isEqualTo(Verdict.UNIMPLEMENTED);
            assertThat(r.verdict()).as("not judged, also under the combined rule").isEqualTo(Verdict.UNIMPLEMENTED);
            assertThat(r.notes().get(0)).contains("did not accept permessage-deflate");
        });
    }

    @Test
    @DisplayName("two columns: a server that echoes an RSV frame sends nothing wrong (behaviour OK) but did not fail"
            + " the connection (close FAILED); Autobahn's headline is OK, the combined one FAILED")
    void twoColumns() {
        ConformanceRunner.Builder b = ConformanceRunner.builder(SERVERS.get(Mode.LENIENT).uri()).include("3.1")
                .caseTimeout(UNIT).skipEchoCheck();
        CaseResult autobahn = b.run().results().get(0);
        assertThat(autobahn.behaviour()).isEqualTo(Verdict.OK);
        assertThat(autobahn.closeBehaviour()).isEqualTo(CloseBehaviour.FAILED);
        assertThat(autobahn.verdict()).isEqualTo(Verdict.OK);
        assertThat(autobahn.notes()).anyMatch(n -> n.contains("RSV = 1 with no extension negotiated"));
        CaseResult combined = b.verdictRule(VerdictRule.WITH_CLOSE_BEHAVIOUR).run().results().get(0);
        assertThat(combined.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    @DisplayName("a wrong close code in answer to a valid one (7.7.x) is FAILED in Autobahn's headline, with the code named")
    void wrongCloseCode() {
        ConformanceReport r = ConformanceRunner.builder(SERVERS.get(Mode.CORRUPTING).uri()).include("7.7.*")
                .caseTimeout(UNIT).skipEchoCheck().run();
        assertThat(r.results()).hasSize(13).allSatisfy(res -> {
            assertThat(res.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(res.closeBehaviour()).isEqualTo(CloseBehaviour.WRONG_CODE);
            assertThat(res.serverCloseCode()).hasValue(3333);
            assertThat(res.notes()).anyMatch(n -> n.contains("3333"));
        });
    }

    @Test
    @DisplayName("a server that does not answer the client's close: UNCLEAN where a clean close is required")
    void ignoresClose() {
        ConformanceReport r = ConformanceRunner.builder(SERVERS.get(Mode.CLOSE_IGNORER).uri()).include("2.1", "7.3.3")
                .caseTimeout(UNIT).run();
        assertThat(r.results()).allSatisfy(res -> {
            assertThat(res.behaviour()).as(res.explain()).isEqualTo(Verdict.OK);
            assertThat(res.closeBehaviour()).isEqualTo(CloseBehaviour.UNCLEAN);
            assertThat(res.notes()).anyMatch(n -> n.contains("did not answer the client's close frame within 250 ms"));
        });
    }

    @Test
    @DisplayName("a server that keeps TCP open after the closing handshake: UNCLEAN once the client's 1 s wait for it"
            + " ends, FAILED BY CLIENT when the case's kill timer ends it first (Autobahn's timers, in its order)")
    void keepsTcpOpen() {
        ConformanceReport r = ConformanceRunner.builder(SERVERS.get(Mode.KEEPS_TCP_OPEN).uri())
                .include("1.1.1", "2.1").caseTimeout(UNIT).run();
        CaseResult killed = r.result("1.1.1").orElseThrow();
        assertThat(killed.behaviour()).isEqualTo(Verdict.OK);
        assertThat(killed.closeBehaviour()).as(killed.explain()).isEqualTo(CloseBehaviour.FAILED_BY_CLIENT);
        assertThat(killed.notes()).anyMatch(n -> n.contains("kill timer fired"));
        CaseResult waited = r.result("2.1").orElseThrow();
        assertThat(waited.closeBehaviour()).as(waited.explain()).isEqualTo(CloseBehaviour.UNCLEAN);
        assertThat(waited.notes()).anyMatch(n -> n.contains("kept TCP open for 250 ms"));
    }

    @Test
    @DisplayName("a keepalive ping from the server does not end a case judged by its script (9.7.1: 1000 echoes)")
    void keepalivePing() {
        ConformanceReport r = ConformanceRunner.builder(SERVERS.get(Mode.PINGS_FIRST).uri()).include("9.7.1", "2.1")
                .skipEchoCheck().run();
        CaseResult limit = r.result("9.7.1").orElseThrow();
        assertThat(limit.behaviour()).as(limit.explain()).isEqualTo(Verdict.OK);
        assertThat(limit.transcript()).anyMatch(e -> e.description().startsWith("PONG fin masked 9 bytes"));
        CaseResult events = r.result("2.1").orElseThrow();
        assertThat(events.behaviour()).as("a case judged by its events records the ping, as Autobahn's does:%n%s",
                events.explain()).isEqualTo(Verdict.FAILED);
        assertThat(events.received()).startsWith(Expected.ping("keepalive".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("a server that does not echo is refused before any case runs, with the frames exchanged")
    void echoCheck() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConformanceRunner.builder(
                SERVERS.get(Mode.CORRUPTING).uri()).caseTimeout(UNIT).run())
                .isInstanceOf(ConformanceSetupException.class)
                .hasMessageContaining("does not echo. Sent a text message and expected it back within 500 ms")
                .hasMessageContaining("<-     +")
                .hasMessageContaining("\"ws-test conformance: echo check!\"");
    }

    @Test
    @DisplayName("accepted deviations keep their verdict but do not fail the run")
    void acceptedDeviation() {
        ConformanceReport r = ConformanceRunner.builder(SERVERS.get(Mode.CORRUPTING).uri()).include("2.1", "2.2")
                .acceptDeviation("2.1", "known: pongs carry a suffix, ticket WS-1").caseTimeout(UNIT)
                .skipEchoCheck().run();
        assertThat(r.result("2.1").orElseThrow().verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.result("2.1").orElseThrow().acceptedDeviation()).hasValue("known: pongs carry a suffix, ticket WS-1");
        assertThat(r.unacceptedFailures()).extracting(CaseResult::id).containsExactly("2.2");
        assertThat(r.passed()).isFalse();
        assertThat(ConformanceReports.summary(r)).contains("2.1", "(accepted deviation: known: pongs carry a suffix",
                "1 case(s) FAILED");
    }
}
