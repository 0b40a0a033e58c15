package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * {@code repeat N [as NAME]} ... {@code end}: the body's steps run N times, NAME counting from 1. The runner
 * unrolls it; the parser reads it as file structure.
 *
 * @param variable the counter's name, or null
 */
@API(status = INTERNAL, since = "0.1")
public record Repeat(int times, String variable, List<ScenarioStep> body) implements StepAction {

    public Repeat {
        body = List.copyOf(body);
    }

    @Override
    public void run(RunContext ctx) {
        throw new UnsupportedOperationException("the runner unrolls repeat blocks");
    }
}
