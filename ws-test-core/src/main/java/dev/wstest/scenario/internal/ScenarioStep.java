package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.scenario.Step;
import org.apiguardian.api.API;

/**
 * A step of a loaded scenario: where it was written, its text (secret header values redacted) and what it
 * does.
 */
@API(status = INTERNAL, since = "0.1")
public record ScenarioStep(String source, int line, String text, StepAction action) implements Step {

    /**
     * Every step's text passes here: the fallback of a {@code ${API_TOKEN:-...}} is a secret from the moment
     * the file loads, and the text shows it redacted.
     */
    public ScenarioStep {
        text = dev.wstest.record.Redactor.DEFAULT.notePlaceholderDefaults(text);
    }

    /** Runs the step; throws an AssertionError when an expectation fails. */
    public void run(RunContext ctx) throws Exception {
        action.run(ctx);
    }

    /** {@code source:line: text}: never the action's data, which may hold a secret written in the file. */
    @Override
    public String toString() {
        return location() + ": " + text;
    }
}
