package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Immutable HTTP headers with case-insensitive names, keeping the first spelling and insertion order. A value
 * is a whole field value as received (a date keeps its comma); {@link #elements} splits the headers that are
 * comma-separated lists by definition.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Headers {

    private static final Headers EMPTY = new Headers(new String[0], new String[0], List.of());

    /** Headers whose syntax is a comma-separated list (RFC 9110 section 5.6.1, RFC 6455 section 11.3). */
    private static final Set<String> LISTS = Set.of("sec-websocket-protocol", "sec-websocket-extensions",
            "sec-websocket-version", "connection", "upgrade", "vary", "allow", "accept", "accept-charset",
            "accept-encoding", "accept-language", "accept-ranges", "cache-control", "content-encoding",
            "content-language", "transfer-encoding", "te", "trailer", "via", "pragma", "if-match", "if-none-match",
            "access-control-allow-headers", "access-control-allow-methods", "access-control-expose-headers",
            "access-control-request-headers");

    // One slot per distinct name, in insertion order: a handshake's dozen headers, kept for every connection
    // a server or client holds, in three arrays rather than a map of entries.
    private final String[] keys; // lower case, for lookups
    private final String[] names; // first spelling
    private final List<List<String>> values;

    private Headers(String[] keys, String[] names, List<List<String>> values) {
        this.keys = keys;
        this.names = names;
        this.values = values;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Copies a name-to-values map; names that differ only in case are merged. */
    public static Headers of(Map<String, ? extends List<String>> map) {
        if (map == null || map.isEmpty()) {
            return EMPTY;
        }
        List<String> keys = new ArrayList<>(map.size());
        List<String> names = new ArrayList<>(map.size());
        List<List<String>> values = new ArrayList<>(map.size());
        map.forEach((name, vs) -> {
            if (name == null) {
                return; // the status line, in some stacks' maps
            }
            String key = name.toLowerCase(Locale.ROOT);
            int at = keys.indexOf(key);
            if (at < 0) {
                keys.add(key);
                names.add(name);
                values.add(vs == null ? List.of() : List.copyOf(vs));
            } else if (vs != null && !vs.isEmpty()) {
                List<String> merged = new ArrayList<>(values.get(at));
                merged.addAll(vs);
                values.set(at, List.copyOf(merged));
            }
        });
        return keys.isEmpty() ? EMPTY
                : new Headers(keys.toArray(String[]::new), names.toArray(String[]::new), List.copyOf(values));
    }

    /** Builds headers from alternating names and values. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs, got an odd number of strings");
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return of(map);
    }

    /** All values of the header, empty if absent. */
    public List<String> all(String name) {
        int at = indexOf(name);
        return at < 0 ? List.of() : values.get(at);
    }

    private int indexOf(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The first value of the header. */
    public Optional<String> first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * All values of the header joined with ", " (the HTTP list form), or empty if absent. Servers may
     * send a list either as several header lines or as one; this reads both the same way.
     */
    public Optional<String> joined(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    /**
     * The elements of a header that is a comma-separated list by definition ({@code Sec-WebSocket-Protocol},
     * {@code Sec-WebSocket-Extensions}, {@code Connection}, {@code Upgrade}, {@code Vary}, {@code Allow},
     * {@code Cache-Control}, the {@code Accept} family, ...), from every field line, split at commas outside
     * quoted strings, trimmed, empty elements dropped.
     *
     * @throws IllegalArgumentException for any other header: a value like a date has commas of its own, so
     *                                  splitting it would be wrong (read it with {@link #first} or {@link #all})
     */
    public List<String> elements(String name) {
        if (!isList(name)) {
            throw new IllegalArgumentException(name + " is not a comma-separated list by definition (a value like a"
                    + " date has commas of its own); read its whole values with first(\"" + name + "\") or all(\""
                    + name + "\")");
        }
        List<String> out = new ArrayList<>();
        for (String value : all(name)) {
            StringBuilder element = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\\' && quoted && i + 1 < value.length()) {
                    element.append(c);
                    c = value.charAt(++i);
                } else if (c == ',' && !quoted) {
                    addElement(out, element);
                    continue;
                }
                element.append(c);
            }
            addElement(out, element);
        }
        return List.copyOf(out);
    }

    private static void addElement(List<String> out, StringBuilder element) {
        String e = element.toString().strip();
        if (!e.isEmpty()) {
            out.add(e);
        }
        element.setLength(0);
    }

    /**
     * Whether the header has this value: a whole value (or all values joined with ", ") equals it, or, for a
     * list header ({@link #isList}), one of its elements does.
     */
    public boolean hasValue(String name, String value) {
        return all(name).contains(value) || joined(name).orElse("").equals(value)
                || isList(name) && elements(name).contains(value);
    }

    /** Whether {@link #elements} splits this header: its syntax is a comma-separated list. */
    public static boolean isList(String name) {
        return name != null && LISTS.contains(name.toLowerCase(Locale.ROOT));
    }

    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** Header names in their first spelling. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** A name-to-values map (names in first spelling). */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values.get(i));
        }
        return Collections.unmodifiableMap(map);
    }

    /** One {@code Name: value} line per value, secrets redacted. */
    public String format(Redactor redactor, String indent) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            values.get(i).forEach(v -> sb.append(indent).append(name).append(": ").append(redactor.redact(name, v))
                    .append('\n'));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format(Redactor.DEFAULT, "").trim().replace("\n", ", ");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers && toMap().equals(((Headers) o).toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
