package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.WsEvent;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A client message no stub matched.
 *
 * @param connection   the connection's number
 * @param path         its request path
 * @param message      the message as recorded
 * @param comparedWith the stubs it was compared with (those for its path and subprotocol), closest first
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record UnmatchedMessage(int connection, String path, WsEvent message, List<String> comparedWith) {

    public UnmatchedMessage {
        comparedWith = List.copyOf(comparedWith);
    }

    /** Several lines: the message and the stubs, closest first. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("connection ").append(connection).append(" (").append(path).append(") at +")
                .append(message.sinceOpen().toMillis()).append(": ").append(message.type()).append(' ')
                .append(FrameLogFormat.describe(message)).append('\n');
        if (comparedWith.isEmpty()) {
            sb.append("    compared with no stub (none applies to this path and subprotocol)\n");
        } else {
            sb.append("    compared with, closest first:\n");
            for (int i = 0; i < comparedWith.size(); i++) {
                sb.append("      ").append(i + 1).append(". ").append(comparedWith.get(i)).append('\n');
            }
        }
        return sb.toString();
    }
}
