package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.cli.internal.EventLines;
import dev.wstest.cli.internal.LogFollower;
import dev.wstest.cli.internal.Outputs;
import dev.wstest.cli.internal.SessionCommands;
import dev.wstest.cli.internal.SessionConsole;
import dev.wstest.cli.internal.StopSignal;
import dev.wstest.cli.internal.Transcript;
import dev.wstest.client.WsClient;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.EventType;
import dev.wstest.record.Redactor;
import dev.wstest.record.WsEvent;
import dev.wstest.scenario.ScenarioWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ws-test session URL}: an interactive WebSocket session whose commands are the scenario words. */
@Command(name = "session",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Opens an interactive session: type text, json, binary, ping, pong, close, quit or help;"
                + " every received frame is printed with its time and type (pings included).",
            "Reads commands from standard input when it is not a terminal, one per line.",
            "Save the session for a bug report with -o (txt, html or svg), or as a replayable scenario with --record."},
        footer = {"%nExamples:",
            "  ws-test session ws://localhost:8080/chat -H 'Authorization: Bearer x' --subprotocol chat.v2",
            "  ws-test session wss://api.example.com/ws --record api.ws -o api.html",
            "  printf 'text hello\\nquit\\n' | ws-test session ws://localhost:8080/echo"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":the session ended (quit, close, Ctrl-D, Ctrl-C, the server closed, --timeout)",
            ExitCodes.INVALID_INPUT + ":bad option, or a file could not be written",
            ExitCodes.CONNECTION_FAILED + ":could not connect",
            ExitCodes.BROKEN_LINE},
        sortOptions = false)
final class SessionCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "URL", description = "ws:// or wss:// URL.")
    String url;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "End the session (close 1000) after this long (default: no limit).")
    Duration timeout;

    @Option(names = "-v", description = "-v: also outbound frames, opcodes and sizes; -vv: a hex dump of each frame.")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Save the session (handshake and every frame) as .txt, .html or .svg, by extension.")
    Path transcript;

    @Option(names = "--record", paramLabel = "FILE.ws",
            description = "Write the session as a scenario: sends become sends, received frames expectations.")
    Path record;

    @Mixin
    ConnectionMixin connection;

    @Override
    int execute() {
        if (transcript != null) {
            Transcript.Format.of(transcript); // fails early on an unknown extension
        }
        URI uri = ConnectionMixin.parseUrl(url);
        Redactor redactor = Redactor.DEFAULT;
        boolean interactive = terminal().interactive() && in() == System.in;
        int verbosity = verbose.length;
        WsClient client = connection.connect(uri, "session");
        SessionConsole console;
        try {
            console = interactive ? SessionConsole.terminal(new ArrayList<>(SessionCommands.HELP.keySet()))
                    : SessionConsole.plain(in(), out());
        } catch (IOException e) {
            console = SessionConsole.plain(in(), out());
        }
        Instant started = Instant.now().minus(client.log().sinceOpen());
        try (StopSignal stop = new StopSignal(); SessionConsole c = console; WsClient cl = client) {
            c.print("connected: " + client.handshake().format(redactor).stripTrailing());
            c.print("type 'help' for the commands; quit or Ctrl-D ends the session");
            EventLines lines = new EventLines(client.log(), verbosity);
            LogFollower follower = new LogFollower("ws-test session log", client.log(), e -> show(c, lines, e, verbosity));
            BlockingQueue<Optional<String>> typed = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = c.readLine()) != null) {
                        typed.add(Optional.of(line));
                    }
                } catch (IOException | RuntimeException e) {
                    // end of input either way
                }
                typed.add(Optional.empty());
            }, "ws-test session input");
            reader.setDaemon(true);
            reader.start();

            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            boolean closing = false;
            while (!closing && client.log().state() == ConnectionState.OPEN) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    c.print("session timeout after " + timeout.toMillis() + " ms: closing");
                    client.close(1000, "");
                    break;
                }
                if (stop.stopRequested()) { // Ctrl-C outside the line editor: close properly and keep the files
                    client.close(1000, "");
                    break;
                }
                Optional<String> next;
                try {
                    next = typed.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (next == null) {
                    continue;
                }
                if (next.isEmpty()) {
                    client.close(1000, "");
                    break;
                }
                closing = run(c, client, next.get());
            }
            // the closing handshake (ours or the server's) gets its usual time; then the connection is released
            client.log().awaitUntil(() -> client.log().state() == ConnectionState.CLOSED, WsClient.CLOSE_WAIT);
            client.close();
            follower.awaitEnd(Duration.ofSeconds(2));
            follower.close();
            writeFiles(c, client, uri, redactor, started);
            java.util.Optional<String> broken = ConnectionMixin.broken(client);
            if (broken.isPresent() && !stop.stopRequested()) {
                throw new CliFailure(ExitCodes.CONNECTION_BROKEN, broken.get());
            }
            return ExitCodes.OK;
        }
    }

    /** Runs one typed line; returns whether it closed the connection. */
    private boolean run(SessionConsole c, WsClient client, String line) {
        SessionCommands.Action a;
        try {
            a = SessionCommands.parse(line);
        } catch (IllegalArgumentException e) {
            c.print("error: " + e.getMessage());
            return false;
        }
        try {
            switch (a.kind()) {
                case TEXT:
                    client.sendText(a.text());
                    return false;
                case BINARY:
                    client.sendBinary(a.bytes());
                    return false;
                case PING:
                    client.sendPing(a.bytes());
                    return false;
                case PONG:
                    client.sendPong(a.bytes());
                    return false;
                case CLOSE:
                    client.close(a.code(), a.text());
                    return true;
                case SLEEP:
                    // a pause the user asked for; it ends early when the connection closes
                    client.log().awaitUntil(() -> !client.isOpen(), Duration.ofMillis(a.code()));
                    return false;
                case HELP:
                    c.print(SessionCommands.help(a.topic()));
                    return false;
                default:
                    return false;
            }
        } catch (RuntimeException e) {
            c.print("error: " + ConnectionMixin.firstLine(e.getMessage()));
            return false;
        }
    }

    private static void show(SessionConsole c, EventLines lines, WsEvent e, int verbosity) {
        if (e.type() == EventType.DISCONNECTED) {
            return; // the close line below says it better
        }
        if (e.isInbound() || verbosity >= 1 || e.type() == EventType.ERROR) {
            c.print(lines.human(e));
        }
    }

    private void writeFiles(SessionConsole c, WsClient client, URI uri, Redactor redactor, Instant started) {
        c.print("closed: " + client.closeStatus().map(Object::toString).orElse("(no close status)"));
        if (transcript != null) {
            String text = Transcript.render(Transcript.Format.of(transcript), "ws-test session " + uri,
                    client.handshake().format(redactor), client.log(), redactor, started);
            write(transcript, text);
            c.print("transcript written to " + transcript);
        }
        if (record != null) {
            String ws = ScenarioWriter.create()
                    .comment("Recorded by ws-test session on " + started + ".\nReplay: ws-test run " + record.getFileName()
                            + " (--var URL=... to point it elsewhere)")
                    .var("URL", uri.toString())
                    .connection("${URL}", connection.headerMap(), connection.subprotocols, connection.deflate,
                            client.log().events(), client.closeStatus(), redactor)
                    .text();
            write(record, ws);
            c.print("scenario written to " + record);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Outputs.writeString(file, text);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
