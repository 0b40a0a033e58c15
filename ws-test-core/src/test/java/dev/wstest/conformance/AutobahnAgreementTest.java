package dev.wstest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The suite's verdicts agree case for case with the real Autobahn|Testsuite's on the four reference servers
 * (test resources conformance/reference/, with where the data came from), in both columns: Autobahn's
 * {@code behavior} and {@code behaviorClose}. Ids Autobahn itself answers either way from run to run
 * (3.4, 4.1.5 and 4.2.5 for python websockets) count if either OK or NON-STRICT, and so does 3.3 there:
 * Autobahn's run gave NON-STRICT, ours gives OK or NON-STRICT depending on whether python websockets flushes
 * its echo of the valid frame before it fails the connection on the next one (both seen in builds here).
 *
 * <p>Categories 12 and 13 (permessage-deflate), for which Autobahn's own run was not made, must be OK in
 * both columns against node ws with {@code perMessageDeflate: true} (the reference: all OK in ws's
 * published reports) and python websockets (deflate on by default), except where python websockets 10.4
 * cannot do what the case asks: 13.3.x, 13.5.x and 13.7.x offer {@code server_max_window_bits=8}, for
 * which zlib cannot make a raw compressor, and websockets answers HTTP 500 or closes with 1011
 * (python-websockets/websockets#410, "websockets crashes when the remote endpoint requests a window size
 * of 8 bits"). Those are FAILED, as they would be under Autobahn's own client.
 *
 * <p>In the build ({@code -Dwstest.agreement} unset) categories 1-10 run in full against each server and
 * 12/13 on their first four message sizes (16 bytes to 1 KiB, 1000 messages each); the full run of all 517
 * cases is {@code mvn -B verify -pl ws-test-core -am -Dtest=AutobahnAgreementTest -Dwstest.agreement=full
 * -Dsurefire.forkTimeout=0 -Dsurefire.failIfNoSpecifiedTests=false}. Each run writes what it measured to
 * target/conformance-agreement/ (agreement.md is the table in docs/conformance.md).
 */
@Timeout(value = 3600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnAgreementTest {

    private static final boolean FULL = "full".equals(System.getProperty("wstest.agreement"));
    private static final Path OUT = Path.of("target", "conformance-agreement");
    private static final Map<String, Set<String>> EITHER_WAY = Map.of(
            "python-websockets-10.4.json", Set.of("3.3", "3.4", "4.1.5", "4.2.5"));
    private static final Map<ReferenceServer.Kind, String> ROWS = new ConcurrentHashMap<>();
    private static final Map<ReferenceServer.Kind, String> DEFLATE_ROWS = new ConcurrentHashMap<>();

    /** Autobahn's verdicts for one server: id to (behavior, behaviorClose). */
    static Map<String, String[]> reference(String file) throws IOException {
        try (InputStream in = AutobahnAgreementTest.class.getResourceAsStream("/conformance/reference/" + file)) {
            JsonNode root = new ObjectMapper().readTree(in);
            JsonNode cases = root.elements().next();
            Map<String, String[]> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), new String[] {e.getValue().get("behavior").asText(),
                        e.getValue().get("behaviorClose").asText()});
            }
            return out;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ReferenceServer.Kind.class, names = {"NODE_WS", "PYTHON_WEBSOCKETS", "TYRUS", "NETTY"})
    @DisplayName("categories 1-10: both columns agree with Autobahn's, case for case")
    void agreesWithAutobahn(ReferenceServer.Kind kind) throws Exception {
        Map<String, String[]> ref = reference(kind.referenceFile);
        ConformanceReport report;
        try (ReferenceServer server = ReferenceServer.start(kind)) {
            report = ConformanceRunner.builder(server.uri()).include(ref.keySet().toArray(new String[0])).run();
        }
        ConformanceReports.writeJson(report, OUT.resolve(kind.name().toLowerCase() + ".json"));
        Set<String> eitherWay = EITHER_WAY.getOrDefault(kind.referenceFile, Set.of());
        List<String> disagreements = new ArrayList<>();
        int agree = 0;
        for (CaseResult r : report.results()) {
            String[] expected = ref.get(r.id());
            boolean behaviourAgrees = expected[0].equals(r.behaviour().label()) || eitherWay.contains(r.id())
                    && (r.behaviour() == Verdict.OK || r.behaviour() == Verdict.NON_STRICT);
            if (behaviourAgrees && expected[1].equals(r.closeBehaviour().label())) {
                agree++;
            } else {
                disagreements.add(r.id() + ": Autobahn " + expected[0] + " / " + expected[1] + ", ws-test "
                        + r.behaviour().label() + " / " + r.closeBehaviour().label() + "\n" + indent(r.explain()));
            }
        }
        ROWS.put(kind, row(kind.title, report, ref.size(), agree));
        assertThat(report.results()).as("every id of the reference ran").hasSize(ref.size());
        assertThat(disagreements).as("%s: %d of %d ids agree; the others (Autobahn behavior / behaviorClose, then"
                + " ws-test's, then the case and its frames):%n%s", kind.title, agree, ref.size(),
                String.join("\n", disagreements)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ReferenceServer.Kind.class, names = {"NODE_WS_DEFLATE", "PYTHON_WEBSOCKETS"})
    @DisplayName("categories 12 and 13 (permessage-deflate): every case OK in both columns")
    void compressionIsOk(ReferenceServer.Kind kind) throws Exception {
        List<String> ids = ConformanceCatalogue.all().stream().map(ConformanceCase::id)
                .filter(id -> id.startsWith("12.") || id.startsWith("13."))
                .filter(id -> FULL || Integer.parseInt(id.substring(id.lastIndexOf('.') + 1)) <= 4)
                .collect(Collectors.toList());
        ConformanceReport report;
        try (ReferenceServer server = ReferenceServer.start(kind)) {
            report = ConformanceRunner.builder(server.uri()).include(ids.toArray(new String[0])).run();
        }
        ConformanceReports.writeJson(report, OUT.resolve(kind.name().toLowerCase() + "-deflate.json"));
        boolean python = kind == ReferenceServer.Kind.PYTHON_WEBSOCKETS;
        List<String> windowOf8 = List.of("13.3.", "13.5.", "13.7.");
        List<CaseResult> notOk = report.results().stream().filter(r -> r.behaviour() != Verdict.OK
                || r.closeBehaviour() != CloseBehaviour.OK).collect(Collectors.toList());
        if (python) {
            List<CaseResult> window8 = notOk.stream().filter(r -> windowOf8.stream().anyMatch(r.id()::startsWith))
                    .collect(Collectors.toList());
            assertThat(window8).as("python websockets cannot compress with an 8-bit window (websockets#410)")
                    .hasSize((int) ids.stream().filter(id -> windowOf8.stream().anyMatch(id::startsWith)).count())
                    .allSatisfy(r -> assertThat(r.behaviour()).isEqualTo(Verdict.FAILED));
            notOk.removeAll(window8);
        }
        DEFLATE_ROWS.put(kind, row(python ? kind.title + " (deflate on by default)" : kind.title, report, ids.size(),
                (int) report.results().stream().filter(r -> r.behaviour() == Verdict.OK
                        && r.closeBehaviour() == CloseBehaviour.OK).count()));
        assertThat(report.results()).hasSize(ids.size());
        assertThat(notOk).as("%s: cases not OK / OK:%n%s", kind.title, notOk.stream()
                .map(r -> indent(r.explain())).collect(Collectors.joining("\n"))).isEmpty();
    }

    private static String row(String title, ConformanceReport report, int ids, int agree) {
        Map<String, Long> counts = report.results().stream().collect(Collectors.groupingBy(
                r -> r.behaviour().label() + " / " + r.closeBehaviour().label(), LinkedHashMap::new, Collectors.counting()));
        String verdicts = counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return "| " + title + " | " + ids + " | " + agree + " | " + verdicts + " | "
                + String.format("%.1f s", report.duration().toMillis() / 1000.0) + " |";
    }

    private static String indent(String s) {
        return s.lines().map(l -> "      " + l).collect(Collectors.joining("\n"));
    }

    @AfterAll
    static void writeTable() throws IOException {
        Files.createDirectories(OUT);
        StringBuilder sb = new StringBuilder();
        sb.append("Measured by `AutobahnAgreementTest` (").append(FULL ? "full run" : "build run: 12.x/13.x on their"
                + " first four message sizes").append("), Java ").append(System.getProperty("java.version"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs.\n\n");
        if (!ROWS.isEmpty()) {
            sb.append("| server | Autobahn ids (1-10) | ids agreeing in both columns | ws-test behaviour / close"
                    + " behaviour | time |\n|---|---:|---:|---|---:|\n");
            for (ReferenceServer.Kind k : ReferenceServer.Kind.values()) {
                if (ROWS.containsKey(k)) {
                    sb.append(ROWS.get(k)).append('\n');
                }
            }
        }
        if (!DEFLATE_ROWS.isEmpty()) {
            sb.append("\n| server | 12.x/13.x cases run | OK in both columns | behaviour / close behaviour | time |\n"
                    + "|---|---:|---:|---|---:|\n");
            for (ReferenceServer.Kind k : ReferenceServer.Kind.values()) {
                if (DEFLATE_ROWS.containsKey(k)) {
                    sb.append(DEFLATE_ROWS.get(k)).append('\n');
                }
            }
        }
        Files.writeString(OUT.resolve("agreement.md"), sb.toString(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the catalogue has Autobahn's 517 ids, its generated UTF-8 payloads, and ids of its own outside them")
    void catalogueMatchesAutobahnsIds() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/conformance/reference/autobahn-cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        List<String> autobahnIds = new ArrayList<>();
        for (JsonNode c : cases) {
            String id = c.get("id").asText();
            autobahnIds.add(id);
            if (!c.get("valid").isNull()) {
                ConformanceCase ours = ConformanceCatalogue.byId(id);
                byte[] payload = java.util.HexFormat.of().parseHex(c.get("payload_hex").asText());
                boolean valid = c.get("valid").asBoolean();
                assertThat(ours.expectsServerToFail()).as("%s valid=%s", id, valid).isEqualTo(!valid);
                assertThat(ours.description()).as(id).contains("of " + payload.length + " bytes ("
                        + ConformanceCatalogue.hexString(payload) + ")");
                if (valid) {
                    assertThat(ours.alternatives().get(Verdict.OK)).as(id).containsExactly(Expected.text(payload));
                }
            }
        }
        List<String> ours = ConformanceCatalogue.all().stream().map(ConformanceCase::id).collect(Collectors.toList());
        assertThat(autobahnIds).hasSize(517);
        assertThat(ours.stream().filter(id -> !id.startsWith("ws."))).containsExactlyElementsOf(autobahnIds);
        assertThat(ours.stream().filter(id -> id.startsWith("ws."))).isNotEmpty()
                .noneMatch(autobahnIds::contains);
    }
}
