package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.cli.internal.EventLines;
import dev.wstest.cli.internal.StopSignal;
import dev.wstest.client.WsClient;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLog;
import dev.wstest.record.WsEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ws-test listen URL}: prints incoming messages until the connection closes, a count or a timeout. */
@Command(name = "listen",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Prints incoming messages until the connection closes (the 'tail' of a WebSocket).",
            "Messages go to standard output one per line (text as it is, binary as a size line, or saved with -o);"
                + " the handshake and the close go to standard error."},
        footer = {"%nExamples:",
            "  ws-test listen ws://localhost:8080/events --match '\"type\":\"order\"' --count 3",
            "  ws-test listen ws://localhost:8080/events --json | jq .json",
            "  ws-test listen ws://localhost:8080/files --count 1 -o received.bin"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":the connection closed, --count messages came, or --timeout passed without --count",
            ExitCodes.INVALID_INPUT + ":bad option",
            ExitCodes.CONNECTION_FAILED + ":could not connect",
            ExitCodes.INCOMPLETE + ":fewer than --count messages before --timeout or a normal close",
            ExitCodes.BROKEN_LINE},
        sortOptions = false)
final class ListenCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "URL", description = "ws:// or wss:// URL.")
    String url;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N (matching) messages.")
    Integer count;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "Stop after this long (default: until the connection closes).")
    Duration timeout;

    @Option(names = {"-m", "--match"}, paramLabel = "REGEX",
            description = "Only text messages containing a match of REGEX count and are shown.")
    String match;

    @Option(names = "--json", description = "Print each message as one JSON object per line (JSON payloads parsed).")
    boolean json;

    @Option(names = "--pretty", description = "Pretty-print text messages that are JSON.")
    boolean pretty;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Append the payloads of binary messages to FILE (created or truncated at start).")
    Path output;

    @Mixin
    ConnectionMixin connection;

    @Override
    int execute() {
        if (count != null && count < 1) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--count must be at least 1, was " + count);
        }
        Pattern pattern = null;
        if (match != null) {
            try {
                pattern = Pattern.compile(match);
            } catch (PatternSyntaxException e) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "--match: invalid regular expression: "
                        + e.getDescription() + " in '" + match + "'", e);
            }
        }
        OutputStream saved = null;
        if (output != null) {
            try {
                saved = Files.newOutputStream(output, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot write " + output + ": " + e.getMessage(), e);
            }
        }
        URI uri = ConnectionMixin.parseUrl(url);
        try (StopSignal stop = new StopSignal(); OutputStream sink = saved;
             WsClient client = connection.connect(uri, "listen")) {
            err().println("listening on " + uri + " (HTTP " + client.handshake().status()
                    + client.subprotocol().map(p -> ", subprotocol " + p).orElse("") + ")");
            err().flush();
            FrameLog log = client.log();
            EventLines lines = new EventLines(log, 0);
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            long seen = 0;
            int shown = 0;
            boolean closed = false;
            while (!closed && (count == null || shown < count)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || stop.stopRequested()) {
                    break;
                }
                long after = seen;
                // wakes the moment a frame arrives; Ctrl-C is noticed within 250 ms
                log.awaitUntil(() -> log.size() > after, Duration.ofNanos(Math.min(left, Duration.ofMillis(250).toNanos())));
                for (WsEvent e : log.eventsAfter(seen)) {
                    seen = e.seq();
                    if (e.type() == EventType.DISCONNECTED) {
                        closed = true;
                    }
                    if (!e.isInbound() || !e.type().isMessage() || (count != null && shown >= count)) {
                        continue;
                    }
                    if (pattern != null && (e.type() != EventType.TEXT || !pattern.matcher(e.text()).find())) {
                        continue;
                    }
                    shown++;
                    print(lines, e, sink);
                }
            }
            out().flush();
            client.closeStatus().ifPresent(s -> err().println("closed: " + SendCommand.closeText(s)
                    + s.initiator().map(i -> " (by the " + i.name().toLowerCase(java.util.Locale.ROOT) + ")").orElse("")));
            java.util.Optional<String> broken = ConnectionMixin.broken(client);
            if (broken.isPresent() && !stop.stopRequested()) {
                throw new CliFailure(ExitCodes.CONNECTION_BROKEN, (count != null && shown < count ? "expected "
                        + count + " message(s) but got " + shown + ": " : "") + broken.get());
            }
            if (count != null && shown < count && !stop.stopRequested()) {
                throw new CliFailure(ExitCodes.INCOMPLETE, "expected " + count + " message(s)"
                        + (match != null ? " matching " + match : "") + " but got " + shown + ": "
                        + (closed ? "the connection closed" : "no more within " + timeout.toMillis() + " ms"));
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    private void print(EventLines lines, WsEvent e, OutputStream sink) {
        if (json) {
            out().println(lines.json(e, true));
        } else if (e.type() == EventType.TEXT) {
            out().println(pretty ? EventLines.prettyIfJson(e.text()) : e.text());
        } else if (sink == null) {
            out().println("(binary, " + e.size() + " bytes" + (e.size() > 0 ? ": " + dev.wstest.record.FrameLogFormat.hex(e.payload()) : "") + ")");
        }
        if (e.type() == EventType.BINARY && sink != null) {
            try {
                sink.write(e.payload());
                sink.flush();
            } catch (IOException ex) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot write " + output + ": " + ex.getMessage(), ex);
            }
            if (!json) {
                err().println("saved " + e.size() + " bytes to " + output);
            }
        }
        out().flush();
    }
}
