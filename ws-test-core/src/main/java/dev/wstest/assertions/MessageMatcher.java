package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wstest.assertions.internal.JsonMatch;
import dev.wstest.assertions.internal.JsonMessageMatcher;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.WsEvent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A condition on one received data message, with a description for failure messages. Used by
 * {@link AbstractWsClientAssert#receivesInOrder(MessageMatcher...)} and friends; static-import the
 * factories:
 *
 * <pre>{@code
 * assertThat(client).receivesInOrder(text("hello"), jsonContaining("{\"type\":\"ack\"}"), binary(new byte[] {1}));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface MessageMatcher {

    /** Whether the event (always a TEXT or BINARY message) satisfies this matcher. */
    boolean matches(WsEvent message);

    /** What this matcher expects, as it reads in a failure message: "a text message equal to "x"". */
    String description();

    /** A text message equal to the given text. */
    static MessageMatcher text(String expected) {
        Objects.requireNonNull(expected, "expected text");
        byte[] utf8 = exactUtf8(expected);
        return lazy(() -> "a text message equal to " + FrameLogFormat.quote(expected),
                e -> e.type() == EventType.TEXT && (utf8 != null ? e.payloadEquals(utf8) : e.text().equals(expected)));
    }

    /** A text message containing the given text. */
    static MessageMatcher textContaining(String fragment) {
        Objects.requireNonNull(fragment, "fragment");
        return lazy(() -> "a text message containing " + FrameLogFormat.quote(fragment),
                e -> e.type() == EventType.TEXT && e.text().contains(fragment));
    }

    /** A text message that the regular expression matches entirely. */
    static MessageMatcher textMatching(String regex) {
        return textMatching(Pattern.compile(regex));
    }

    /** A text message that the pattern matches entirely. */
    static MessageMatcher textMatching(Pattern pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return lazy(() -> "a text message matching /" + pattern.pattern() + "/",
                e -> e.type() == EventType.TEXT && pattern.matcher(e.text()).matches());
    }

    /** A text message whose JSON equals the given JSON, ignoring key order, whitespace and number format. */
    static MessageMatcher json(String expectedJson) {
        JsonNode expected = JsonMatch.parseExpected(expectedJson);
        return new JsonMessageMatcher(() -> "a JSON message equal to " + JsonMatch.compact(expected),
                a -> JsonMatch.equal(expected, a), a -> JsonMatch.compare(expected, a, JsonMatch.Mode.EQUAL, "$"));
    }

    /**
     * A text message whose JSON contains the given JSON: every field given must be present with a matching
     * value (recursively); other fields are ignored. Arrays must match element by element.
     */
    static MessageMatcher jsonContaining(String expectedSubset) {
        JsonNode expected = JsonMatch.parseExpected(expectedSubset);
        return new JsonMessageMatcher(() -> "a JSON message containing " + JsonMatch.compact(expected),
                a -> JsonMatch.contains(a, expected),
                a -> JsonMatch.compare(expected, a, JsonMatch.Mode.CONTAINS, "$"));
    }

    /**
     * A text message whose JSON has, at a {@link JsonPath}, a value equal to the given JSON (compared as
     * {@link #json} compares: key order, whitespace and number format ignored).
     *
     * <pre>{@code
     * // server sent {"type": "say", "items": [{"price": 9.50}]}
     * assertThat(client).receives(jsonAt("$.items[-1].price", "9.5"));   // passes
     * assertThat(client).receives(jsonAt("$.type", "\"hello\""));        // fails: $.type is "say"
     * }</pre>
     *
     * @throws JsonPath.InvalidPathException if the path is not one of the forms {@link JsonPath} supports
     * @throws IllegalArgumentException      if {@code expectedJson} is not valid JSON
     * @see #jsonPath(String, Object) the same with a Java value
     */
    static MessageMatcher jsonAt(String path, String expectedJson) {
        return jsonValueAt(JsonPath.parse(path), JsonMatch.parseExpected(expectedJson));
    }

    /**
     * A text message whose JSON has, at a {@link JsonPath}, this Java value: a {@code String} is a JSON string,
     * a number compares by value ({@code 7} equals {@code 7.0}), {@code true}/{@code false}, {@code null} is JSON
     * null, a {@code Map} or {@code List} is an object or array.
     *
     * <pre>{@code
     * // server sent {"type": "msg", "order": {"id": 8}}
     * assertThat(client).receives(jsonPath("$.type", "msg"));      // passes
     * assertThat(client).receives(jsonPath("$.order.id", 7));      // fails: $.order.id: expected 7 but was 8
     * }</pre>
     *
     * @throws JsonPath.InvalidPathException if the path is not one of the forms {@link JsonPath} supports
     */
    static MessageMatcher jsonPath(String path, Object expectedValue) {
        return jsonValueAt(JsonPath.parse(path), JsonMatch.valueOf(expectedValue));
    }

    /**
     * A text message whose JSON has, at a {@link JsonPath}, a value that reads as {@code type} (as Jackson reads
     * it: a JSON number as {@code Double} or {@code Integer}, a string as {@code String}, ...) and satisfies the
     * condition.
     *
     * <pre>{@code
     * // server sent {"price": 9.5}
     * assertThat(client).receives(jsonPath("$.price", Double.class, p -> p > 9));    // passes
     * assertThat(client).receives(jsonPath("$.price", Double.class, p -> p > 10));   // fails
     * }</pre>
     */
    static <T> MessageMatcher jsonPath(String path, Class<T> type, Predicate<? super T> condition) {
        JsonPath at = JsonPath.parse(path);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(condition, "condition");
        return new JsonMessageMatcher(
                () -> "a JSON message whose " + at + " (as " + type.getSimpleName() + ") satisfies the condition",
                a -> at.find(a).flatMap(v -> JsonMatch.read(v, type)).map(condition::test).orElse(false),
                a -> {
                    Optional<JsonNode> value = at.find(a);
                    if (value.isEmpty()) {
                        return Optional.of(new JsonMatch.Difference(at + ": it is missing", 1,
                                "a value satisfying the condition", "(missing)"));
                    }
                    Optional<T> read = JsonMatch.read(value.get(), type);
                    if (read.isEmpty()) {
                        return Optional.of(new JsonMatch.Difference(at + ": " + JsonMatch.compact(value.get())
                                + " cannot be read as " + type.getSimpleName(), 1, type.getSimpleName(),
                                JsonMatch.compact(value.get())));
                    }
                    return condition.test(read.get()) ? Optional.empty() : Optional.of(new JsonMatch.Difference(
                            at + ": " + JsonMatch.compact(value.get()) + " does not satisfy the condition", 1,
                            "a value satisfying the condition", JsonMatch.compact(value.get())));
                });
    }

    private static MessageMatcher jsonValueAt(JsonPath at, JsonNode expected) {
        return new JsonMessageMatcher(() -> "a JSON message with " + at + " = " + JsonMatch.compact(expected),
                a -> at.find(a).map(v -> JsonMatch.equal(expected, v)).orElse(false),
                a -> at.find(a).map(v -> JsonMatch.compare(expected, v, JsonMatch.Mode.EQUAL, at.toString()))
                        .orElseGet(() -> Optional.of(JsonMatch.missing(expected, at.toString()))));
    }

    /**
     * A text message that arrived in exactly this many frames (the log keeps each message's frame sizes).
     *
     * <pre>{@code
     * // server sent "fragmented" as "frag" + "ment" + "ed"
     * assertThat(client).receives(textInFrames(3));    // passes
     * assertThat(client).receives(textInFrames(1));    // fails: it came in 3 frames
     * }</pre>
     */
    static MessageMatcher textInFrames(int frames) {
        requireFrames(frames);
        return of("a text message in " + frames + " frame" + (frames == 1 ? "" : "s"),
                e -> e.type() == EventType.TEXT && e.frameSizes().size() == frames);
    }

    /** A text message equal to the given text that arrived in exactly this many frames. */
    static MessageMatcher textInFrames(String expected, int frames) {
        Objects.requireNonNull(expected, "expected text");
        requireFrames(frames);
        return of("a text message equal to " + FrameLogFormat.quote(expected) + " in " + frames + " frame"
                        + (frames == 1 ? "" : "s"),
                e -> e.type() == EventType.TEXT && e.frameSizes().size() == frames && e.text().equals(expected));
    }

    /** A binary message that arrived in exactly this many frames. */
    static MessageMatcher binaryInFrames(int frames) {
        requireFrames(frames);
        return of("a binary message in " + frames + " frame" + (frames == 1 ? "" : "s"),
                e -> e.type() == EventType.BINARY && e.frameSizes().size() == frames);
    }

    private static void requireFrames(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("a message has at least 1 frame, was " + frames);
        }
    }

    /** A binary message with exactly these bytes. */
    static MessageMatcher binary(byte[] expected) {
        byte[] copy = Objects.requireNonNull(expected, "expected bytes").clone();
        return lazy(() -> "a binary message equal to " + FrameLogFormat.hex(copy) + " (" + copy.length + " bytes)",
                e -> e.type() == EventType.BINARY && e.payloadEquals(copy));
    }

    /** Any text or binary message. */
    static MessageMatcher anyMessage() {
        return of("any message", e -> true);
    }

    /** A matcher from a description and a predicate. */
    static MessageMatcher of(String description, Predicate<WsEvent> predicate) {
        Objects.requireNonNull(description, "description");
        return lazy(() -> description, predicate);
    }

    /**
     * A matcher whose description is built the first time a failure message asks for it: a passing
     * assertion never formats its expectation.
     */
    private static MessageMatcher lazy(Supplier<String> description, Predicate<WsEvent> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new MessageMatcher() {
            private String built;

            @Override
            public boolean matches(WsEvent message) {
                return predicate.test(message);
            }

            @Override
            public String description() {
                String d = built;
                if (d == null) {
                    d = description.get();
                    built = d;
                }
                return d;
            }

            @Override
            public String toString() {
                return description();
            }
        };
    }

    /**
     * The UTF-8 bytes a received text equal to {@code text} must have, or null where comparing bytes could
     * disagree with comparing decoded strings (unpaired surrogates, or U+FFFD, which a decoder also makes of
     * malformed input).
     */
    private static byte[] exactUtf8(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD') {
                return null;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return null;
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
