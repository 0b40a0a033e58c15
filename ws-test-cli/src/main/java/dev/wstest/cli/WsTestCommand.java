package dev.wstest.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ws-test}: the root command; the work happens in subcommands. */
@Command(name = "ws-test",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Tests WebSocket endpoints from scenario files (.ws).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {RunCommand.class},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":all scenarios passed",
            ExitCodes.SCENARIO_FAILED + ":a scenario failed",
            ExitCodes.NO_SCENARIOS + ":no scenarios found",
            ExitCodes.INVALID_INPUT + ":invalid input (syntax error, unreadable file, bad option); nothing was run"})
public final class WsTestCommand implements Runnable {

    @Spec
    CommandSpec spec;

    WsTestCommand(WsTestCli.Terminal terminal) {
        this.terminal = terminal;
    }

    final WsTestCli.Terminal terminal;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: give one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
