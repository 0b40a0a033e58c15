package dev.wstest.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.scenario.ScenarioFile;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the harness writes as text at run time (test sources, a scenario file) is not checked by the compiler;
 * these keep it from rotting as ws-test's API moves.
 */
@Timeout(120)
class GeneratedInputsTest {

    @Test
    void perTestSuitesCompileAgainstTodaysApi(@TempDir Path dir) throws Exception {
        Path classes = GeneratedTests.compile(dir, System.getProperty("java.class.path"));

        for (int n = 0; n < GeneratedTests.CLASSES; n++) {
            assertThat(classes.resolve(GeneratedTests.PACKAGE + "/WsTest" + n + ".class")).exists();
            assertThat(classes.resolve(GeneratedTests.PACKAGE + "/RawTyrus" + n + ".class")).exists();
        }
        assertThat(Files.readString(dir.resolve("src/" + GeneratedTests.PACKAGE + "/WsTest0.java")))
                .contains("@WebSocketTest", "assertThat(client).receivesText(\"message 99\");");
    }

    @Test
    void cliScenarioHasTenSteps() {
        ScenarioFile file = ScenarioLoader.parse("ten-steps.ws", CliStartSection.SCENARIO, ScenarioVariables.none());

        assertThat(file.scenarios()).hasSize(1);
        // the file's embedded echo server, then the ten steps of the scenario
        assertThat(file.scenarios().get(0).steps()).hasSize(11);
        assertThat(file.scenarios().get(0).steps().get(0)).hasToString("ten-steps.ws:1: server echo");
    }
}
