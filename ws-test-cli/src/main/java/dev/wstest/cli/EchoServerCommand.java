package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.cli.internal.ServerActivityPrinter;
import dev.wstest.cli.internal.StopSignal;
import dev.wstest.record.LogLimits;
import dev.wstest.record.Redactor;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.WsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ws-test echo-server}: an echo (or broadcast) server that logs every handshake and message. */
@Command(name = "echo-server",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Runs a WebSocket echo server (or a broadcast server: every message to every connection) on"
                + " any path, logging each handshake (secret headers redacted) and each message, until Ctrl-C.",
            "It binds 127.0.0.1 unless --host says otherwise."},
        footer = {"%nExamples:",
            "  ws-test echo-server --port 8080",
            "  ws-test echo-server --broadcast --port 9000      # a chat room for two 'ws-test session's",
            "  ws-test echo-server --require-header 'Authorization: Bearer s3cret' --subprotocol chat.v2"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":stopped (Ctrl-C, --timeout or --count)",
            ExitCodes.INVALID_INPUT + ":bad option, or the port cannot be bound",
            ExitCodes.RUNTIME_FAILURE_LINE},
        sortOptions = false)
final class EchoServerCommand extends ToolCommand {

    /**
     * What the server keeps of each connection's log. The printer shows events as they arrive and never looks
     * back, so the log need only hold what it has not printed yet: a long conversation costs at most this, not
     * a test server's 16 MiB. A printer that falls further behind prints an elision marker.
     */
    static final LogLimits LOG_LIMITS = new LogLimits(0, 1_000, 1024 * 1024);
    /** Closed connections kept: enough for the printer to print their last events and their close. */
    static final int KEEP_CLOSED_CONNECTIONS = 10;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "0",
            description = "The port; 0 picks a free one, printed at start (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = {"-b", "--broadcast"}, description = "Send every message to every open connection, sender included.")
    boolean broadcast;

    @Option(names = "--require-header", paramLabel = "'NAME: VALUE'",
            description = "Refuse (HTTP 401) upgrade requests without this exact header (repeatable).")
    List<String> requiredHeaders = new ArrayList<>();

    @Option(names = "--subprotocol", paramLabel = "NAME",
            description = "Accept this subprotocol (repeatable; the first the client offers wins).")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration timeout;

    @Option(names = {"-c", "--count"}, paramLabel = "N",
            description = "Stop once N connections have come and gone.")
    Integer count;

    @Option(names = "--max-message-size", paramLabel = "SIZE", converter = ConnectionMixin.SizeConverter.class,
            description = "The largest message accepted, like 512KiB or 16MiB; a bigger one is refused with 1009"
                    + " (default: 4MiB).")
    int maxMessageBytes = WsServer.DEFAULT_MAX_MESSAGE_BYTES;

    @Option(names = "--lenient", description = "Record a client's protocol violations (VIOLATION lines) without"
            + " failing its connection; Tyrus then decides what the frame does. By default a violation fails the"
            + " connection with 1002 (1007 for invalid UTF-8).")
    boolean lenient;

    @Option(names = "-v", description = "Also log what the server sends (-v).")
    boolean[] verbose = new boolean[0];

    @Override
    int execute() {
        if (port < 0 || port > 65535) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--port must be 0-65535, was " + port);
        }
        Redactor redactor = Redactor.DEFAULT;
        WsServer.Builder b = WsServer.builder().name("echo-server").host(host).port(port).maxMessageBytes(maxMessageBytes)
                .logLimits(LOG_LIMITS).keepClosedConnections(KEEP_CLOSED_CONNECTIONS)
                .behaviour(broadcast ? ServerBehaviour.broadcast() : ServerBehaviour.echo());
        if (lenient) {
            b.lenient();
        }
        for (String h : requiredHeaders) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "--require-header expects 'Name: value' but got '" + h + "'");
            }
            String name = h.substring(0, colon).trim();
            b.requireHeader(name, h.substring(colon + 1).trim());
            redactor = redactor.alsoRedacting(name); // a required value is a secret, whatever its name
        }
        if (!subprotocols.isEmpty()) {
            b.subprotocols(subprotocols.toArray(String[]::new));
        }
        b.redactor(redactor);
        WsServer server;
        try {
            server = b.start();
        } catch (RuntimeException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, ConnectionMixin.firstLine(e.getMessage()), e);
        }
        try (StopSignal stop = new StopSignal();
             WsServer s = server;
             ServerActivityPrinter printer = new ServerActivityPrinter(s, out(), redactor, verbose.length)) {
            out().println("echo-server (" + (broadcast ? "broadcast" : "echo") + ") listening on " + s.uri()
                    + (subprotocols.isEmpty() ? "" : ", subprotocols " + String.join(", ", subprotocols))
                    + (requiredHeaders.isEmpty() ? "" : ", requiring " + requiredHeaders.stream()
                            .map(h -> h.substring(0, h.indexOf(':')).trim()).reduce((x, y) -> x + ", " + y).orElse(""))
                    + "; Ctrl-C stops it");
            out().flush();
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            while (!stop.stopRequested()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                if (count != null && printer.closedConnections() >= count) {
                    break;
                }
                // wakes on any handshake or frame; the stop signal is checked at least every 250 ms
                s.awaitUntil(x -> stop.stopRequested() || count != null && printer.closedConnections() >= count,
                        Duration.ofNanos(Math.min(left, Duration.ofMillis(250).toNanos())));
            }
            printer.close();
            out().println("echo-server stopped after " + s.connectionCount() + " connection(s)");
            out().flush();
            return ExitCodes.OK;
        }
    }
}
