package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ws-test run: exit codes and output, through the factory main uses. */
@Timeout(120)
class RunCommandTest {

    static final String SAMPLES = "../samples/scenarios";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void helpListsTheExitCodes() {
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("Exit codes:", "0   all scenarios passed", "1   a scenario failed",
                    "2   no scenarios found", "3   invalid input (syntax error, unreadable file, bad option); nothing"
                            + " was run");
        }
        assertThat(Cli.run("run", "--help").out()).contains("--var=NAME=VALUE", "--env-file=FILE", "--timeout=DURATION",
                "--parallel=N", "--fail-fast", "--include=PATTERN", "--exclude=PATTERN", "--reports-dir=DIR");
    }

    @Test
    void theSampleScenariosPassAgainstTheEmbeddedServers() {
        Cli.Result r = Cli.run("run", SAMPLES);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("ws-test run: 3 scenario(s) in 2 file(s)", "samples/scenarios/chat.ws\n",
                "PASS alice and bob talk", "PASS text and JSON come back as sent",
                "ok      8  connect ${room.url}/chat as alice subprotocol chat.v2 header",
                "3 scenario(s): 3 passed, 0 failed, 0 skipped")
                .doesNotContain("\u001b[");
    }

    @Test
    void aFailingScenarioExitsWithOneAndPrintsTheWholeStory() throws Exception {
        Path f = write("fail.ws", "server echo\nscenario \"good\"\n  connect ${server.url}\n"
                + "scenario \"bad\"\n  connect ${server.url} as c\n  send text \"hello\"\n"
                + "  expect text \"HELLO\" within 200ms\n  send text \"not run\"\n");
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(r.out()).contains("PASS good", "FAIL bad", "FAIL    7  expect text \"HELLO\" within 200ms",
                "Step failed at " + f + ":7:", "Frames since connect", "<-", "TEXT   \"hello\"",
                "2 scenario(s): 1 passed, 1 failed, 0 skipped")
                .doesNotContain("not run");
    }

    @Test
    void aSyntaxErrorExitsWithThreeAndRunsNothing() throws Exception {
        write("a/good.ws", "server echo\nconnect ${server.url}\n");
        Path bad = write("a/bad.ws", "server echo\nconnect ${server.url}\nexpect txt \"x\"\n");
        Cli.Result r = Cli.run("run", dir.resolve("a").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(bad + ":3:8: expected", "but found \"txt\"", "1 file(s) could not be loaded;"
                + " nothing was run.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownVariablesAreInvalidInputAndVarsAndEnvFilesDefineThem() throws Exception {
        Path f = write("vars.ws", "server echo\nconnect ${server.url}\nsend text \"${A} ${B}\"\n"
                + "expect text \"from-var from-file\"\n");
        Cli.Result missing = Cli.run("run", f.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.err()).contains(f + ":3:12: expected a defined variable but found ${A}");
        Path env = write("ci.env", "B=from-file\nA=overridden-by-var\n");
        Cli.Result ok = Cli.run("run", f.toString(), "--var", "A=from-var", "--env-file", env.toString());
        assertThat(ok.exitCode()).as(ok.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void badInputExitsWithThree() throws Exception {
        Path f = write("ok.ws", "server echo\n");
        assertThat(Cli.run("run", dir.resolve("missing.ws").toString()))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT))
                .satisfies(r -> assertThat(r.err()).contains("cannot read " + dir.resolve("missing.ws")
                        + ": no such file or directory"));
        assertThat(Cli.run("run", f.toString(), "--parallel", "many"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT))
                .satisfies(r -> assertThat(r.err()).contains("ws-test: Invalid value for option '--parallel'"));
        assertThat(Cli.run("run", f.toString(), "--timeout", "soon"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT))
                .satisfies(r -> assertThat(r.err()).contains("Invalid value for option '--timeout': expected a"
                        + " duration like 500ms, 1.5s or 2m but found \"soon\""));
        assertThat(Cli.run("run", f.toString(), "--timeout", "5"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT))
                .satisfies(r -> assertThat(r.err()).contains("Invalid value for option '--timeout': expected a"
                        + " duration like 500ms, 1.5s or 2m but found \"5\": add a unit: 5s or 5ms"));
        assertThat(Cli.run("run", f.toString(), "--bogus").exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(Cli.run("run").exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(Cli.run("run", f.toString(), "--env-file", dir.resolve("nope.env").toString()))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT))
                .satisfies(r -> assertThat(r.err()).contains("cannot read env file"));
        assertThat(Cli.run("run", f.toString(), "--var", "1X=y").exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void noScenariosExitsWithTwo() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        write("empty/_partial.ws", "server echo\n");
        Cli.Result none = Cli.run("run", dir.resolve("empty").toString());
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(ExitCodes.NO_SCENARIOS);
        assertThat(none.err()).contains("no scenario files (*.ws) found in");
        Path f = write("named.ws", "server echo\nscenario \"login\"\n  connect ${server.url}\n");
        Cli.Result unmatched = Cli.run("run", f.toString(), "--include", "logout*");
        assertThat(unmatched.exitCode()).isEqualTo(ExitCodes.NO_SCENARIOS);
        assertThat(unmatched.err()).contains("no scenarios match --include [logout*]");
    }

    @Test
    void includeExcludeFailFastAndParallel() throws Exception {
        StringBuilder text = new StringBuilder("server echo\n");
        text.append("scenario \"a broken one\"\n  connect ${server.url}\n  expect text \"x\" within 50ms\n");
        for (String name : new String[] {"chat one", "chat two", "admin"}) {
            text.append("scenario \"").append(name).append("\"\n  connect ${server.url}\n  send text \"x\"\n"
                    + "  expect text \"x\"\n");
        }
        Path f = write("many.ws", text.toString());
        Cli.Result included = Cli.run("run", f.toString(), "--include", "CHAT*", "--exclude", "*two");
        assertThat(included.exitCode()).as(included.toString()).isEqualTo(ExitCodes.OK);
        assertThat(included.out()).contains("PASS chat one", "1 scenario(s): 1 passed").doesNotContain("admin");

        Cli.Result failFast = Cli.run("run", f.toString(), "--fail-fast");
        assertThat(failFast.exitCode()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(failFast.out()).contains("FAIL a broken one", "SKIP chat one  (fail-fast: an earlier scenario"
                + " failed)", "4 scenario(s): 0 passed, 1 failed, 3 skipped");

        Cli.Result parallel = Cli.run("run", f.toString(), "--parallel", "3", "--exclude", "a broken*");
        assertThat(parallel.exitCode()).as(parallel.toString()).isEqualTo(ExitCodes.OK);
        assertThat(parallel.out()).contains("3 scenario(s): 3 passed, 0 failed, 0 skipped", "[3/3]");
    }

    @Test
    void coloursOnlyWhenAskedOrOnATerminal() throws Exception {
        Path f = write("c.ws", "server echo\nconnect ${server.url}\n");
        assertThat(Cli.run("run", f.toString(), "--color", "always").out()).contains("\u001b[32mPASS\u001b[0m");
        assertThat(Cli.run("run", f.toString()).out()).contains("PASS").doesNotContain("\u001b[");
        java.io.StringWriter out = new java.io.StringWriter();
        WsTestCli.commandLine(new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter()),
                new WsTestCli.Terminal(true, false, "xterm")).execute("run", f.toString());
        assertThat(out.toString()).contains("\u001b[32mPASS");
        out.getBuffer().setLength(0);
        WsTestCli.commandLine(new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter()),
                new WsTestCli.Terminal(true, true, "xterm")).execute("run", f.toString());
        assertThat(out.toString()).as("NO_COLOR").doesNotContain("\u001b[");
    }

    @Test
    void versionAndMissingCommand() {
        assertThat(Cli.run("--version").out()).startsWith("ws-test ");
        Cli.Result none = Cli.run();
        assertThat(none.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(none.err()).contains("Missing command: give one of run");
    }

    @Test
    void theTimeoutOptionIsTheDefaultWaitOfExpectSteps() throws Exception {
        Path f = write("slow.ws", "server echo\nconnect ${server.url}\nexpect text \"never\"\n");
        Cli.Result r = Cli.run("run", f.toString(), "--timeout", "300ms");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(r.out()).contains("within 300ms, but no message arrived");
        Cli.Result decimal = Cli.run("run", f.toString(), "--timeout", "0.4s"); // the notation of .ws files
        assertThat(decimal.exitCode()).as(decimal.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(decimal.out()).contains("within 400ms, but no message arrived");
    }

    @Test
    void reportsDirGetsJUnitXmlAndHtml() throws Exception {
        Path f = write("r.ws", "server broadcast\nscenario \"talk\"\n  connect ${server.url} as alice\n"
                + "  connect ${server.url} as bob header \"Authorization: Bearer ${TOKEN}\"\n  send alice text \"hi\"\n"
                + "  expect bob text \"hi\"\nscenario \"broken\"\n  connect ${server.url} as c\n"
                + "  expect text \"<never>\" within 100ms\n");
        Path reports = dir.resolve("reports");
        Cli.Result r = Cli.run("run", f.toString(), "--reports-dir", reports.toString(), "--var", "TOKEN=s3cret");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        String xml = Files.readString(reports.resolve("TEST-ws-test.xml"));
        assertThat(xml).contains("<testsuite name=\"r\" tests=\"2\"", "failures=\"1\"",
                "<testcase name=\"talk\" classname=\"r\"", "<testcase name=\"broken\" classname=\"r\"",
                "<failure type=\"dev.wstest.scenario.ScenarioFailure\" message=\"Step failed at", "r.ws:9:");
        String html = Files.readString(reports.resolve("ws-test-report.html"));
        assertThat(html).contains("2 scenario(s): 1 passed, 1 failed, 0 skipped", "<h2>" + f.toRealPath() + "</h2>",
                "&lt;never&gt;", "<div class=\"timeline\" data-scenario=\"s1\"", "\">alice</th>", "\">bob</th>")
                .contains("Authorization: Bearer ${TOKEN}", "Authorization: ") // the step as written, the header redacted
                .doesNotContain("s3cret");
        assertThat(xml).doesNotContain("s3cret");
        assertThat(r.out()).contains("Reports: " + reports.resolve("TEST-ws-test.xml"));
        assertThat(reports.resolve("ws-test-report.css")).isRegularFile();
    }

    @Test
    @DisplayName("--json prints one object per line: run, each step and scenario, the summary with the exit code")
    void jsonLines() throws Exception {
        Path f = write("j.ws", "server echo\nscenario \"good\"\n  connect ${server.url}\nscenario \"bad\"\n"
                + "  connect ${server.url}\n  expect text \"never\" within 100ms\n");
        Cli.Result r = Cli.run("run", f.toString(), "--json", "--reports-dir", dir.resolve("reports").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            lines.add(JSON.readTree(line)); // every line of standard output is one JSON object
        }
        assertThat(lines).extracting(l -> l.get("type").asText() + ":" + l.path("scenario").asText()
                + ":" + l.path("line").asText() + ":" + l.path("status").asText())
                .containsExactly("run:::", "step:good:1:passed", "step:good:3:passed", "scenario:good:2:passed",
                        "step:bad:1:passed", "step:bad:5:passed", "step:bad:6:failed", "scenario:bad:4:failed",
                        "summary:::");
        assertThat(lines.get(0).get("formatVersion").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("scenarios").asInt()).isEqualTo(2);
        JsonNode bad = lines.get(7);
        assertThat(bad.get("file").asText()).isEqualTo(f.toRealPath().toString());
        assertThat(bad.get("classname").asText()).isEqualTo("j");
        assertThat(bad.at("/failure/line").asInt()).isEqualTo(6);
        assertThat(bad.at("/failure/message").asText()).contains("within 100ms");
        JsonNode summary = lines.get(8);
        assertThat(summary.get("passed").asInt()).isEqualTo(1);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        assertThat(summary.get("exitCode").asInt()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(r.err()).contains("Reports: ");

        Path broken = write("broken.ws", "connect\n");
        Cli.Result invalid = Cli.run("run", broken.toString(), f.toString(), "--json");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        List<JsonNode> out = new ArrayList<>();
        for (String line : invalid.out().split("\n")) {
            out.add(JSON.readTree(line));
        }
        assertThat(out).extracting(l -> l.get("type").asText() + ":" + l.path("status").asText())
                .containsExactly("run:", "file:error", "scenario:skipped", "scenario:skipped", "summary:");
        assertThat(out.get(1).get("line").asInt()).isEqualTo(1);
        assertThat(out.get(1).get("message").asText()).contains("broken.ws:1:8: expected");
        assertThat(out.get(4).get("exitCode").asInt()).isEqualTo(ExitCodes.INVALID_INPUT);
    }
}
