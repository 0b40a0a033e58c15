package dev.wstest.assertions.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The one JSON comparison of ws-test, used by the Java assertions and, through them, by {@code .ws} files.
 * Equality ignores key order and whitespace and compares numbers by value ({@code 1}, {@code 1.0} and
 * {@code 1e0} are equal). A subset match ("contains") requires every field of the expected object to be
 * present with a matching value, recursively; arrays must have the same length and match element by element
 * (each element itself as a subset). {@link #compare} says where two values differ, in the words failure
 * messages use: {@code $.order.id: expected 7 but was 8}.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonMatch {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private JsonMatch() {
    }

    /** How the expected value is compared with the actual one. */
    public enum Mode {
        /** The same value. */
        EQUAL,
        /** Every field of the expected value is in the actual one, recursively. */
        CONTAINS
    }

    /**
     * Where an actual value differs from the expected one.
     *
     * @param first    the first difference, as "$.order.id: expected 7 but was 8"
     * @param count    how many differences there are (at most {@link #LIMIT}); fewer means closer
     * @param expected the expected value, pretty-printed with sorted keys, for an IDE diff
     * @param actual   the actual value the same way (in {@link Mode#CONTAINS}, only the fields expected)
     */
    public record Difference(String first, int count, String expected, String actual) {
        /** Differences are counted up to this number. */
        public static final int LIMIT = 1000;
    }

    /** Parses the expected JSON of an assertion, failing with a message that says which argument is wrong. */
    public static JsonNode parseExpected(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("expected JSON is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected JSON is not valid JSON: " + e.getOriginalMessage()
                    + " in: " + json, e);
        }
    }

    /** The message as JSON, or empty when it is not valid JSON. */
    public static Optional<JsonNode> parseActual(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A Java value (String, Number, Boolean, null, Map, List, ...) as JSON. */
    public static JsonNode valueOf(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A JSON value as a Java value of this type, or empty when it cannot be read as one. */
    public static <T> Optional<T> read(JsonNode node, Class<T> type) {
        try {
            return Optional.ofNullable(MAPPER.treeToValue(node, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static boolean equal(JsonNode expected, JsonNode actual) {
        return walk(expected, actual, Mode.EQUAL, null, null);
    }

    public static boolean contains(JsonNode actual, JsonNode expectedSubset) {
        return walk(expectedSubset, actual, Mode.CONTAINS, null, null);
    }

    /**
     * Compares; empty when the values match.
     *
     * @param root the path of the compared values in their message, "$" for the whole message
     */
    public static Optional<Difference> compare(JsonNode expected, JsonNode actual, Mode mode, String root) {
        List<String> found = new ArrayList<>();
        if (walk(expected, actual, mode, root, found)) {
            return Optional.empty();
        }
        JsonNode shown = mode == Mode.CONTAINS ? project(actual, expected) : actual;
        return Optional.of(new Difference(found.get(0), found.size(), pretty(expected), pretty(shown)));
    }

    /** The difference of a value that is not there at all. */
    public static Difference missing(JsonNode expected, String path) {
        return new Difference(path + ": expected " + compact(expected) + " but it is missing", 1, pretty(expected),
                "(missing)");
    }

    /**
     * The one walk behind every comparison. Without a {@code found} list it stops at the first difference and
     * builds no text, so matching costs what a plain equality check costs.
     */
    private static boolean walk(JsonNode expected, JsonNode actual, Mode mode, String path, List<String> found) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 || valuesDiffer(expected, actual,
                    path, found);
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return valuesDiffer(expected, actual, path, found);
        }
        if (expected.isObject()) {
            boolean same = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = actual.get(field.getKey());
                if (other == null) {
                    if (found == null) {
                        return false;
                    }
                    same = record(found, child(path, field.getKey()), "expected " + compact(field.getValue())
                            + " but it is missing");
                } else {
                    same &= walk(field.getValue(), other, mode, found == null ? null : child(path, field.getKey()),
                            found);
                }
                if (!same && (found == null || found.size() >= Difference.LIMIT)) {
                    return false;
                }
            }
            if (mode == Mode.EQUAL && found == null) {
                return actual.size() == expected.size();   // every expected field is there, so no extra one
            }
            if (mode == Mode.EQUAL) {
                for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!expected.has(field.getKey())) {
                        same = record(found, child(path, field.getKey()), "unexpected field (was "
                                + compact(field.getValue()) + ")");
                    }
                }
            }
            return same;
        }
        if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                return found != null && record(found, path, "expected " + expected.size() + " element(s) but was "
                        + actual.size() + " (" + shorten(compact(actual)) + ")");
            }
            boolean same = true;
            for (int i = 0; i < expected.size(); i++) {
                same &= walk(expected.get(i), actual.get(i), mode, found == null ? null : path + "[" + i + "]",
                        found);
                if (!same && (found == null || found.size() >= Difference.LIMIT)) {
                    return false;
                }
            }
            return same;
        }
        return expected.equals(actual) || valuesDiffer(expected, actual, path, found);
    }

    private static boolean valuesDiffer(JsonNode expected, JsonNode actual, String path, List<String> found) {
        return found != null && record(found, path, "expected " + compact(expected) + " but was " + compact(actual));
    }

    /** Records a difference (up to the limit) and returns false, the verdict. */
    private static boolean record(List<String> found, String path, String what) {
        if (found.size() < Difference.LIMIT) {
            found.add(path + ": " + what);
        }
        return false;
    }

    private static String child(String path, String name) {
        return PLAIN_NAME.matcher(name).matches() ? path + "." + name
                : path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** The actual value with only the fields the expected subset names, to show beside it. */
    private static JsonNode project(JsonNode actual, JsonNode expected) {
        if (expected.isObject() && actual.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            expected.fieldNames().forEachRemaining(name -> {
                JsonNode value = actual.get(name);
                if (value != null) {
                    out.set(name, project(value, expected.get(name)));
                }
            });
            return out;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < actual.size(); i++) {
                out.add(project(actual.get(i), expected.get(i)));
            }
            return out;
        }
        return actual;
    }

    /** Pretty-printed with keys sorted, so that an IDE diff of two values shows only real differences. */
    static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), sorted(f.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Compact canonical rendering for messages. */
    public static String compact(JsonNode node) {
        return node.toString();
    }
}
