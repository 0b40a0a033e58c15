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
 * Every judged case of the catalogue earns FAILED against a server that breaks the rule the case checks.
 * Each case is run once against the broken server whose defect it must catch; the servers and runs are
 * shared by the whole class.
 */
@Timeout(180)
class BrokenServerProofTest {

    private static final Duration WAIT = Duration.ofMillis(250);
    private static final Map<Mode, BrokenServer> SERVERS = new EnumMap<>(Mode.class);
    private static final Map<String, CaseResult> RESULTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The defect that must make this case fail. */
    static Mode defectFor(ConformanceCase c) {
        if (c.expectsServerToFail()) {
            return Mode.LENIENT;
        }
        boolean noEvents = c.alternatives().get(Verdict.OK).isEmpty();
        if (noEvents && c.category() == Category.CLOSE) {
            return Mode.CLOSE_IGNORER;
        }
        return Mode.CORRUPTING;
    }

    @BeforeAll
    static void runAgainstBrokenServers() throws Exception {
        for (Mode m : Mode.values()) {
            SERVERS.put(m, BrokenServer.start(m));
        }
        Map<Mode, List<ConformanceCase>> byMode = ConformanceCatalogue.all().stream()
                .collect(Collectors.groupingBy(BrokenServerProofTest::defectFor));
        byMode.entrySet().parallelStream().forEach(e -> {
            ConformanceReport r = ConformanceRunner.builder(SERVERS.get(e.getKey()).uri()).cases(e.getValue())
                    .caseTimeout(WAIT).skipEchoCheck().run();
            r.results().forEach(res -> RESULTS.put(res.id(), res));
        });
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(BrokenServer::close);
    }

    static Stream<ConformanceCase> judgedCases() {
        return ConformanceCatalogue.all().stream().filter(c -> !c.isInformational());
    }

    static Stream<ConformanceCase> informationalCases() {
        return ConformanceCatalogue.all().stream().filter(ConformanceCase::isInformational);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("judgedCases")
    @DisplayName("FAILED against the broken server whose defect the case targets")
    void failsAgainstItsBrokenServer(ConformanceCase c) {
        CaseResult r = RESULTS.get(c.id());
        assertThat(r.verdict()).as("case %s against the %s server:%n%s", c.id(), defectFor(c), r.explain())
                .isEqualTo(Verdict.FAILED);
        assertThat(r.notes()).as("a FAILED verdict says why").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("informationalCases")
    @DisplayName("INFORMATIONAL whatever the server does")
    void informationalStaysInformational(ConformanceCase c) {
        assertThat(RESULTS.get(c.id()).verdict()).isEqualTo(Verdict.INFORMATIONAL);
    }

    @Test
    @DisplayName("a wrong close code in answer to a valid one (7.7.x) is FAILED, with the code named")
    void wrongCloseCode() {
        ConformanceReport r = ConformanceRunner.builder(SERVERS.get(Mode.CORRUPTING).uri()).include("7.7.*")
                .caseTimeout(WAIT).skipEchoCheck().run();
        assertThat(r.results()).hasSize(13).allSatisfy(res -> {
            assertThat(res.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(res.closeBehaviour()).isEqualTo(CloseBehaviour.WRONG_CODE);
            assertThat(res.notes()).anyMatch(n -> n.contains("3333"));
        });
    }

    @Test
    @DisplayName("a server that does not echo is refused before any case runs, with the frames exchanged")
    void echoCheck() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConformanceRunner.builder(
                SERVERS.get(Mode.CORRUPTING).uri()).caseTimeout(WAIT).run())
                .isInstanceOf(ConformanceSetupException.class)
                .hasMessageContaining("does not echo. Sent a text message and expected it back within 500 ms")
                .hasMessageContaining("<-     +")
                .hasMessageContaining("\"ws-test conformance: echo check!\"");
    }

    @Test
    @DisplayName("a server that keeps TCP open after the closing handshake is NON-STRICT (RFC 6455 section 7.1.1)")
    void keepsTcpOpen() {
        ConformanceReport r = ConformanceRunner.builder(SERVERS.get(Mode.KEEPS_TCP_OPEN).uri())
                .include("1.1.1", "7.3.3").caseTimeout(WAIT).run();
        assertThat(r.results()).allSatisfy(res -> {
            assertThat(res.verdict()).as(res.explain()).isEqualTo(Verdict.NON_STRICT);
            assertThat(res.closeBehaviour()).isEqualTo(CloseBehaviour.CLIENT_DROPPED_TCP);
        });
    }

    @Test
    @DisplayName("accepted deviations keep their verdict but do not fail the run")
    void acceptedDeviation() {
        ConformanceReport r = ConformanceRunner.builder(SERVERS.get(Mode.LENIENT).uri()).include("3.1", "3.5")
                .acceptDeviation("3.1", "known: RSV bits are ignored, ticket WS-1").caseTimeout(WAIT).run();
        assertThat(r.result("3.1").orElseThrow().verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.result("3.1").orElseThrow().acceptedDeviation()).hasValue("known: RSV bits are ignored, ticket WS-1");
        assertThat(r.unacceptedFailures()).extracting(CaseResult::id).containsExactly("3.5");
        assertThat(r.passed()).isFalse();
        assertThat(ConformanceReports.summary(r)).contains("3.1", "(accepted deviation: known: RSV bits are ignored",
                "1 case(s) FAILED");
    }
}
