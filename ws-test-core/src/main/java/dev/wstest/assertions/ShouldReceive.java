package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.internal.Durations;
import dev.wstest.assertions.internal.Similarity;
import dev.wstest.client.WsClient;
import dev.wstest.record.CloseStatus;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.Redactor;
import dev.wstest.record.WsEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Builds the failure messages of the connection assertions in the house format: what was expected, the wait
 * budget, every frame since connect with direction, type, size, payload and time, and the connection state.
 * The client assertions and the mock server's assertions both write their messages with it, so a failure
 * reads the same from either side:
 *
 * <pre>
 * Expecting client "chat" (ws://127.0.0.1:53124/chat, OPEN)
 * to receive a text message equal to "pong"
 * within 2s, but none of the 1 message(s) that arrived matched.
 *
 * Frames since connect (ms after handshake):
 *   &lt;-   +12  TEXT   "PONG"          &lt;- closest
 * </pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ShouldReceive {

    /** Below this similarity, pointing at a "closest" message would mislead. */
    private static final double CLOSEST_THRESHOLD = 0.3;

    private ShouldReceive() {
    }

    /**
     * Whose expectation failed: how the message names it, its log, and how its frames are printed.
     *
     * @param description   "client "chat" (ws://..., OPEN)" and the like
     * @param framesHeading the line above the frames, e.g. "Frames since connect (ms after handshake):"
     * @param firstLine     a line that goes before everything else (a protocol violation), if any
     */
    public record Subject(String description, FrameLog log, Redactor redactor, String framesHeading,
                          Optional<String> firstLine) {
    }

    static String message(WsClient client, String expectation, Duration budget, String outcome,
                          Map<Long, String> notes, String hint) {
        return message(new Subject(client.describe(), client.log(), client.redactor(),
                "Frames since connect (ms after handshake):", violationLine(client)), expectation, budget, outcome,
                notes, hint);
    }

    /**
     * The whole failure message.
     *
     * @param expectation "to receive a text message equal to "x"" and the like (no trailing newline)
     * @param budget      the wait, or null for an immediate check
     * @param outcome     "but it did not." or a more specific account
     * @param notes       per-event notes for the frame listing (closest, matched earlier, ...), or null
     * @param hint        a hint for the last line, or null (a wait on a closing connection gets one)
     */
    public static String message(Subject subject, String expectation, Duration budget, String outcome,
                                 Map<Long, String> notes, String hint) {
        StringBuilder sb = new StringBuilder();
        subject.firstLine().ifPresent(line -> sb.append(line).append('\n'));
        sb.append("Expecting ").append(subject.description()).append('\n');
        sb.append(expectation).append('\n');
        boolean closed = budget != null && subject.log().state() == ConnectionState.CLOSED;
        if (budget != null) {
            sb.append("within ").append(budget(budget)).append(", ");
        }
        if (closed) {
            // the wait ended when the connection did, not when the budget ran out
            CloseStatus status = subject.log().closeStatus().orElse(null);
            sb.append("but the connection closed").append(status == null ? ""
                    : " at +" + status.at().toMillis() + " (" + status + ")")
                    .append(", so nothing more can arrive: ").append(outcome.replaceFirst("^but ", ""));
        } else {
            sb.append(outcome);
        }
        sb.append('\n');
        if (Thread.currentThread().isInterrupted()) {
            sb.append("(The wait was interrupted.)\n");
        }
        sb.append('\n').append(subject.framesHeading()).append('\n');
        sb.append(FrameLogFormat.format(subject.log(), subject.redactor(), notes));
        String autoHint = hint;
        if (autoHint == null && budget != null && subject.log().state() == ConnectionState.CLOSING) {
            autoHint = "the connection is closing, so no more messages will arrive.";
        }
        if (autoHint != null) {
            sb.append("\nHint: ").append(autoHint);
        }
        return sb.toString();
    }

    /** A wait budget as failure messages write it: {@code 2s}, {@code 150ms}, {@code 1.5s}. */
    public static String budget(Duration budget) {
        return Durations.format(budget);
    }

    /**
     * The received text message closest to {@code expected} (by edit distance), if one is close enough to be
     * worth pointing at.
     */
    public static Optional<WsEvent> closestText(Collection<WsEvent> events, String expected) {
        WsEvent best = null;
        double bestScore = CLOSEST_THRESHOLD;
        for (WsEvent e : events) {
            if (e.isInbound() && e.type() == EventType.TEXT) {
                double score = similarity(expected, e.text());
                if (score > bestScore) {
                    bestScore = score;
                    best = e;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * How close two texts are: 1.0 for equal texts, towards 0.0 for unrelated ones (normalised edit distance of
     * the first 256 characters). The measure behind "closest" in failure messages.
     */
    public static double similarity(String a, String b) {
        return Similarity.of(a, b);
    }

    /**
     * When the server broke RFC 6455, the first line of every failure says so, since it is usually why an
     * expectation failed: "The server broke RFC 6455 at +12: §5.1: server frames must not be masked (...);
     * the client failed the connection with 1002."
     */
    static Optional<String> violationLine(WsClient client) {
        return violationLine(client.log(), "The server", !client.isLenient() ? "the client failed the connection"
                : null, "the client is lenient, so it left the connection to Tyrus.");
    }

    /**
     * The first line of a failure on a connection whose peer broke RFC 6455, if it did.
     *
     * @param peer      who broke it, capitalised: "The server", "The client"
     * @param failedBy  "the client failed the connection" when the strict side failed it, or null when lenient
     * @param ifLenient what the line ends with when {@code failedBy} is null
     */
    public static Optional<String> violationLine(FrameLog log, String peer, String failedBy, String ifLenient) {
        return log.firstViolation().map(v -> {
            int more = log.violationCount() - 1;
            return peer + " broke RFC 6455 at +" + v.sinceOpen().toMillis() + ": " + v.text()
                    + (more > 0 ? " (and " + more + " more violation" + (more == 1 ? "" : "s") + ")" : "")
                    + (failedBy != null ? "; " + failedBy + " with " + v.rule().closeCode() + "." : "; " + ifLenient);
        });
    }
}
