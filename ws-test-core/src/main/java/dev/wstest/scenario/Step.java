package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** One step of a scenario, as written: where it is and its text (variables not substituted). */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Step {

    /** The file or resource the step was written in (an included file for shared setup steps). */
    String source();

    /** 1-based line of the step. */
    int line();

    /** The step's text as written, trimmed; {@code ${...}} references are shown, never their values. */
    String text();

    /** {@code source:line}. */
    default String location() {
        return source() + ":" + line();
    }
}
