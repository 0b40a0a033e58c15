package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The results of one conformance run against one endpoint.
 *
 * @param target the endpoint URL (as given, user info removed)
 * @param startedAt when the run started
 * @param duration how long it took
 * @param verdictRule how each case's headline verdict was made from its two columns
 * @param results one per case, in catalogue order
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
        results.stream().collect(Collectors.groupingBy(r -> r.conformanceCase().category()))
                .forEach((cat, rs) -> counts.put(cat, count(Verdict.class, rs, CaseResult::verdict)));
        return counts;
    }

    /** How many cases earned each verdict overall. */
    public Map<Verdict, Integer> counts() {
        return count(Verdict.class, results, CaseResult::verdict);
    }

    /** How many cases ended with each close behaviour overall. */
    public Map<CloseBehaviour, Integer> closeCounts() {
        return count(CloseBehaviour.class, results, CaseResult::closeBehaviour);
    }

    private static <E extends Enum<E>> Map<E, Integer> count(Class<E> type, List<CaseResult> rs,
                                                             java.util.function.Function<CaseResult, E> column) {
        Map<E, Integer> m = new EnumMap<>(type);
        for (E v : type.getEnumConstants()) {
            m.put(v, 0);
        }
        rs.forEach(r -> m.merge(column.apply(r), 1, Integer::sum));
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
