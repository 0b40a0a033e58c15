package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.cli.internal.ServerActivityPrinter;
import dev.wstest.cli.internal.StopSignal;
import dev.wstest.record.Redactor;
import dev.wstest.scenario.MockDefinition;
import dev.wstest.scenario.MockServerProvider;
import dev.wstest.scenario.Recording;
import dev.wstest.scenario.ScenarioFile;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioMock;
import dev.wstest.scenario.ScenarioSyntaxException;
import dev.wstest.scenario.ScenarioVariables;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ws-test mock FILE.ws}: the mock servers a scenario file declares, for trying a client by hand. */
@Command(name = "mock",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Runs the mock servers a scenario file declares (server mock as NAME ... end: stubs, faults,"
                + " handshake rules) until Ctrl-C, logging each handshake and each message, so that a client can be"
                + " tried against them by hand. Secrets are hidden: secret headers, cookies and query tokens by name,"
                + " and their values wherever else they appear (a stub that echoes them), as are --var values with secret names (TOKEN, ...).",
            "With --replay, FILE is a session recorded with 'ws-test session --record' or 'proxy --record',"
                + " and the mock plays the recorded server's side back.",
            "It binds 127.0.0.1."},
        footer = {"%nExamples:",
            "  ws-test mock feed.ws --port 8080",
            "  ws-test mock feed.ws --mock prices --port 8080 --var TOKEN=s3cret",
            "  ws-test mock --replay recordings/prices.ws --port 8080 -v"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":stopped (Ctrl-C or --timeout)",
            ExitCodes.SCENARIO_FAILED + ":a mock with 'unmatched fail' received a message no stub matched",
            ExitCodes.INVALID_INPUT + ":bad file or option, no mock in the file, or the port cannot be bound",
            ExitCodes.RUNTIME_FAILURE_LINE},
        sortOptions = false)
final class MockCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "FILE.ws",
            description = "A scenario file that declares mock servers, or with --replay a recorded session.")
    Path file;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "0",
            description = "The port of the mock; 0 picks a free one, printed at start (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--mock", paramLabel = "NAME",
            description = "Serve only this mock of the file (needed with --port when it declares several).")
    String only;

    @Option(names = "--replay", description = "FILE is a recorded session to play back as the server side.")
    boolean replay;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A variable for $${NAME} (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration timeout;

    @Option(names = "-v", description = "Also log what the mock sends (-v).")
    boolean[] verbose = new boolean[0];

    @Override
    int execute() {
        if (port < 0 || port > 65535) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--port must be 0-65535, was " + port);
        }
        if (!Files.isReadable(file)) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot read " + file);
        }
        List<MockDefinition> definitions = definitions();
        if (definitions.size() > 1 && port != 0) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, file + " declares " + definitions.size() + " mocks ("
                    + String.join(", ", definitions.stream().map(MockDefinition::name).toList()) + "); choose the"
                    + " one for --port " + port + " with --mock NAME");
        }
        MockServerProvider provider = ServiceLoader.load(MockServerProvider.class, getClass().getClassLoader())
                .findFirst().orElseThrow(() -> new CliFailure(ExitCodes.INVALID_INPUT, "no mock server on the"
                        + " classpath (ws-test-mock)"));
        List<ScenarioMock> mocks = new ArrayList<>();
        List<ServerActivityPrinter> printers = new ArrayList<>();
        try (StopSignal stop = new StopSignal()) {
            try {
                for (MockDefinition d : definitions) {
                    mocks.add(provider.start(d, port));
                }
            } catch (RuntimeException e) {
                mocks.forEach(ScenarioMock::close);
                throw new CliFailure(ExitCodes.INVALID_INPUT, ConnectionMixin.firstLine(e.getMessage()), e);
            }
            for (int i = 0; i < mocks.size(); i++) {
                ScenarioMock m = mocks.get(i);
                out().println("mock " + m.name() + " listening on " + m.uri() + " (" + summary(definitions.get(i))
                        + ")" + (i == mocks.size() - 1 ? "; Ctrl-C stops it" : ""));
            }
            out().flush();
            for (ScenarioMock m : mocks) {
                printers.add(new ServerActivityPrinter(m, out(), Redactor.DEFAULT, verbose.length));
            }
            long start = System.nanoTime();
            while (!stop.stopRequested()) {
                Duration wait = Duration.ofMillis(250);
                if (timeout != null) {
                    Duration left = timeout.minusNanos(System.nanoTime() - start);
                    if (left.isNegative() || left.isZero()) {
                        break;
                    }
                    wait = left.compareTo(wait) < 0 ? left : wait;
                }
                stop.await(wait);
            }
            printers.forEach(ServerActivityPrinter::close);
            int code = ExitCodes.OK;
            for (ScenarioMock m : mocks) {
                Optional<String> unexpected = m.unexpectedMessages();
                if (unexpected.isPresent()) {
                    out().println(unexpected.get().split("\n\nHandshakes received")[0]);
                    code = ExitCodes.SCENARIO_FAILED;
                }
                m.close();
                out().println("mock " + m.name() + " stopped after " + m.connectionCount() + " connection(s)");
            }
            out().flush();
            return code;
        } finally {
            mocks.forEach(ScenarioMock::close);
        }
    }

    private List<MockDefinition> definitions() {
        ScenarioVariables variables;
        try {
            variables = ScenarioVariables.builder().environment(System.getenv()).putAll(vars).build();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
        if (replay) {
            try {
                Recording recording = Recording.read(file);
                return List.of(new MockDefinition("replay", false, false, false,
                        List.of(new MockDefinition.Replay(recording)), Map.of(), file.toString()));
            } catch (ScenarioSyntaxException | IllegalArgumentException | UncheckedIOException e) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage(), e);
            }
        }
        List<MockDefinition> all;
        try {
            ScenarioFile loaded = ScenarioLoader.load(file, variables);
            all = MockDefinition.declaredIn(loaded, variables);
        } catch (ScenarioSyntaxException e) {
            err().println(e.getMessage());
            throw new CliFailure(ExitCodes.INVALID_INPUT, "the file does not load", e);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
        if (only != null) {
            all = all.stream().filter(d -> d.name().equals(only)).toList();
        }
        if (all.isEmpty()) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, only != null ? file + " declares no mock named " + only
                    : file + " declares no mock server (server mock as NAME ... end, before its first scenario);"
                    + " for a recorded session use --replay");
        }
        return all;
    }

    private static String summary(MockDefinition d) {
        long stubs = d.rules().stream().filter(r -> r instanceof MockDefinition.Stub).count();
        boolean replays = d.rules().stream().anyMatch(r -> r instanceof MockDefinition.Replay);
        return (replays ? "replaying " + d.source() + ", " : "") + stubs + " stub(s)" + (d.tls() ? ", wss://" : "");
    }
}
