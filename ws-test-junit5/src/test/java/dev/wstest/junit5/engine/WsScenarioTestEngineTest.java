package dev.wstest.junit5.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.wstest.scenario.ScenarioFailure;
import dev.wstest.scenario.ScenarioSyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/** The engine through the testkit: discovery, results, failures, configuration. */
@Timeout(60)
class WsScenarioTestEngineTest {

    static EngineTestKit.Builder kit() {
        return EngineTestKit.engine(WsScenarioTestEngine.ENGINE_ID)
                .configurationParameter(WsScenarioTestEngine.ENVIRONMENT, "false");
    }

    @Test
    void aClasspathFolderGivesOneContainerPerFileAndOneTestPerScenario() {
        EngineExecutionResults results = kit().selectors(selectClasspathResource("engine-fixtures/ok"))
                .configurationParameter(WsScenarioTestEngine.VAR_PREFIX + "GREETING", "hello")
                .execute();
        Events events = results.allEvents();
        events.assertThatEvents().haveExactly(1, event(container(displayName("engine-fixtures/ok/two.ws")),
                finishedSuccessfully()));
        events.assertThatEvents().haveExactly(1, event(test(displayName("passes")), finishedSuccessfully()));
        events.assertThatEvents().haveExactly(1, event(test(displayName("needs-var")), finishedSuccessfully()));
        events.assertThatEvents().haveExactly(1, event(test(displayName("fails at line 10")),
                finishedWithFailure(instanceOf(ScenarioFailure.class), message(m -> m.startsWith(
                        "Step failed at engine-fixtures/ok/two.ws:10:\n  expect text \"never\" within 100ms\n\n")
                        && m.contains("Frames since connect")))));
        assertThat(results.containerEvents().started().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .doesNotContain("engine-fixtures/ok/_partial.ws");
        Event passed = results.testEvents().succeeded().list().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals("passes")).findFirst().orElseThrow();
        assertThat(passed.getTestDescriptor().getSource()).get().isInstanceOfSatisfying(ClasspathResourceSource.class,
                s -> {
                    assertThat(s.getClasspathResourceName()).isEqualTo("engine-fixtures/ok/two.ws");
                    assertThat(s.getPosition()).get().satisfies(p -> assertThat(p.getLine()).isEqualTo(3));
                });
    }

    @Test
    void stepsAndFrameLogsArePublishedAsReportEntries() {
        Events events = kit().selectors(selectClasspathResource("engine-fixtures/ok/two.ws")).execute().allEvents();
        List<Map<String, String>> entries = events.reportingEntryPublished().list().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .collect(Collectors.toList());
        assertThat(entries).anySatisfy(m -> {
            assertThat(m).containsEntry(ReportEntries.STEP, "passed")
                    .containsEntry(ReportEntries.STEP_LOCATION, "engine-fixtures/ok/two.ws:5")
                    .containsEntry(ReportEntries.STEP_TEXT, "send text \"${WORD:-hi}\"");
        });
        assertThat(entries).anySatisfy(m -> assertThat(m).containsEntry(ReportEntries.STEP, "failed")
                .containsEntry(ReportEntries.STEP_LOCATION, "engine-fixtures/ok/two.ws:10"));
        assertThat(entries).anySatisfy(m -> {
            assertThat(m).containsEntry(ReportEntries.CONNECTION, "c");
            assertThat(m.get(ReportEntries.CONNECTION_LOG)).contains("TEXT   \"hi\"");
            assertThat(m.get(ReportEntries.CONNECTION_EVENTS)).contains("\"dir\":\"out\"", "\"type\":\"TEXT\"");
        });
    }

    @Test
    void aFileThatDoesNotLoadIsAFailedContainerAndNothingOfItRuns() {
        EngineExecutionResults results = kit().selectors(selectClasspathResource("engine-fixtures/broken")).execute();
        Events events = results.allEvents();
        events.assertThatEvents().haveExactly(1, event(container(displayName("engine-fixtures/broken/syntax.ws")),
                finishedWithFailure(instanceOf(ScenarioSyntaxException.class),
                        message(m -> m.startsWith("engine-fixtures/broken/syntax.ws:3:10: expected")))));
        assertThat(results.testEvents().started().count()).isZero();
    }

