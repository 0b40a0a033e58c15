package dev.wstest.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ws-test}: the root command; the work happens in subcommands. */
@Command(name = "ws-test",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Tests WebSocket endpoints from scenario files (.ws),",
            "pokes at them from the shell (session, listen, send, ping, echo-server, proxy)",
            "and checks them against RFC 6455 (conformance)."},
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {RunCommand.class, SessionCommand.class, ListenCommand.class, SendCommand.class,
            PingCommand.class, EchoServerCommand.class, ProxyCommand.class, ConformanceCommand.class, MockCommand.class,
            picocli.AutoComplete.GenerateCompletion.class},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":all scenarios passed",
            ExitCodes.SCENARIO_FAILED + ":a scenario failed",
            ExitCodes.NO_SCENARIOS + ":no scenarios found",
            ExitCodes.INVALID_INPUT + ":invalid input (syntax error, unreadable file, bad option); nothing was run",
            ExitCodes.CONNECTION_FAILED + ":could not connect (refused, unknown host, TLS, handshake refused, timeout)",
            ExitCodes.INCOMPLETE + ":fewer messages, replies or pongs than asked for",
            ExitCodes.CONNECTION_BROKEN + ":the connection broke while in use (send timed out, 1006, an error code)"})
@API(status = INTERNAL, since = "0.1")
public final class WsTestCommand implements Runnable {

    @Spec
    CommandSpec spec;

    WsTestCommand(WsTestCli.Terminal terminal) {
        this(terminal, System.in);
    }

    WsTestCommand(WsTestCli.Terminal terminal, java.io.InputStream in) {
        this.terminal = terminal;
        this.in = in;
    }

    final WsTestCli.Terminal terminal;
    /** What the interactive and streaming commands (session, send -) read. */
    final java.io.InputStream in;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: give one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
