package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A JSONPath that names at most one value: {@code $}, {@code .name}, {@code ['name']} and {@code [index]}
 * (negative counts from the end); no wildcards or filters. Used by {@link MessageMatcher#jsonAt} and by the
 * scenario language ({@code expect json $.type = "welcome"}, {@code capture json $.id as id}). Kept
 * in-house because a full JSONPath library would add json-smart and a logging API for four syntax forms.
 *
 * <pre>{@code
 * JsonPath.parse("$.items[-1].price").valueIn("{\"items\": [{\"price\": 9.5}]}");   // Optional[9.5]
 * JsonPath.parse("$.items[*]");   // throws InvalidPathException: wildcards are not supported
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class JsonPath {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String text;
    private final List<Object> segments;

    private JsonPath(String text, List<Object> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** A path that is not one of the supported forms; {@link #offset()} says where in the path. */
    public static final class InvalidPathException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int offset;

        InvalidPathException(int offset, String message) {
            super(message);
            this.offset = offset;
        }

        /** 0-based offset of the problem in the path text. */
        public int offset() {
            return offset;
        }
    }

    /**
     * Parses a path.
     *
     * @throws InvalidPathException naming what was expected and what was found, at {@code offset()}
     */
    public static JsonPath parse(String text) {
        Objects.requireNonNull(text, "path");
        if (!text.startsWith("$")) {
            throw new InvalidPathException(0, "expected a JSONPath starting with \"$\" but found \"" + text + "\"");
        }
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                if (i == start) {
                    throw new InvalidPathException(start, "expected a field name after \".\" in the JSONPath but"
                            + " found " + (start < text.length() ? "\"" + text.charAt(start) + "\"" : "its end"));
                }
                segments.add(text.substring(start, i));
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new InvalidPathException(i, "expected \"]\" to close \"[\" in the JSONPath but found its"
                            + " end");
                }
                String inner = text.substring(i + 1, close).strip();
                if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
                        || inner.startsWith("\"") && inner.endsWith("\""))) {
                    segments.add(inner.substring(1, inner.length() - 1));
                } else if (inner.matches("-?\\d{1,9}")) {
                    segments.add(Integer.parseInt(inner));
                } else {
                    throw new InvalidPathException(i + 1, "expected an index like [0] or a quoted name like ['id']"
                            + " in the JSONPath but found \"[" + inner + "]\" (wildcards and filters are not"
                            + " supported)");
                }
                i = close + 1;
            } else {
                throw new InvalidPathException(i, "expected \".\" or \"[\" in the JSONPath but found \"" + c + "\"");
            }
        }
        return new JsonPath(text, List.copyOf(segments));
    }

    /**
     * The value this path names in a JSON text: a JSON string as its text (without quotes), any other value
     * as compact JSON; empty when the text has no such value.
     *
     * @throws IllegalArgumentException if {@code json} is not valid JSON
     */
    public Optional<String> valueIn(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        return find(root).filter(n -> !n.isMissingNode()).map(n -> n.isValueNode() ? n.asText() : n.toString());
    }

    /** The node the path names, if present. */
    Optional<JsonNode> find(JsonNode root) {
        JsonNode n = root;
        for (Object s : segments) {
            if (n == null) {
                return Optional.empty();
            }
            if (s instanceof Integer idx) {
                if (!n.isArray()) {
                    return Optional.empty();
                }
                n = n.get(idx < 0 ? n.size() + idx : idx);
            } else {
                n = n.isObject() ? n.get((String) s) : null;
            }
        }
        return Optional.ofNullable(n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The path as written. */
    @Override
    public String toString() {
        return text;
    }
}
