package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.DeflateOffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * One conformance case: what the client sends, what it expects back, how the connection must end, and
 * how the outcome is judged, in Autobahn|Testsuite's terms. Cases are immutable; the built-in ones come
 * from {@link ConformanceCatalogue}.
 *
 * <p>A case is judged either by its expected events (the first alternative the received events equal
 * gives the behaviour, none gives FAILED) or by its script ({@link Builder#judgedByScript()}), and in
 * both cases by how the connection ended ({@link ExpectedClose}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ConformanceCase {

    private final String id;
    private final Category category;
    private final String description;
    private final String requirement;
    private final CaseScript script;
    private final Map<Verdict, List<Expected>> alternatives;
    private final boolean judgedByScript;
    private final ExpectedClose expectedClose;
    private final boolean wrongCodeFatal;
    private final boolean informational;
    private final boolean suppressClose;
    private final List<DeflateOffer> deflateOffers;
    private final double timeLimit;
    private final boolean mostlyWaits;

    private ConformanceCase(Builder b) {
        this.id = b.id;
        this.category = b.category;
        this.description = b.description;
        this.requirement = b.requirement;
        this.script = b.script;
        Map<Verdict, List<Expected>> alts = new LinkedHashMap<>();
        b.alternatives.forEach((k, v) -> alts.put(k, List.copyOf(v)));
        this.alternatives = Collections.unmodifiableMap(alts);
        this.judgedByScript = b.judgedByScript;
        this.expectedClose = new ExpectedClose(b.closedByClient, b.closeCodes, b.requireClean, b.wrongEndpointIsFatal);
        this.wrongCodeFatal = b.wrongCodeFatal;
        this.informational = b.informational;
        this.suppressClose = b.suppressClose;
        this.deflateOffers = List.copyOf(b.deflateOffers);
        this.timeLimit = b.timeLimit;
        this.mostlyWaits = b.mostlyWaits;
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

    /** What the client does, e.g. "Send a text message with RSV = 1". */
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

    /** Acceptable event sequences by the verdict they earn, in the order they are tried. */
    public Map<Verdict, List<Expected>> alternatives() {
        return alternatives;
    }

    /** Whether the script sets the behaviour itself (9.x, 12.x, 13.x) instead of expected events. */
    public boolean isJudgedByScript() {
        return judgedByScript;
    }

    /** How the connection must end. */
    public ExpectedClose expectedClose() {
        return expectedClose;
    }

    /** Whether the server must fail the connection (the client does not close it). */
    public boolean expectsServerToFail() {
        return !expectedClose.closedByClient();
    }

    /** Whether a WRONG CODE close behaviour makes the behaviour FAILED (the code is the point of the case). */
    public boolean wrongCodeIsFatal() {
        return wrongCodeFatal;
    }

    /** Whether the RFC leaves the behaviour undefined, so that both columns are INFORMATIONAL. */
    public boolean isInformational() {
        return informational;
    }

    /** Whether the client does not close on its own once the expected events arrived (the script closes). */
    public boolean suppressesClose() {
        return suppressClose;
    }

    /** The permessage-deflate offers the handshake makes (12.x, 13.x); empty for the other cases. */
    public List<DeflateOffer> deflateOffers() {
        return deflateOffers;
    }

    /** The most seconds (in the run's time unit) the case may take before the client drops the connection. */
    public double timeLimit() {
        return timeLimit;
    }

    /**
     * Whether the case spends its time waiting on its own timers (pauses of a second between frames), so
     * that the runner may run it at the same time as the neighbouring cases that do too, each on its own
     * connection.
     */
    public boolean mostlyWaits() {
        return mostlyWaits;
    }

    /** The expected events in words, e.g. {@code [TEXT "Hello"] (OK) or nothing (NON-STRICT)}. */
    public String expectationText() {
        if (judgedByScript) {
            return "judged by the case itself";
        }
        return alternatives.entrySet().stream().map(e -> summarise(e.getValue())
                + (alternatives.size() > 1 ? " (" + e.getKey().label() + ")" : "")).collect(Collectors.joining(" or "));
    }

    static String summarise(List<Expected> events) {
        if (events.isEmpty()) {
            return "nothing";
        }
        if (events.size() > 6) {
            return events.size() + " events " + events.subList(0, 3) + "...";
        }
        return events.toString();
    }

    @Override
    public String toString() {
        return id + " " + description;
    }

    /** Builds a {@link ConformanceCase}. By default the client closes with 1000 and requires a clean close. */
    public static final class Builder {
        private final String id;
        private final Category category;
        private String description = "";
        private String requirement = "";
        private CaseScript script = d -> { };
        private final Map<Verdict, List<Expected>> alternatives = new LinkedHashMap<>();
        private boolean judgedByScript;
        private boolean closedByClient = true;
        private List<Integer> closeCodes = List.of(1000);
        private boolean requireClean = true;
        private boolean wrongEndpointIsFatal;
        private boolean wrongCodeFatal;
        private boolean informational;
        private boolean suppressClose;
        private final List<DeflateOffer> deflateOffers = new ArrayList<>();
        private double timeLimit = 20;
        private boolean mostlyWaits;

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

        /** The events that earn OK (none: nothing may arrive). */
        public Builder expect(Expected... events) {
            return expect(Verdict.OK, events);
        }

        /** Events that earn the given verdict (e.g. a NON-STRICT alternative). */
        public Builder expect(Verdict verdict, Expected... events) {
            alternatives.computeIfAbsent(verdict, k -> new ArrayList<>()).addAll(Arrays.asList(events));
            return this;
        }

        /** The script judges the messages itself ({@link CaseDriver#judge}); the behaviour is FAILED otherwise. */
        public Builder judgedByScript() {
            this.judgedByScript = true;
            return this;
        }

        /**
         * The server must fail the connection: close with one of {@code codes} (or drop TCP); a clean close
         * is not required.
         */
        public Builder serverFails(int... codes) {
            this.closedByClient = false;
            this.requireClean = false;
            this.closeCodes = Arrays.stream(codes).boxed().collect(Collectors.toList());
            return this;
        }

        /** The client closes; the server may answer with one of {@code codes} (the first is the client's). */
        public Builder clientCloses(int... codes) {
            this.closedByClient = true;
            this.closeCodes = Arrays.stream(codes).boxed().collect(Collectors.toList());
            return this;
        }

        /** Whether the closing handshake must complete cleanly (default: only when the client closes). */
        public Builder requireClean(boolean required) {
            this.requireClean = required;
            return this;
        }

        /** The wrong side closing makes the behaviour FAILED too (Autobahn's invalid UTF-8 cases). */
        public Builder wrongEndpointIsFatal() {
            this.wrongEndpointIsFatal = true;
            return this;
        }

        /** A WRONG CODE close behaviour makes the behaviour FAILED (Autobahn's 7.x cases). */
        public Builder wrongCodeIsFatal() {
            this.wrongCodeFatal = true;
            return this;
        }

        /** Both columns are INFORMATIONAL whatever happens. */
        public Builder informational() {
            this.informational = true;
            return this;
        }

        /** The client does not close on its own when the expected events arrived; the script does. */
        public Builder suppressClose() {
            this.suppressClose = true;
            return this;
        }

        /** Offers permessage-deflate in the handshake; without it the case is UNIMPLEMENTED. */
        public Builder deflate(DeflateOffer... offers) {
            deflateOffers.addAll(Arrays.asList(offers));
            return this;
        }

        /** The most seconds the case may take before the client drops the connection (default 20). */
        public Builder timeLimit(double seconds) {
            this.timeLimit = seconds;
            return this;
        }

        /** The case mostly waits on its timers; see {@link ConformanceCase#mostlyWaits()}. */
        public Builder mostlyWaits() {
            this.mostlyWaits = true;
            return this;
        }

        public ConformanceCase build() {
            if (!id.startsWith(category.number() + ".")) {
                throw new IllegalArgumentException("case id " + id + " must start with its category number "
                        + category.number() + ".");
            }
            if (!judgedByScript && alternatives.isEmpty()) {
                alternatives.put(Verdict.OK, List.of());
            }
            return new ConformanceCase(this);
        }
    }
}
