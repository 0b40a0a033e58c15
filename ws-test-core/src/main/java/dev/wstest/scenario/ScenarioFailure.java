package dev.wstest.scenario;

/**
 * A scenario step failed. The message names file:line, the step as written, what was expected and the frame
 * log of every connection; the cause is the original failure (an AssertJ/opentest4j error for expectations).
 */
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
