package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.cli.internal.EventLines;
import dev.wstest.client.WsClient;
import dev.wstest.record.CloseStatus;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.WsEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ws-test send URL [MESSAGE | --file F | -]}: one message (or each stdin line), then the replies. */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Sends one message (or each line of standard input with '-') and prints the replies;"
                + " for shell pipelines.",
            "Replies go to standard output one per line (text as it is, binary as hex; --json: one JSON object per"
                + " line), everything else to standard error."},
        footer = {"%nExamples:",
            "  ws-test send ws://localhost:8080/echo 'hello' --replies 1",
            "  ws-test send wss://api.example.com/ws --file request.json --text --replies 1 --json",
            "  printf 'a\\nb\\n' | ws-test send ws://localhost:8080/echo - --replies 1",
            "  ws-test send ws://localhost:8080/upload --file photo.png"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":sent, and all replies asked for came",
            ExitCodes.INVALID_INPUT + ":bad option or unreadable file",
            ExitCodes.CONNECTION_FAILED + ":could not connect",
            ExitCodes.INCOMPLETE + ":fewer replies than --replies before --timeout or a normal close",
            ExitCodes.BROKEN_LINE},
        sortOptions = false)
final class SendCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "URL", description = "ws:// or wss:// URL.")
    String url;

    @Parameters(index = "1", arity = "0..1", paramLabel = "MESSAGE",
            description = "The text to send; '-' sends each line of standard input as a message.")
    String message;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Send the file's bytes as one binary message (text with --text).")
    Path file;

    @Option(names = "--text", description = "With --file: send the file as a text message (UTF-8).")
    boolean text;

    @Option(names = "--binary", description = "Send MESSAGE (or each stdin line) as a binary message of its UTF-8 bytes.")
    boolean binary;

    @Option(names = {"-n", "--replies"}, paramLabel = "N", defaultValue = "0",
            description = "Wait for and print N replies per message sent (default: ${DEFAULT-VALUE}).")
    int replies;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "How long to wait for the replies after the last message (default: 5s).")
    Duration timeout = Duration.ofSeconds(5);

    @Option(names = "--json", description = "Print each reply as one JSON object per line.")
    boolean json;

    @Mixin
    ConnectionMixin connection;

    @Override
    int execute() {
        int sources = (message != null ? 1 : 0) + (file != null ? 1 : 0);
        if (sources != 1) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, sources == 0
                    ? "nothing to send: give a MESSAGE, --file FILE, or - for standard input"
                    : "give either a MESSAGE or --file, not both");
        }
        if (replies < 0) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--replies must be 0 or more, was " + replies);
        }
        byte[] fileBytes = null;
        if (file != null) {
            try {
                fileBytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot read " + file + ": "
                        + (Files.exists(file) ? e.getMessage() : "no such file"), e);
            }
        }
        URI uri = ConnectionMixin.parseUrl(url);
        try (WsClient client = connection.connect(uri, "send")) {
            EventLines lines = new EventLines(client.log(), 0);
            int sent = 0;
            long printed = 0;
            if (fileBytes != null) {
                if (text) {
                    client.sendText(new String(fileBytes, StandardCharsets.UTF_8));
                } else {
                    client.sendBinary(fileBytes);
                }
                sent = 1;
            } else if (message.equals("-")) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in(), StandardCharsets.UTF_8));
                String line;
                try {
                    while ((line = reader.readLine()) != null && client.isOpen()) {
                        send(client, line);
                        sent++;
                        printed = printReplies(client, lines, printed, (long) replies * sent, Duration.ZERO);
                    }
                } catch (IOException e) {
                    throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot read standard input: " + e.getMessage(), e);
                }
            } else {
                send(client, message);
                sent = 1;
            }
            long wanted = (long) replies * sent;
            printed = printReplies(client, lines, printed, wanted, timeout);
            out().flush();
            if (printed < wanted) {
                String got = "expected " + wanted + " repl" + (wanted == 1 ? "y" : "ies") + " but got " + printed + ": ";
                Optional<String> broken = ConnectionMixin.broken(client);
                if (broken.isPresent()) {
                    throw new CliFailure(ExitCodes.CONNECTION_BROKEN, got + broken.get());
                }
                String why = client.closeStatus().map(s -> "the connection closed (" + closeText(s) + ")")
                        .orElse("no more within " + timeout.toMillis() + " ms");
                throw new CliFailure(ExitCodes.INCOMPLETE, got + why);
            }
            return ExitCodes.OK;
        }
    }

    private void send(WsClient client, String line) {
        if (binary) {
            client.sendBinary(line.getBytes(StandardCharsets.UTF_8));
        } else {
            client.sendText(line);
        }
    }

    /** Prints replies until {@code wanted} were printed, the connection closed, or the wait ran out. */
    private long printReplies(WsClient client, EventLines lines, long printed, long wanted, Duration wait) {
        // ends early when the connection is closed (the frame log's waits do), so the close can be reported
        client.log().awaitUntil(() -> client.log().receivedMessages().size() >= wanted, wait);
        List<WsEvent> received = client.log().receivedMessages();
        long n = printed;
        for (int i = (int) printed; i < received.size() && n < wanted; i++) {
            WsEvent e = received.get(i);
            out().println(json ? lines.json(e, true) : e.type() == EventType.TEXT ? e.text()
                    : FrameLogFormat.hex(e.payload()) + " (" + e.size() + " bytes)");
            n++;
        }
        out().flush();
        return n;
    }

    static String closeText(CloseStatus s) {
        return s.code() + (s.reason() == null || s.reason().isEmpty() ? "" : " \"" + s.reason() + "\"");
    }
}
