package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user installs it: the tar.gz that {@code package} built, unpacked with {@code tar}, and
 * its {@code bin/ws-test} run as a process (run by failsafe, after {@code package}).
 */
@Timeout(120)
class DistributionIT {

    static final String VERSION = System.getProperty("wstest.version");
    static final Path ARCHIVE_BASE = Path.of(System.getProperty("wstest.distribution"));

    @TempDir
    static Path installDir;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarGz = Path.of(ARCHIVE_BASE + ".tar.gz");
        assertThat(tarGz).isRegularFile();
        Result tar = run(List.of("tar", "-xzf", tarGz.toString(), "-C", installDir.toString()), installDir);
        assertThat(tar.exitCode()).as(tar.toString()).isZero();
        home = installDir.resolve("ws-test-" + VERSION);
    }

    @Test
    @DisplayName("the archive holds bin/ws-test (executable), bin/ws-test.bat, lib/ws-test.jar and LICENSE")
    void layout() throws IOException {
        assertThat(home.resolve("bin/ws-test")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/ws-test")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(home.resolve("bin/ws-test.bat")).content().contains("-jar \"%WSTEST_JAR%\"").contains("\r\n");
        assertThat(home.resolve("lib/ws-test.jar")).isRegularFile();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License");
    }

    @Test
    @DisplayName("the zip holds the same files as the tar.gz")
    void zipMatchesTarGz() throws IOException {
        TreeSet<String> fromZip = new TreeSet<>();
        try (InputStream in = Files.newInputStream(Path.of(ARCHIVE_BASE + ".zip"));
             ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    fromZip.add(e.getName());
                }
            }
        }
        TreeSet<String> fromTar = new TreeSet<>();
        try (Stream<Path> files = Files.walk(home)) {
            files.filter(Files::isRegularFile).forEach(f -> fromTar.add(installDir.relativize(f).toString()));
        }
        assertThat(fromZip).isEqualTo(fromTar).contains("ws-test-" + VERSION + "/bin/ws-test");
    }

    @Test
    @DisplayName("bin/ws-test --version prints the version")
    void version() throws Exception {
        Result r = run(List.of(home.resolve("bin/ws-test").toString(), "--version"), installDir);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).startsWith("ws-test " + VERSION + "\n").contains("Java ");
    }

    @Test
    @DisplayName("bin/ws-test run runs a scenario file (the echo sample, against its own embedded server)")
    void runsAScenario() throws Exception {
        Path scenario = Path.of(System.getProperty("wstest.scenario"));
        Path reports = installDir.resolve("reports");
        Result r = run(List.of(home.resolve("bin/ws-test").toString(), "run", scenario.toString(),
                "--reports-dir", reports.toString()), installDir);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).containsPattern("\\d+ scenario\\(s\\): \\d+ passed, 0 failed");
        assertThat(reports.resolve("TEST-ws-test.xml")).content().contains("<testsuite");
    }

    @Test
    @DisplayName("target/ws-test starts from the class archive that package made for it")
    void buildTreeLauncherUsesItsClassArchive() throws Exception {
        Path target = ARCHIVE_BASE.getParent();
        assertThat(List.of(target.resolve("ws-test.jsa"), target.resolve("ws-test.aot"))).as("made by package")
                .anyMatch(Files::isRegularFile);
        Path classLog = installDir.resolve("class-load.txt");
        Result r = run(List.of(target.resolve("ws-test").toString(), "--version"), installDir,
                Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).startsWith("ws-test " + VERSION + "\n");
        assertThat(Files.readAllLines(classLog)).as("where the CLI's own classes came from")
                .anyMatch(l -> l.contains(" dev.wstest.cli.WsTestCli source: shared objects file"));
    }

    @Test
    @DisplayName("bin/ws-test says nothing about a class archive made for another jar path")
    void foreignClassArchiveIsIgnoredSilently() throws Exception {
        Path target = ARCHIVE_BASE.getParent();
        Path copy = Files.createTempDirectory(installDir, "copy");
        Path lib = copy.resolve("lib");
        Files.createDirectories(lib);
        Files.createDirectories(copy.resolve("bin"));
        Files.copy(home.resolve("bin/ws-test"), copy.resolve("bin/ws-test"));
        Files.copy(home.resolve("lib/ws-test.jar"), lib.resolve("ws-test.jar"));
        for (String name : List.of("ws-test.jsa", "ws-test.aot")) {
            if (Files.isRegularFile(target.resolve(name))) {
                Files.copy(target.resolve(name), lib.resolve(name));
            }
        }
        Result r = run(List.of(copy.resolve("bin/ws-test").toString(), "--version"), installDir);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).startsWith("ws-test " + VERSION + "\n").doesNotContain("warning")
                .doesNotContain("error").doesNotContain("archive");
    }

    @Test
    @DisplayName("an installed distribution starts from a class archive made for it as the docs say")
    void installedDistributionUsesAnArchiveMadeForIt() throws Exception {
        Path copy = Files.createTempDirectory(installDir, "own-archive");
        Files.createDirectories(copy.resolve("bin"));
        Files.createDirectories(copy.resolve("lib"));
        Files.copy(home.resolve("bin/ws-test"), copy.resolve("bin/ws-test"));
        Files.copy(home.resolve("lib/ws-test.jar"), copy.resolve("lib/ws-test.jar"));
        Path scenario = Path.of(System.getProperty("wstest.scenario"));
        Result training = run(List.of(copy.resolve("bin/ws-test").toString(), "run", scenario.toString()), installDir,
                Map.of("JAVA_OPTS", "-XX:ArchiveClassesAtExit=" + copy.resolve("lib/ws-test.jsa")));
        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(copy.resolve("lib/ws-test.jsa")).isRegularFile();
        Path classLog = installDir.resolve("own-archive-classes.txt");
        Result r = run(List.of(copy.resolve("bin/ws-test").toString(), "--version"), installDir,
                Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(classLog))
                .anyMatch(l -> l.contains(" dev.wstest.cli.WsTestCli source: shared objects file"));
    }

    record Result(int exitCode, String out) {
    }

    private static Result run(List<String> command, Path dir) throws Exception {
        return run(command, dir, Map.of());
    }

    private static Result run(List<String> command, Path dir, Map<String, String> env) throws Exception {
        Path output = Files.createTempFile(dir, "out", ".txt");
        List<String> cmd = new ArrayList<>(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish within 90 s; output so far:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
