package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.MessageMatcher;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLogFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Which client messages a {@link Stub} answers. Each pattern is data (a scenario file can build it) and
 * turns into the same {@link MessageMatcher} the client assertions use, so "matches" means the same in a
 * stub and in an expectation.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface MessagePattern {

    /** The matcher this pattern stands for. */
    MessageMatcher matcher();

    /** What a message is compared with to find the closest stub in a failure, or null. */
    default String example() {
        return null;
    }

    /** "a text message equal to "ping"" and the like. */
    default String description() {
        return matcher().description();
    }

    /** A text message equal to {@code expected}. */
    record Text(String expected) implements MessagePattern {
        public Text {
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public MessageMatcher matcher() {
            return MessageMatcher.text(expected);
        }

        @Override
        public String example() {
            return expected;
        }
    }

    /** A text message containing {@code fragment}. */
    record TextContaining(String fragment) implements MessagePattern {
        public TextContaining {
            Objects.requireNonNull(fragment, "fragment");
        }

        @Override
        public MessageMatcher matcher() {
            return MessageMatcher.textContaining(fragment);
        }

        @Override
        public String example() {
            return fragment;
        }
    }

    /** A text message the regular expression matches entirely; its groups are {@code ${group.N}} in replies. */
    record TextMatching(Pattern pattern) implements MessagePattern {
        public TextMatching {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public MessageMatcher matcher() {
            return MessageMatcher.textMatching(pattern);
        }

        @Override
        public String example() {
            return pattern.pattern();
        }
    }

    /** A JSON message equal to {@code json} (key order, whitespace and number format ignored). */
    record Json(String json) implements MessagePattern {
        public Json {
            MessageMatcher.json(json); // fails now on JSON that does not parse
        }

        @Override
        public MessageMatcher matcher() {
            return MessageMatcher.json(json);
        }

        @Override
        public String example() {
            return json;
        }
    }

    /** A JSON message containing {@code json}: every field given, recursively; others ignored. */
    record JsonContaining(String json) implements MessagePattern {
        public JsonContaining {
            MessageMatcher.jsonContaining(json); // fails now on JSON that does not parse
        }

        @Override
        public MessageMatcher matcher() {
            return MessageMatcher.jsonContaining(json);
        }

        @Override
        public String example() {
            return json;
        }
    }

    /**
     * A JSON message with a value at {@code path} ({@code $.op}, {@code $.args[0]}, {@code $['x-y']}): equal to
     * the JSON {@code expectedJson} ({@code "subscribe"}, {@code 42}, {@code {"a":1}}), or present at all when
     * {@code expectedJson} is null.
     */
    record JsonPath(String path, String expectedJson) implements MessagePattern {
        public JsonPath {
            matcher(path, expectedJson); // fails now on a path or JSON that does not parse
        }

        @Override
        public MessageMatcher matcher() {
            return matcher(path, expectedJson);
        }

        private static MessageMatcher matcher(String path, String expectedJson) {
            if (expectedJson != null) {
                return MessageMatcher.jsonAt(path, expectedJson);
            }
            dev.wstest.assertions.JsonPath at = dev.wstest.assertions.JsonPath.parse(path);
            return MessageMatcher.of("a JSON message with a value at " + at,
                    e -> e.type() == EventType.TEXT && valueAt(at, e.text()).isPresent());
        }

        @Override
        public String example() {
            return expectedJson;
        }
    }

    /** A JSON message whose value at {@code path} (a string as is, anything else as JSON) the regex matches. */
    record JsonPathMatching(String path, Pattern pattern) implements MessagePattern {
        public JsonPathMatching {
            dev.wstest.assertions.JsonPath.parse(path);
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public MessageMatcher matcher() {
            dev.wstest.assertions.JsonPath at = dev.wstest.assertions.JsonPath.parse(path);
            return MessageMatcher.of("a JSON message with " + at + " matching /" + pattern.pattern() + "/",
                    e -> e.type() == EventType.TEXT && valueAt(at, e.text())
                            .map(v -> pattern.matcher(v).matches()).orElse(false));
        }
    }

    /** The value at the path (a string without quotes, anything else as JSON); empty when none or not JSON. */
    private static Optional<String> valueAt(dev.wstest.assertions.JsonPath at, String text) {
        try {
            return at.valueIn(text);
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    /** A binary message with exactly these bytes. */
    record Binary(byte[] expected) implements MessagePattern {
        public Binary {
            expected = Objects.requireNonNull(expected, "expected").clone();
        }

        @Override
        public byte[] expected() {
            return expected.clone();
        }

        @Override
        public MessageMatcher matcher() {
            return MessageMatcher.binary(expected);
        }

        @Override
        public String description() {
            return "a binary message equal to " + FrameLogFormat.hex(expected) + " (" + expected.length + " bytes)";
        }
    }

    /** Any text or binary message. */
    record AnyMessage() implements MessagePattern {
        @Override
        public MessageMatcher matcher() {
            return MessageMatcher.of("any message", e -> true);
        }
    }

    /**
     * A matcher of the test's own, with an example text unmatched messages are compared with to find the closest
     * stub (null for none).
     */
    record Custom(MessageMatcher custom, String example) implements MessagePattern {
        public Custom {
            Objects.requireNonNull(custom, "custom");
        }

        /** A matcher with no example to compare unmatched messages with. */
        public Custom(MessageMatcher custom) {
            this(custom, null);
        }

        @Override
        public MessageMatcher matcher() {
            return custom;
        }
    }
}
