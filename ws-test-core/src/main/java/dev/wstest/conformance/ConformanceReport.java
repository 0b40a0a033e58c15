package dev.wstest.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The results of one conformance run against one endpoint.
 *
 * @param target the endpoint URL (as given, user info removed)
 * @param startedAt when the run started
 * @param duration how long it took
 * @param verdictRule how each case's headline verdict was made from its two columns
 * @param results one per case, in catalogue order
 */
public record ConformanceReport(String target, Instant startedAt, Duration duration, VerdictRule verdictRule,
                                List<CaseResult> results) {

    public ConformanceReport {
        results = List.copyOf(results);
    }

    /** The result of one case. */
    public Optional<CaseResult> result(String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** How many cases earned each verdict, per category (categories and verdicts in enum order). */
    public Map<Category, Map<Verdict, Integer>> countsByCategory() {
        Map<Category, Map<Verdict, Integer>> counts = new EnumMap<>(Category.class);
        for (CaseResult r : results) {
            Map<Verdict, Integer> m = counts.computeIfAbsent(r.conformanceCase().category(), k -> {
                Map<Verdict, Integer> zero = new EnumMap<>(Verdict.class);
                for (Verdict v : Verdict.values()) {
                    zero.put(v, 0);
                }
                return zero;
            });
            m.merge(r.verdict(), 1, Integer::sum);
        }
        return counts;
    }

    /** How many cases earned each verdict overall. */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            m.put(v, 0);
        }
        results.forEach(r -> m.merge(r.verdict(), 1, Integer::sum));
        return m;
    }

    /** How many cases ended with each close behaviour overall. */
    public Map<CloseBehaviour, Integer> closeCounts() {
        Map<CloseBehaviour, Integer> m = new EnumMap<>(CloseBehaviour.class);
        for (CloseBehaviour v : CloseBehaviour.values()) {
            m.put(v, 0);
        }
        results.forEach(r -> m.merge(r.closeBehaviour(), 1, Integer::sum));
        return m;
    }

    /** The FAILED cases not accepted as known deviations. */
    public List<CaseResult> unacceptedFailures() {
        return results.stream().filter(CaseResult::isUnacceptedFailure).collect(Collectors.toList());
    }

    /** Whether every case passed or was accepted (NON-STRICT, INFORMATIONAL and UNIMPLEMENTED pass). */
    public boolean passed() {
        return unacceptedFailures().isEmpty();
    }
}