    @Test
    void anUnknownVariableFailsTheFileAtLoadTime() {
        EngineExecutionResults results = kit().selectors(selectClasspathResource("engine-fixtures/ok/needs-var.ws"))
                .execute();
        Events events = results.allEvents();
        events.assertThatEvents().haveExactly(1, event(container(displayName("engine-fixtures/ok/needs-var.ws")),
                finishedWithFailure(message(m -> m.contains("needs-var.ws:3:12: expected a defined variable but"
                        + " found ${GREETING}")))));
        assertThat(results.testEvents().started().count()).isZero();
    }

    @Test
    void fileAndDirectorySelectorsWithAnEnvFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("one.ws");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "server echo\nconnect ${server.url}\nsend text \"${FROM_FILE}\"\n"
                + "expect text \"from env file\"\n");
        Path env = dir.resolve("test.env");
        Files.writeString(env, "FROM_FILE=from env file\n");
        for (var selector : List.of(selectFile(file.toFile()), selectDirectory(dir.toFile()))) {
            kit().selectors(selector).configurationParameter(WsScenarioTestEngine.ENV_FILES, env.toString())
                    .execute().testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        }
    }

    @Test
    void failFastSkipsTheRestAndParallelRunsEverything(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("server echo\n");
        text.append("scenario \"first fails\"\n  connect ${server.url}\n  expect text \"x\" within 50ms\n");
        for (int i = 0; i < 4; i++) {
            text.append("scenario \"s").append(i).append("\"\n  connect ${server.url}\n  send text \"")
                    .append(i).append("\"\n  expect text \"").append(i).append("\"\n");
        }
        Path file = dir.resolve("many.ws");
        Files.writeString(file, text);
        kit().selectors(selectFile(file.toFile())).configurationParameter(WsScenarioTestEngine.FAIL_FAST, "true")
                .execute().allEvents().assertThatEvents()
                .haveExactly(4, event(test(), skippedWithReason("fail-fast: an earlier scenario failed")));
        kit().selectors(selectFile(file.toFile())).configurationParameter(WsScenarioTestEngine.PARALLELISM, "3")
                .execute().testEvents().assertStatistics(s -> s.started(5).succeeded(4).failed(1));
    }

    @Test
    void aUniqueIdSelectsOneScenario() {
        UniqueId scenario = UniqueId.forEngine(WsScenarioTestEngine.ENGINE_ID)
                .append("file", "classpath:engine-fixtures/ok/two.ws").append("scenario", "passes");
        kit().selectors(selectUniqueId(scenario)).execute().testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    @Test
    void theTimeoutParameterSetsTheDefaultWait(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.ws");
        Files.writeString(file, "server echo\nconnect ${server.url}\nexpect text \"never\"\n");
        Events events = kit().selectors(selectFile(file.toFile()))
                .configurationParameter(WsScenarioTestEngine.TIMEOUT, "150ms").execute().testEvents();
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains("within 150ms")))));
        assertThat(events.list()).filteredOn(e -> e.getType() == EventType.FINISHED).hasSize(1);
    }

    @Test
    void theTimeoutParameterReadsTheOneDurationNotation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.ws");
        Files.writeString(file, "server echo\nconnect ${server.url}\nexpect text \"never\"\n");
        Events events = kit().selectors(selectFile(file.toFile()))
                .configurationParameter(WsScenarioTestEngine.TIMEOUT, "0.15s").execute().testEvents();
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains("within 150ms")))));
        assertThatThrownBy(() -> EngineSettings.duration("5")).hasMessage("configuration parameter wstest.timeout:"
                + " expected a duration like 500ms, 1.5s or 2m but found \"5\": add a unit: 5s or 5ms");
    }
}
