package dev.wstest.scenario;

/**
 * A scenario step failed. The message names file:line, the step as written, what was expected and the frame
 * log of every connection; the cause is the original failure (an AssertJ/opentest4j error for expectations).
 */
public final class ScenarioFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient Step step;

    public ScenarioFailure(Step step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /** The step that failed. */
    public Step step() {
        return step;
    }
}
