package dev.wstest.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wstest.benchmarks.report.Goal;
import dev.wstest.benchmarks.report.Machine;
import dev.wstest.benchmarks.report.Report;
import dev.wstest.benchmarks.report.Row;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The build never runs the benchmarks; it checks that the harness around them still works. */
@Timeout(60)
class HarnessSmokeTest {

    private static final Report REPORT = new Report(Machine.current(), "benchmarks/run --quick", "quick",
            Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(90), "0.50 0.40 0.30", List.of(
            Row.of("per-test", "1,000 tests", "ms/test", 3.0).against("raw Tyrus + latch", 6.0)
                    .goal(Goal.all(Goal.ratioAtMost(0.5), Goal.atMost(2, "ms"))),
            Row.of("message", "pipelined 64 B", "msg/s", 52_100.0).against("raw Tyrus", 54_300.0)
                    .goal(Goal.ratioAtLeast(1.0)).note("JMH, median"),
            Row.of("message", "node ws server", "", null).note("skipped: node missing")));

    @Test
    void tablePrintsMachineFiguresRatiosAndVerdicts() {
        String table = REPORT.table();

        assertThat(table).contains("machine: ", " cores", "jvm:     ", "load:    ", "at start, 0.50 0.40 0.30 at end",
                "run:     benchmarks/run --quick (quick");
        assertThat(table).contains("| section ", " ws-test |", " baseline |", " ratio |", "| goal ", "| met |");
        assertThat(table.lines().filter(l -> l.contains("1,000 tests")).findFirst()).hasValueSatisfying(line ->
                assertThat(line).contains("3.00 ms/test", "raw Tyrus + latch: 6.00 ms/test", "0.50",
                        "≤ 0.50× and ≤ 2.00 ms", "NO"));
        assertThat(table.lines().filter(l -> l.contains("pipelined 64 B")).findFirst()).hasValueSatisfying(line ->
                assertThat(line).contains("52,100 msg/s", "raw Tyrus: 54,300 msg/s", "0.96", "≥ 1.00×", "NO"));
        assertThat(table).contains("- pipelined 64 B: JMH, median", "- node ws server: skipped: node missing");
    }

    @Test
    void jsonCarriesTheSameFigures(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/benchmarks.json");
        REPORT.writeJson(file);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.path("machine").path("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(root.path("mode").asText()).isEqualTo("quick");
        JsonNode first = root.path("rows").get(0);
        assertThat(first.path("value").asDouble()).isEqualTo(3.0);
        assertThat(first.path("baseline").asDouble()).isEqualTo(6.0);
        assertThat(first.path("ratio").asDouble()).isEqualTo(0.5);
        assertThat(first.path("meetsGoal").asBoolean()).isFalse();
        JsonNode missing = root.path("rows").get(2);
        assertThat(missing.path("value").isNull()).isTrue();
        assertThat(missing.path("meetsGoal").isNull()).isTrue();
    }

    @Test
    void jmhGeneratedTheBenchmarkList() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("JMH's annotation processor did not run").isNotNull();
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list).contains("MessagePathBenchmark_roundTrip_jmhTest", "MessagePathBenchmark_pipelined_jmhTest",
                    "RecorderBenchmark_clientInbound_jmhTest", "RecorderBenchmark_serverInbound_jmhTest");
        }
    }
}
