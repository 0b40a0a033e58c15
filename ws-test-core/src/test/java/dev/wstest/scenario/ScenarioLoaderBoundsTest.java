package dev.wstest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader cannot be crashed or hung by what a file holds or includes: nesting is bounded, and an included
 * file must be a regular file of at most 4 MiB. Each refusal is a {@link ScenarioSyntaxException} at the
 * offending token, so it names file:line:column.
 */
@Timeout(30)
class ScenarioLoaderBoundsTest {

    @TempDir
    Path dir;

    private static ScenarioSyntaxException syntaxError(Runnable load) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(load::run);
        assertThat(t).isInstanceOf(ScenarioSyntaxException.class);
        return (ScenarioSyntaxException) t;
    }

    private ScenarioSyntaxException includeError(String includedPath) throws IOException {
        Path main = dir.resolve("main.ws");
        Files.writeString(main, "var A = 1\ninclude \"" + includedPath + "\"\n");
        return syntaxError(() -> ScenarioLoader.load(main, ScenarioVariables.none()));
    }

    /**
     * Runs on a thread with the JVM's default stack size, as the JUnit engine's and the CLI's worker threads
     * do (the test's main thread has a bigger one).
     */
    private static Throwable onAWorkerThread(Runnable load) throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                load.run();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "loader");
        worker.start();
        worker.join(20_000);
        assertThat(worker.isAlive()).as("the load ended").isFalse();
        return thrown[0];
    }

    @Test
    @DisplayName("3,000 nested repeat blocks: an error at the 51st, not a StackOverflowError")
    void deepRepeatNesting() throws InterruptedException {
        String text = "server echo\nconnect ${server.url}\n" + "repeat 2\n".repeat(3000) + "send text \"x\"\n"
                + "end\n".repeat(3000);
        Throwable t = onAWorkerThread(() -> ScenarioLoader.parse("deep.ws", text, ScenarioVariables.none()));
        assertThat(t).isInstanceOf(ScenarioSyntaxException.class);
        ScenarioSyntaxException e = (ScenarioSyntaxException) t;
        assertThat(e.line()).isEqualTo(3 + 50);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.problem()).isEqualTo("expected repeat blocks nested at most 50 deep but found one more inside"
                + " them");
        String fifty = "server echo\nconnect ${server.url}\n" + "repeat 1\n".repeat(50) + "send text \"x\"\n"
                + "end\n".repeat(50);
        assertThat(ScenarioLoader.parse("fifty.ws", fifty, ScenarioVariables.none()).scenarios()).hasSize(1);
    }

    @Test
    @DisplayName("includes nested 21 deep: an error at the include that goes one too deep")
    void deepIncludeNesting() throws IOException {
        for (int i = 1; i <= 30; i++) {
            Files.writeString(dir.resolve("_" + i + ".ws"), "var V" + i + " = " + i + "\ninclude \"_" + (i + 1)
                    + ".ws\"\n");
        }
        Files.writeString(dir.resolve("_31.ws"), "var LAST = 1\n");
        ScenarioSyntaxException e = includeError("_1.ws");
        assertThat(e.source()).endsWith("_19.ws");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.problem()).startsWith("expected includes nested at most 20 deep but found one more inside ")
                .contains("main.ws -> ", "_1.ws -> ", "_19.ws");
        Files.writeString(dir.resolve("_10.ws"), "var V10 = 10\n");
        Path ok = dir.resolve("ok.ws");
        Files.writeString(ok, "include \"_1.ws\"\n");
        assertThat(ScenarioLoader.load(ok, ScenarioVariables.none()).scenarios()).hasSize(1);
    }

    @Test
    @DisplayName("include \"/dev/zero\": refused before reading (it used to hang, then run out of memory)")
    void deviceIsRefused() throws IOException {
        assumeThat(Path.of("/dev/zero")).exists();
        ScenarioSyntaxException e = includeError("/dev/zero");
        assertThat(e.getMessage()).startsWith(dir.resolve("main.ws") + ":2:9: expected a scenario file of at most"
                + " 4MiB to include but found a device, FIFO or socket, not a regular file at /dev/zero");
    }

    @Test
    @DisplayName("include of a FIFO: refused without opening it (opening blocks until a writer comes)")
    void fifoIsRefused() throws Exception {
        Path fifo = dir.resolve("_pipe.ws");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo worked").isTrue();
        assertThat(includeError("_pipe.ws").problem()).isEqualTo("expected a scenario file of at most 4MiB to include"
                + " but found a device, FIFO or socket, not a regular file at " + fifo);
        assertThatThrownBy(() -> ScenarioLoader.load(fifo, ScenarioVariables.none()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read scenario file " + fifo + ": expected a regular file of at most 4MiB but"
                        + " found a device, FIFO or socket, not a regular file");
    }

    @Test
    @DisplayName("include of a directory: refused with what it is")
    void directoryIsRefused() throws IOException {
        Files.createDirectory(dir.resolve("folder.ws"));
        assertThat(includeError("folder.ws").problem()).isEqualTo("expected a scenario file of at most 4MiB to"
                + " include but found a directory at " + dir.resolve("folder.ws"));
    }

    @Test
    @DisplayName("include of a 100 MB file: refused by its size, before reading it")
    void hugeFileIsRefused() throws IOException {
        Path big = dir.resolve("_big.ws");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024); // sparse: nothing is written
        }
        assertThat(includeError("_big.ws").problem()).isEqualTo("expected a scenario file of at most 4MiB to include"
                + " but found a file of 100MiB at " + big);
        assertThatThrownBy(() -> ScenarioLoader.load(big, ScenarioVariables.none()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read scenario file " + big + ": expected a regular file of at most 4MiB but"
                        + " found a file of 100MiB");
    }

    @Test
    @DisplayName("send binary file \"/dev/zero\": the step fails at once instead of filling the heap")
    void payloadDeviceFailsTheStep() {
        ScenarioResult r = ScenarioRunnerTest.run(String.join("\n",
                "server echo",
                "connect ${server.url}",
                "send binary file \"/dev/zero\""));
        assertThat(r.passed()).isFalse();
        assertThat(r.failure().orElseThrow().getMessage()).contains("a device, FIFO or socket, not a regular file");
    }
}
