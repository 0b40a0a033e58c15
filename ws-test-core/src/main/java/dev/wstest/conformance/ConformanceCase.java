package dev.wstest.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One conformance case: what the client sends, what the RFC requires of the server, and how the outcome
 * is judged. Cases are immutable; the built-in ones come from {@link ConformanceCatalogue}.
 *
 * <p>A case either expects the server to <em>fail the connection</em> (close with one of the allowed
 * codes, or drop TCP), or expects a list of events (echoed messages, pongs) after which the client closes
 * normally and the server must answer the close with an allowed code and then close TCP.
 */
public final class ConformanceCase {

    private final String id;
    private final Category category;
    private final String description;
    private final String requirement;
    private final CaseScript script;
    private final Map<Verdict, List<Expected>> alternatives;
    private final boolean serverFails;
    private final Set<Integer> closeCodes;
    private final boolean wrongCodeFatal;
    private final boolean informational;
    private final boolean closeOptional;

    private ConformanceCase(Builder b) {
        this.id = b.id;
        this.category = b.category;
        this.description = b.description;
        this.requirement = b.requirement;
        this.script = b.script;
        Map<Verdict, List<Expected>> alts = new LinkedHashMap<>();
        b.alternatives.forEach((k, v) -> alts.put(k, List.copyOf(v)));
        if (alts.isEmpty()) {
            alts.put(Verdict.OK, List.of());
        }
        this.alternatives = java.util.Collections.unmodifiableMap(alts);
        this.serverFails = b.serverFails;
        this.closeCodes = java.util.Collections.unmodifiableSet(new TreeSet<>(b.closeCodes));
        this.wrongCodeFatal = b.wrongCodeFatal;
        this.informational = b.informational;
        this.closeOptional = b.closeOptional;
    }

    public static Builder builder(String id, Category category) {
        return new Builder(id, category);
    }

    /** E.g. "6.4.1". */
    public String id() {
        return id;
    }

    public Category category() {
        return category;
    }

    /** What the client does, e.g. "Send a text frame with RSV1 set". */
    public String description() {
        return description;
    }

    /** What the RFC requires of the server, with the section. */
    public String requirement() {
        return requirement;
    }

    public CaseScript script() {
        return script;
    }

    /** Acceptable event sequences by the verdict they earn (OK first). */
    public Map<Verdict, List<Expected>> alternatives() {
        return alternatives;
    }

    /** Whether the server must fail the connection (close with an allowed code or drop TCP). */
    public boolean expectsServerToFail() {
        return serverFails;
    }

    /** The close codes accepted from the server. */
    public Set<Integer> closeCodes() {
        return closeCodes;
    }

    /** Whether a close code outside {@link #closeCodes()} fails the case (it is the point of the case). */
    public boolean wrongCodeIsFatal() {
        return wrongCodeFatal;
    }

    /** Whether the RFC leaves the behaviour undefined, so the verdict is always INFORMATIONAL. */
    public boolean isInformational() {
        return informational;
    }

    /** Whether the server may legitimately close or fail the connection on its own (e.g. a size limit). */
    public boolean isCloseOptional() {
        return closeOptional;
    }

    @Override
    public String toString() {
        return id + " " + description;
    }

    /** Builds a {@link ConformanceCase}. */
    public static final class Builder {
        private final String id;
        private final Category category;
        private String description = "";
        private String requirement = "";
        private CaseScript script = d -> { };
        private final Map<Verdict, List<Expected>> alternatives = new LinkedHashMap<>();
        private boolean serverFails;
        private final Set<Integer> closeCodes = new TreeSet<>(Set.of(1000));
        private boolean wrongCodeFatal;
        private boolean informational;
        private boolean closeOptional;

        private Builder(String id, Category category) {
            this.id = Objects.requireNonNull(id, "id");
            this.category = Objects.requireNonNull(category, "category");
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder requirement(String text) {
            this.requirement = text;
            return this;
        }

        public Builder sends(CaseScript s) {
            this.script = Objects.requireNonNull(s, "script");
            return this;
        }

        /** The events that earn OK. */
        public Builder expect(Expected... events) {
            return expect(Verdict.OK, events);
        }

        /** Events that earn the given verdict (e.g. a NON-STRICT alternative). */
        public Builder expect(Verdict verdict, Expected... events) {
            alternatives.computeIfAbsent(verdict, k -> new ArrayList<>()).addAll(Arrays.asList(events));
            return this;
        }

        /** The server must fail the connection, closing with one of {@code codes} or dropping TCP. */
        public Builder serverFails(int... codes) {
            this.serverFails = true;
            closeCodes.clear();
            Arrays.stream(codes).forEach(closeCodes::add);
            return this;
        }

        /** The close codes accepted in the server's answer to the client's close (default 1000). */
        public Builder closeCodes(int... codes) {
            closeCodes.clear();
            Arrays.stream(codes).forEach(closeCodes::add);
            return this;
        }

        public Builder wrongCodeIsFatal() {
            this.wrongCodeFatal = true;
            return this;
        }

        public Builder informational() {
            this.informational = true;
            return this;
        }

        /** The server may also close on its own with one of the close codes (e.g. 1009 for a size limit). */
        public Builder closeOptional() {
            this.closeOptional = true;
            return this;
        }

        public ConformanceCase build() {
            if (!id.startsWith(category.number() + ".")) {
                throw new IllegalArgumentException("case id " + id + " must start with its category number "
                        + category.number() + ".");
            }
            return new ConformanceCase(this);
        }
    }
}
