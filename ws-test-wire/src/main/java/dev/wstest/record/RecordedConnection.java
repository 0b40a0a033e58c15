package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A connection whose frames are recorded: a client, or one connection of an embedded server. Everything
 * here is derived from {@link #log()}, so the state can never disagree with what the log shows.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface RecordedConnection {

    /** Everything that crossed the connection since the handshake, in order. */
    FrameLog log();

    default ConnectionState state() {
        return log().state();
    }

    default boolean isOpen() {
        return state() == ConnectionState.OPEN;
    }

    /** How the connection closed; empty while it is open or closing. */
    default Optional<CloseStatus> closeStatus() {
        return log().closeStatus();
    }

    /** Texts of the text messages received so far, in order (handy in Awaitility conditions). */
    default List<String> receivedTexts() {
        return log().events(e -> e.isInbound() && e.type() == EventType.TEXT).stream().map(WsEvent::text)
                .collect(Collectors.toUnmodifiableList());
    }
}
