package dev.wstest.assertions;

import dev.wstest.assertions.internal.Durations;
import dev.wstest.client.WsClient;
import dev.wstest.record.CloseStatus;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameLogFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the failure messages of the client assertions in the house format: what was expected, the wait
 * budget, every frame since connect with direction, type, size, payload and time, and the connection state.
 */
final class ShouldReceive {

    private ShouldReceive() {
    }

    /**
     * @param expectation "to receive a text message equal to "x"" and the like (no trailing newline)
     * @param budget      the wait, or null for an immediate check
     * @param outcome     "but it did not." or a more specific account
     * @param notes       per-event notes for the frame listing (closest, matched earlier, ...)
     */
    static String message(WsClient client, String expectation, Duration budget, String outcome,
                          Map<Long, String> notes, String hint) {
        StringBuilder sb = new StringBuilder();
        violationLine(client).ifPresent(line -> sb.append(line).append('\n'));
        sb.append("Expecting ").append(client.describe()).append('\n');
        sb.append(expectation).append('\n');
        boolean closed = budget != null && client.state() == ConnectionState.CLOSED;
        if (budget != null) {
            sb.append("within ").append(Durations.format(budget)).append(", ");
        }
        if (closed) {
            // the wait ended when the connection did, not when the budget ran out
            CloseStatus status = client.closeStatus().orElse(null);
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
        sb.append('\n').append("Frames since connect (ms after handshake):\n");
        sb.append(FrameLogFormat.format(client.log(), client.redactor(), notes));
        String autoHint = hint;
        if (autoHint == null && budget != null && client.state() == ConnectionState.CLOSING) {
            autoHint = "the connection is closing, so the server will send no more messages.";
        }
        if (autoHint != null) {
            sb.append("\nHint: ").append(autoHint);
        }
        return sb.toString();
    }

    /**
     * When the server broke RFC 6455, the first line of every failure says so, since it is usually why an
     * expectation failed: "The server broke RFC 6455 at +12: §5.1: server frames must not be masked (...);
     * the client failed the connection with 1002."
     */
    static Optional<String> violationLine(WsClient client) {
        FrameLog log = client.log();
        return log.firstViolation().map(v -> {
            int more = log.violationCount() - 1;
            return "The server broke RFC 6455 at +" + v.sinceOpen().toMillis() + ": " + v.text()
                    + (more > 0 ? " (and " + more + " more violation" + (more == 1 ? "" : "s") + ")" : "")
                    + (!client.isLenient() ? "; the client failed the connection with " + v.rule().closeCode() + "."
                    : "; the client is lenient, so it left the connection to Tyrus.");
        });
    }
}
