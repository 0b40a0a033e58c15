package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A scenario step failed. The message names file:line, the step as written, what was expected and the frame
 * log of every connection; the cause is the original failure (an AssertJ/opentest4j error for expectations).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient Step step;

    /** The message and the cause's messages are scrubbed of known secrets ({@link dev.wstest.record.Secrets}). */
    public ScenarioFailure(Step step, String message, Throwable cause) {
        super(dev.wstest.record.Secrets.scrub(message), dev.wstest.record.Secrets.scrubbed(cause));
        this.step = step;
    }

    /** The step that failed. */
    public Step step() {
        return step;
    }
}
