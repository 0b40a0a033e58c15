package dev.wstest.assertions.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * JSON comparison for message assertions. Equality ignores key order and whitespace and compares numbers
 * by value ({@code 1}, {@code 1.0} and {@code 1e0} are equal). A subset match ("contains") requires every
 * field of the expected object to be present with a matching value, recursively; arrays must have the same
 * length and match element by element (each element itself as a subset).
 */
public final class JsonMatch {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonMatch() {
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

    public static boolean equal(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return false;
        }
        if (expected.isObject()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = actual.get(field.getKey());
                if (other == null || !equal(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!equal(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    public static boolean contains(JsonNode actual, JsonNode expectedSubset) {
        if (expectedSubset.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expectedSubset.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = actual.get(field.getKey());
                if (other == null || !contains(other, field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (expectedSubset.isArray()) {
            if (!actual.isArray() || actual.size() != expectedSubset.size()) {
                return false;
            }
            for (int i = 0; i < expectedSubset.size(); i++) {
                if (!contains(actual.get(i), expectedSubset.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return equal(expectedSubset, actual);
    }

    /** Compact canonical rendering for messages. */
    public static String compact(JsonNode node) {
        return node.toString();
    }
}
