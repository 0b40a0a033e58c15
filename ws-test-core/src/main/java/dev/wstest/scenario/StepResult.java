package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How one run of a step went. A step inside {@code repeat} has one result per round.
 *
 * @param step      the step as written
 * @param round     1-based round of the innermost enclosing repeat, 0 outside repeat blocks
 * @param passed    whether it passed
 * @param duration  how long it ran
 * @param failure   why it failed (an {@link AssertionError} for unmet expectations)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record StepResult(Step step, int round, boolean passed, Duration duration, Optional<Throwable> failure) {
}
