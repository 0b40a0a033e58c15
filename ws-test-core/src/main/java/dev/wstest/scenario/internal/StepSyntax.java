package dev.wstest.scenario.internal;

import java.util.List;

/** Parses the steps of one family of commands (see the package documentation for how to add one). */
interface StepSyntax {

    /** The commands (first words of a step) this family parses. */
    List<String> commands();

    /**
     * Parses the rest of a step whose command {@code first} has been read, up to and including the end of
     * its line, and records in {@code scope} what the step defines (variables, connections).
     */
    ScenarioStep parse(Token first, Scope scope);
}
