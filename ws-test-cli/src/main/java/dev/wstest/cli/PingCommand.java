package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.client.WsClient;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLog;
import dev.wstest.record.WsEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ws-test ping URL}: round-trip times of WebSocket pings. */
@Command(name = "ping",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Measures the round-trip time of WebSocket pings (ping frame out, pong frame back).",
        footer = {"%nExample:", "  ws-test ping wss://api.example.com/ws --count 10 --interval 200ms"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":every ping was answered",
            ExitCodes.INVALID_INPUT + ":bad option",
            ExitCodes.CONNECTION_FAILED + ":could not connect",
            ExitCodes.INCOMPLETE + ":a pong did not come within --timeout, or the connection closed normally",
            ExitCodes.BROKEN_LINE},
        sortOptions = false)
final class PingCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "URL", description = "ws:// or wss:// URL.")
    String url;

    @Option(names = {"-c", "--count"}, paramLabel = "N", defaultValue = "4",
            description = "How many pings (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "Pause between pings (default: 1s).")
    Duration interval = Duration.ofSeconds(1);

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "How long to wait for each pong (default: 2s).")
    Duration timeout = Duration.ofSeconds(2);

    @Mixin
    ConnectionMixin connection;

    @Override
    int execute() {
        if (count < 1) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--count must be at least 1, was " + count);
        }
        URI uri = ConnectionMixin.parseUrl(url);
        try (WsClient client = connection.connect(uri, "ping")) {
            FrameLog log = client.log();
            out().println("PING " + uri + ": " + count + " ping(s), every " + interval.toMillis() + " ms");
            out().flush();
            List<Double> rtts = new ArrayList<>();
            int sent = 0;
            for (int i = 1; i <= count && client.isOpen(); i++) {
                if (i > 1) {
                    // the pause between pings is the point of --interval; it ends early if the connection closes
                    log.awaitUntil(() -> !client.isOpen(), interval);
                    if (!client.isOpen()) {
                        break;
                    }
                }
                byte[] payload = ("ws-test " + i).getBytes(StandardCharsets.UTF_8);
                long before = log.size();
                long sentAt = System.nanoTime();
                client.sendPing(payload);
                sent++;
                boolean answered = log.awaitUntil(() -> pong(log, before, payload).isPresent() || !client.isOpen(),
                        timeout);
                Optional<WsEvent> pong = pong(log, before, payload);
                if (answered && pong.isPresent()) {
                    long start = log.firstAfter(before, e -> e.isOutbound() && e.type() == EventType.PING
                            && e.payloadEquals(payload)).map(WsEvent::sinceOpenNanos)
                            .orElse(sentAt - log.openedAtNanos());
                    double ms = (pong.get().sinceOpenNanos() - start) / 1e6;
                    rtts.add(ms);
                    out().println(String.format(Locale.ROOT, "pong %d: %d bytes, time=%.2f ms", i, payload.length, ms));
                } else {
                    out().println("pong " + i + ": " + (client.isOpen() ? "no pong within " + timeout.toMillis() + " ms"
                            : "connection closed"));
                }
                out().flush();
            }
            out().println("--- " + uri + " ping statistics ---");
            int lost = sent - rtts.size();
            out().println(String.format(Locale.ROOT, "%d sent, %d pong(s), %d%% lost", sent, rtts.size(),
                    sent == 0 ? 0 : Math.round(100.0 * lost / sent)));
            if (!rtts.isEmpty()) {
                double[] sorted = rtts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double avg = Arrays.stream(sorted).average().orElse(0);
                double p99 = sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)];
                out().println(String.format(Locale.ROOT, "rtt min/avg/max/p99 = %.2f/%.2f/%.2f/%.2f ms",
                        sorted[0], avg, sorted[sorted.length - 1], p99));
            }
            out().flush();
            if (lost > 0 || sent < count) {
                java.util.Optional<String> broken = ConnectionMixin.broken(client);
                if (broken.isPresent()) {
                    throw new CliFailure(ExitCodes.CONNECTION_BROKEN, (count - rtts.size()) + " of " + count
                            + " ping(s) got no pong: " + broken.get());
                }
                throw new CliFailure(ExitCodes.INCOMPLETE, (count - rtts.size()) + " of " + count
                        + " ping(s) got no pong" + (client.isOpen() ? "" : " (the connection closed)"));
            }
            return ExitCodes.OK;
        }
    }

    private static Optional<WsEvent> pong(FrameLog log, long after, byte[] payload) {
        return log.firstAfter(after, e -> e.isInbound() && e.type() == EventType.PONG && e.payloadEquals(payload));
    }
}
