package dev.wstest.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable HTTP headers with case-insensitive names, keeping the first spelling and insertion order. A value
 * is a whole field value as received (a date keeps its comma); {@link #elements} splits the headers that are
 * comma-separated lists by definition.
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(Collections.emptyMap());

    /** Headers whose syntax is a comma-separated list (RFC 9110 section 5.6.1, RFC 6455 section 11.3). */
    private static final Set<String> LISTS = Set.of("sec-websocket-protocol", "sec-websocket-extensions",
            "sec-websocket-version", "connection", "upgrade", "vary", "allow", "accept", "accept-charset",
            "accept-encoding", "accept-language", "accept-ranges", "cache-control", "content-encoding",
            "content-language", "transfer-encoding", "te", "trailer", "via", "pragma", "if-match", "if-none-match",
            "access-control-allow-headers", "access-control-allow-methods", "access-control-expose-headers",
            "access-control-request-headers");

    private final Map<String, Entry> entries;

    private Headers(Map<String, Entry> entries) {
        this.entries = entries;
    }

    private static final class Entry {
        final String name;
        final List<String> values;

        Entry(String name, List<String> values) {
            this.name = name;
            this.values = values;
        }
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Copies a name-to-values map; names that differ only in case are merged. */
    public static Headers of(Map<String, ? extends List<String>> map) {
        if (map == null || map.isEmpty()) {
            return EMPTY;
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        map.forEach((name, values) -> {
            if (name == null) {
                return; // the status line, in some stacks' maps
            }
            Entry existing = out.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                    k -> new Entry(name, new ArrayList<>()));
            if (values != null) {
                existing.values.addAll(values);
            }
        });
        out.replaceAll((k, e) -> new Entry(e.name, List.copyOf(e.values)));
        return new Headers(Collections.unmodifiableMap(out));
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
        Entry e = entries.get(name.toLowerCase(Locale.ROOT));
        return e == null ? List.of() : e.values;
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
        return entries.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Header names in their first spelling. */
    public Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>();
        entries.values().forEach(e -> names.add(e.name));
        return Collections.unmodifiableSet(names);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A name-to-values map (names in first spelling). */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        entries.values().forEach(e -> map.put(e.name, e.values));
        return Collections.unmodifiableMap(map);
    }

    /** One {@code Name: value} line per value, secrets redacted. */
    public String format(Redactor redactor, String indent) {
        StringBuilder sb = new StringBuilder();
        entries.values().forEach(e -> e.values.forEach(v -> sb.append(indent).append(e.name).append(": ")
                .append(redactor.redact(e.name, v)).append('\n')));
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
