package dev.wstest.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Immutable HTTP headers with case-insensitive names, keeping the first spelling and insertion order. */
public final class Headers {

    private static final Headers EMPTY = new Headers(Collections.emptyMap());

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
