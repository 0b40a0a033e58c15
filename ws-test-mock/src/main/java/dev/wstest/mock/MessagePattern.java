package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wstest.assertions.MessageMatcher;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLogFormat;
import java.util.Objects;
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
            dev.wstest.mock.internal.Json.expected(json);
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
            dev.wstest.mock.internal.Json.expected(json);
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
            dev.wstest.mock.internal.Json.Path.parse(path);
            if (expectedJson != null) {
                dev.wstest.mock.internal.Json.expected(expectedJson);
            }
        }

        @Override
        public MessageMatcher matcher() {
            dev.wstest.mock.internal.Json.Path p = dev.wstest.mock.internal.Json.Path.parse(path);
            JsonNode expected = expectedJson == null ? null : dev.wstest.mock.internal.Json.expected(expectedJson);
            String what = expected == null ? "a JSON message with a value at " + path
                    : "a JSON message with " + path + " = " + expected;
            return MessageMatcher.of(what, e -> e.type() == EventType.TEXT && p.find(e.text())
                    .map(v -> expected == null || dev.wstest.mock.internal.Json.equal(expected, v)).orElse(false));
        }

        @Override
        public String example() {
            return expectedJson;
        }
    }

    /** A JSON message whose value at {@code path} (a string as is, anything else as JSON) the regex matches. */
    record JsonPathMatching(String path, Pattern pattern) implements MessagePattern {
        public JsonPathMatching {
            dev.wstest.mock.internal.Json.Path.parse(path);
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public MessageMatcher matcher() {
            dev.wstest.mock.internal.Json.Path p = dev.wstest.mock.internal.Json.Path.parse(path);
            return MessageMatcher.of("a JSON message with " + path + " matching /" + pattern.pattern() + "/",
                    e -> e.type() == EventType.TEXT && p.find(e.text())
                            .map(v -> pattern.matcher(dev.wstest.mock.internal.Json.asTemplateValue(v)).matches())
                            .orElse(false));
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

    /** A matcher of the test's own (Java only). */
    record Custom(MessageMatcher custom) implements MessagePattern {
        public Custom {
            Objects.requireNonNull(custom, "custom");
        }

        @Override
        public MessageMatcher matcher() {
            return custom;
        }
    }
}
