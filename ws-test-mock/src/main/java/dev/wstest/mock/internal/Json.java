package dev.wstest.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wstest.assertions.internal.JsonMatch;
import dev.wstest.scenario.internal.JsonPath;
import java.util.Optional;

/**
 * The mock's one door to ws-test's JSON handling: the same JSONPath subset as the scenario language and
 * the same comparison as the assertions (numbers by value, key order ignored), so a stub and an
 * expectation never disagree about what matches.
 */
public final class Json {

    private Json() {
    }

    /** A parsed JSONPath ({@code $.a.b[0]}, {@code $['x']}); the error names the offset of the problem. */
    public static final class Path {
        private final JsonPath path;

        private Path(JsonPath path) {
            this.path = path;
        }

        public static Path parse(String text) {
            try {
                return new Path(JsonPath.parse(text));
            } catch (JsonPath.Invalid e) {
                throw new IllegalArgumentException(e.getMessage() + " (at offset " + e.offset() + " of \"" + text
                        + "\")", e);
            }
        }

        /** The value at this path in the JSON text, as JSON; empty when the text is not JSON or has none. */
        public Optional<JsonNode> find(String jsonText) {
            return JsonMatch.parseActual(jsonText).flatMap(path::find);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** Parses expected JSON given by the test, failing with a message that says it is the test's. */
    public static JsonNode expected(String json) {
        return JsonMatch.parseExpected(json);
    }

    public static boolean equal(JsonNode expected, JsonNode actual) {
        return JsonMatch.equal(expected, actual);
    }

    /** A value as it goes into a template: strings without quotes, everything else as JSON. */
    public static String asTemplateValue(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
