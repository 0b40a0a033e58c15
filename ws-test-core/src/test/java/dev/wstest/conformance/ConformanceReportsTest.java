package dev.wstest.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wstest.server.WsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Console summary, JSON and HTML of a small run against the embedded Tyrus echo server. */
@Timeout(60)
class ConformanceReportsTest {

    static WsServer server;
    static ConformanceReport report;

    @BeforeAll
    static void run() {
        server = WsServer.builder().name("echo").lenient().start(); // lenient: Tyrus accepts unmasked frames, ws.1 FAILS
        report = ConformanceRunner.builder(server.uri()).include("ws.1", "2.1", "9.7.1")
                .header("Authorization", "Bearer secret-token").run();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("the console summary has a row per category, totals, and each FAILED case with both columns")
    void summary() {
        String s = ConformanceReports.summary(report);
        assertThat(s).contains("Conformance of " + server.uri() + ": 3 cases")
                .containsPattern("2 Pings and pongs\\s+1\\s+0\\s+0\\s+0\\s+0\\s+0")
                .containsPattern("ws ws-test's own\\s+0\\s+0\\s+1\\s+0\\s+0\\s+1")
                .containsPattern("Total\\s+2\\s+0\\s+1\\s+0\\s+0\\s+1")
                .contains("FAILED (behaviour / close behaviour):\n  ws.1      FAILED / FAILED  Send an UNMASKED text",
                        "received [TEXT \"Hello, world!\"] but expected nothing", "1 case(s) FAILED");
    }

    @Test
    @DisplayName("JSON: one entry per case with verdicts and frames; long transcripts elided; secrets redacted")
    void json(@TempDir Path dir) throws Exception {
        ConformanceReports.writeJson(report, dir.resolve("r.json"));
        JsonNode root = new ObjectMapper().readTree(Files.readString(dir.resolve("r.json")));
        assertThat(root.get("formatVersion").asInt()).isEqualTo(ConformanceReports.JSON_FORMAT_VERSION);
        assertThat(root.get("passed").asBoolean()).isFalse();
        assertThat(root.get("counts").get("FAILED").asInt()).isEqualTo(1);
        assertThat(root.get("cases")).hasSize(3);
        assertThat(root.get("verdictRule").asText()).isEqualTo("AUTOBAHN");
        JsonNode unmasked = root.get("cases").get(2);
        assertThat(unmasked.get("id").asText()).isEqualTo("ws.1");
        assertThat(unmasked.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(unmasked.get("behaviour").asText()).isEqualTo("FAILED");
        assertThat(unmasked.get("closeBehaviour").asText()).isEqualTo("FAILED");
        assertThat(unmasked.get("frames").get(1).get("event").asText()).isEqualTo("TEXT fin 13 bytes \"Hello, world!\"");
        JsonNode many = root.get("cases").get(1);
        assertThat(many.get("framesOmitted").asInt()).isGreaterThan(1000);
        assertThat(many.get("frames")).hasSize(CaseResult.MAX_LISTED_EVENTS);
        CaseResult kept = report.result("9.7.1").orElseThrow();
        assertThat(kept.transcript()).as("a result keeps head and tail, without payloads").hasSize(400)
                .allMatch(e -> e.frame() == null);
        assertThat(kept.omittedEvents()).isGreaterThan(1000);
        assertThat(kept.formatTranscript()).contains("  ... " + kept.omittedEvents() + " events omitted ...");
        assertThat(Files.readString(dir.resolve("r.json"))).doesNotContain("secret-token");
    }

    @Test
    @DisplayName("HTML: one row per case, expandable to its frames, text escaped")
    void html(@TempDir Path dir) throws Exception {
        ConformanceReports.writeHtml(report, dir.resolve("sub/r.html"));
        String html = Files.readString(dir.resolve("sub/r.html"));
        assertThat(html).contains("<tr id=\"case-ws.1\">", "<tr id=\"case-2.1\">", "<tr id=\"case-9.7.1\">",
                "<td class=\"v FAILED\">FAILED", "<details><summary>Send an UNMASKED text frame &quot;Hello, world!&quot;",
                "events omitted").doesNotContain("secret-token");
    }

    @Test
    @DisplayName("bad selections are rejected with the expected format")
    void badPatterns() {
        assertThatThrownBy(() -> ConformanceRunner.builder(server.uri()).include("six"))
                .hasMessageContaining("\"six\" is not a case id pattern; use an id such as \"2.5\"");
        assertThatThrownBy(() -> ConformanceRunner.builder(server.uri()).acceptDeviation("ws.1", " "))
                .hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> ConformanceRunner.builder("http://x/")).hasMessageContaining("ws:// or wss://");
        assertThatThrownBy(() -> ConformanceCatalogue.byId("8.1")).hasMessageContaining("no conformance case 8.1");
    }

    @Test
    @DisplayName("the catalogue: 517 + 7 unique ids in order, every category, each with a description and requirement")
    void catalogue() {
        assertThat(ConformanceCatalogue.all()).hasSize(524);
        assertThat(ConformanceCatalogue.all()).extracting(ConformanceCase::id).doesNotHaveDuplicates()
                .isSortedAccordingTo(ConformanceCatalogue::compareIds);
        assertThat(ConformanceCatalogue.byCategory()).containsOnlyKeys(Category.values());
        assertThat(ConformanceCatalogue.all()).allSatisfy(c -> {
            assertThat(c.description()).isNotBlank();
            assertThat(c.requirement()).isNotBlank();
        });
    }

    @Test
    @DisplayName("a server that is not there: the run refuses at once; without the check every case FAILED")
    void unreachable() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> ConformanceRunner.builder("ws://127.0.0.1:" + port + "/").run())
                .isInstanceOf(ConformanceSetupException.class)
                .hasMessageContaining("could not connect to ws://127.0.0.1:" + port + "/");
        ConformanceReport r = ConformanceRunner.builder("ws://127.0.0.1:" + port + "/").include("1.1.*")
                .skipEchoCheck().run();
        assertThat(r.results()).hasSize(8).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(c.notes().get(0)).startsWith("could not connect to ws://127.0.0.1:" + port + "/");
        });
    }
}
