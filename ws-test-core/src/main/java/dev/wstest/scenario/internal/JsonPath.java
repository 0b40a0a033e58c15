package dev.wstest.scenario.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSONPath subset scenarios need to point at one value: {@code $}, {@code .name}, {@code ['name']} and
 * {@code [index]} (negative counts from the end), walked over Jackson's tree; no wildcards or filters, so
 * one path always names at most one value. Kept in-house because a full
 * JSONPath library would add json-smart and a logging API for four syntax forms.
 */
public final class JsonPath {

    private final String text;
    private final List<Object> segments;

    private JsonPath(String text, List<Object> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Thrown with the 0-based offset of the problem in the path. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        Invalid(int offset, String message) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    public static JsonPath parse(String text) throws Invalid {
        if (!text.startsWith("$")) {
            throw new Invalid(0, "expected a JSONPath starting with \"$\" but found \"" + text + "\"");
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
                    throw new Invalid(start, "expected a field name after \".\" in the JSONPath but found "
                            + (start < text.length() ? "\"" + text.charAt(start) + "\"" : "its end"));
                }
                segments.add(text.substring(start, i));
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new Invalid(i, "expected \"]\" to close \"[\" in the JSONPath but found its end");
                }
                String inner = text.substring(i + 1, close).strip();
                if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
                        || inner.startsWith("\"") && inner.endsWith("\""))) {
                    segments.add(inner.substring(1, inner.length() - 1));
                } else if (inner.matches("-?\\d{1,9}")) {
                    segments.add(Integer.parseInt(inner));
                } else {
                    throw new Invalid(i + 1, "expected an index like [0] or a quoted name like ['id'] in the"
                            + " JSONPath but found \"[" + inner + "]\" (wildcards and filters are not supported)");
                }
                i = close + 1;
            } else {
                throw new Invalid(i, "expected \".\" or \"[\" in the JSONPath but found \"" + c + "\"");
            }
        }
        return new JsonPath(text, List.copyOf(segments));
    }

    /** The value the path names, if present. */
    public Optional<JsonNode> find(JsonNode root) {
        JsonNode n = root;
        for (Object s : segments) {
            if (n == null) {
                return Optional.empty();
            }
            if (s instanceof Integer) {
                int idx = (Integer) s;
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
    public String toString() {
        return text;
    }
}
