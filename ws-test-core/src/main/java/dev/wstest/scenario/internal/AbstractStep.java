package dev.wstest.scenario.internal;

import dev.wstest.scenario.Step;

/** A step that knows how to run itself. */
public abstract class AbstractStep implements Step {

    private final String source;
    private final int line;
    private final String text;

    protected AbstractStep(Pos pos) {
        this.source = pos.source();
        this.line = pos.line();
        this.text = pos.text();
    }

    /** Where a step was written. */
    public record Pos(String source, int line, String text) {
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int line() {
        return line;
    }

    @Override
    public String text() {
        return text;
    }

    /** Runs the step; throws an AssertionError when an expectation fails. */
    public abstract void run(RunContext ctx) throws Exception;

    @Override
    public String toString() {
        return location() + ": " + text;
    }
}
