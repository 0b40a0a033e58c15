package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@Timeout(60)
class HelpAndCompletionTest {

    @ParameterizedTest
    @ValueSource(strings = {"session", "listen", "send", "ping", "echo-server", "proxy", "generate-completion"})
    @DisplayName("every command has --help and --version")
    void helpAndVersion(String command) {
        Cli.Result help = Cli.run(command, "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Usage: ws-test " + command);
        if (!command.equals("generate-completion")) {
            assertThat(help.out()).contains("Exit codes:");
            Cli.Result version = Cli.run(command, "--version");
            assertThat(version.exitCode()).as(version.toString()).isZero();
            assertThat(version.out()).startsWith("ws-test ");
        }
    }

    /** Every command of the real command line, so that a new one is checked without being listed here. */
    static Stream<String> allCommands() {
        return WsTestCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                WsTestCli.Terminal.none()).getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("allCommands")
    @DisplayName("every command prints ws-test's version, and its help has no unresolved variable")
    void everyCommandHasTheVersionAndAHelpWithoutNull(String command) {
        String rootVersion = Cli.run("--version").out();
        assertThat(rootVersion).startsWith("ws-test ");
        Cli.Result version = Cli.run(command, "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out()).isEqualTo(rootVersion);
        Cli.Result help = Cli.run(command, "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).doesNotContainPattern("\\bnull\\b");
    }

    @Test
    @DisplayName("the root help lists the toolbox and its exit codes")
    void rootHelp() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.out()).contains("session", "listen", "send", "ping", "echo-server", "proxy",
                "generate-completion", "4   could not connect", "5   fewer messages, replies or pongs");
    }

    @Test
    @DisplayName("generate-completion prints a bash/zsh completion script covering the commands and their options")
    void completion() {
        Cli.Result r = Cli.run("generate-completion");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("complete -F", "session", "echo-server", "--require-header", "--subprotocol");
    }

    @Test
    @DisplayName("a missing required option is one line and exit 3")
    void missingTarget() {
        Cli.Result r = Cli.run("proxy");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("ws-test: Missing required option: '--target=URL'");
    }
}
