package dev.wstest.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.record.Direction;
import dev.wstest.record.WsEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class MessageMatcherTest {

    /** Factories rather than matchers: JUnit would describe a matcher argument in the test's display name. */
    static Stream<Arguments> matchers() {
        return Stream.of(
                Arguments.of("text", (Supplier<MessageMatcher>) () -> MessageMatcher.text("hello")),
                Arguments.of("textContaining", (Supplier<MessageMatcher>) () -> MessageMatcher.textContaining("ell")),
                Arguments.of("textMatching",
                        (Supplier<MessageMatcher>) () -> MessageMatcher.textMatching(Pattern.compile("h.*o"))),
                Arguments.of("json", (Supplier<MessageMatcher>) () -> MessageMatcher.json("{\"a\": 1}")),
                Arguments.of("jsonContaining",
                        (Supplier<MessageMatcher>) () -> MessageMatcher.jsonContaining("{\"a\": 1}")),
                Arguments.of("jsonAt", (Supplier<MessageMatcher>) () -> MessageMatcher.jsonAt("$.a", "1")),
                Arguments.of("binary", (Supplier<MessageMatcher>) () -> MessageMatcher.binary(new byte[] {1, 2})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchers")
    @DisplayName("a matcher formats its description only when a failure message asks for it")
    void descriptionIsBuiltOnDemand(String factory, Supplier<MessageMatcher> make) throws Exception {
        MessageMatcher matcher = make.get();
        matcher.matches(text("hello"));
        matcher.matches(text("{\"a\": 1}"));
        assertThat(describedStrings(matcher)).as("description strings held before anyone asked").isEmpty();

        String description = matcher.description();
        assertThat(description).startsWith("a ");
        assertThat(matcher.description()).isSameAs(description);
        assertThat(matcher).hasToString(description);
    }

    @Test
    @DisplayName("descriptions read as before")
    void descriptions() {
        assertThat(MessageMatcher.text("hi\n").description()).isEqualTo("a text message equal to \"hi\\n\"");
        assertThat(MessageMatcher.json("{ \"a\" : 1 }").description()).isEqualTo("a JSON message equal to {\"a\":1}");
        assertThat(MessageMatcher.binary(new byte[] {(byte) 0xca, (byte) 0xfe}).description())
                .isEqualTo("a binary message equal to 0xcafe (2 bytes)");
        assertThat(MessageMatcher.of("my own", e -> true).description()).isEqualTo("my own");
    }

    @Test
    @DisplayName("text equality compares what decoding would, also for text a byte comparison cannot judge")
    void textEquality() {
        assertThat(MessageMatcher.text("héllo ☃ \uD83D\uDE00").matches(text("héllo ☃ \uD83D\uDE00"))).isTrue();
        assertThat(MessageMatcher.text("hello").matches(text("hello!"))).isFalse();
        assertThat(MessageMatcher.text("").matches(text(""))).isTrue();
        // Malformed UTF-8 decodes to U+FFFD; an unpaired surrogate never equals decoded text.
        WsEvent malformed = new WsEvent.Text(1, Direction.INBOUND, 0, new byte[] {'a', (byte) 0xff}, null);
        assertThat(MessageMatcher.text("a\uFFFD").matches(malformed)).isTrue();
        assertThat(MessageMatcher.text("a\uD800").matches(text("a?"))).isFalse();
        assertThat(MessageMatcher.text("hello").matches(new WsEvent.Binary(1, Direction.INBOUND, 0,
                "hello".getBytes(StandardCharsets.UTF_8), null))).isFalse();
    }

    private static WsEvent text(String s) {
        return new WsEvent.Text(1, Direction.INBOUND, 0, s.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Strings reachable from the matcher (through its fields and captured values) that read like a description. */
    private static List<String> describedStrings(Object root) throws IllegalAccessException {
        List<String> found = new ArrayList<>();
        walk(root, 0, new IdentityHashMap<>(), found);
        return found;
    }

    private static void walk(Object o, int depth, Map<Object, Boolean> seen, List<String> found)
            throws IllegalAccessException {
        if (o == null || depth > 4 || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof String s) {
            if (s.startsWith("a ") || s.startsWith("any ")) {
                found.add(s);
            }
            return;
        }
        if (o.getClass().getName().startsWith("java.") || o.getClass().isArray()) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                walk(f.get(o), depth + 1, seen, found);
            }
        }
    }
}
