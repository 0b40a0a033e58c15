package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wstest.assertions.internal.Failing;
import dev.wstest.assertions.internal.JsonMatch;
import dev.wstest.client.WsClient;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.WsEvent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A message an expectation matched, to read values from in the following steps of a test: the Java form of a
 * {@code .ws} file's {@code capture}. From {@link AbstractWsClientAssert#lastMatch()}.
 *
 * <pre>{@code
 * String speaker = assertThat(bob).receivesJsonContaining("{\"type\":\"say\"}").lastMatch().json("$.from");
 * bob.sendText("{\"type\":\"say\",\"text\":\"hi " + speaker + "\"}");
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MatchedMessage {

    private final WsClient client;
    private final WsEvent event;

    MatchedMessage(WsClient client, WsEvent event) {
        this.client = client;
        this.event = event;
    }

    /** The recorded event (a TEXT or BINARY message). */
    public WsEvent event() {
        return event;
    }

    /** The text of a text message (a binary one is read as UTF-8). */
    public String text() {
        return event.type() == EventType.TEXT ? event.text()
                : new String(event.payload(), StandardCharsets.UTF_8);
    }

    /** The payload bytes. */
    public byte[] payload() {
        return event.payload();
    }

    /**
     * The value at a {@link JsonPath}, as a {@code .ws} capture reads it: a JSON string as its text (without
     * quotes), any other value as compact JSON ({@code 7}, {@code true}, {@code {"a":1}}).
     *
     * @throws AssertionError when the message is not JSON or has no such value
     */
    public String json(String path) {
        JsonNode value = valueAt(JsonPath.parse(path));
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /**
     * The value at a {@link JsonPath} read as {@code type}, as Jackson reads it ({@code Integer}, {@code Double},
     * {@code String}, {@code Boolean}, {@code Map}, {@code List}, or your own class).
     *
     * @throws AssertionError when the message is not JSON, has no such value, or the value is not a {@code type}
     */
    public <T> T json(String path, Class<T> type) {
        Objects.requireNonNull(type, "type");
        JsonPath at = JsonPath.parse(path);
        JsonNode value = valueAt(at);
        return JsonMatch.read(value, type).orElseThrow(() -> fail("Cannot read " + at + " of " + describe() + " as "
                + type.getSimpleName() + ": it is " + JsonMatch.compact(value) + ".", type.getSimpleName(),
                JsonMatch.compact(value)));
    }

    private JsonNode valueAt(JsonPath at) {
        Optional<JsonNode> root = event.type() == EventType.TEXT ? JsonMatch.parseActual(event.text())
                : Optional.empty();
        if (root.isEmpty()) {
            throw fail("Cannot read " + at + ": " + describe() + " is not JSON.", "a JSON message",
                    FrameLogFormat.describe(event));
        }
        return at.find(root.get()).orElseThrow(() -> fail("Cannot read " + at + ": " + describe() + " has no " + at
                + ".", at + " present", "(missing)"));
    }

    private String describe() {
        return "the message " + client.describe() + " last matched (+" + event.sinceOpen().toMillis() + ") "
                + FrameLogFormat.describe(event);
    }

    private AssertionError fail(String message, Object expected, Object actual) {
        return Failing.failure(client.redactor(), message + "\n\nFrames since connect (ms after handshake):\n"
                + client.formatLog(), expected, actual, null);
    }

    @Override
    public String toString() {
        return "MatchedMessage[" + client.redactor().scrub(FrameLogFormat.describe(event)) + "]";
    }
}
