package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.client.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** The outcome of running one scenario: every step run, the failure if any, and every connection opened. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioResult {

    private final Scenario scenario;
    private final List<StepResult> steps;
    private final ScenarioFailure failure;
    private final List<WsClient> connections;
    private final Duration duration;

    public ScenarioResult(Scenario scenario, List<StepResult> steps, ScenarioFailure failure,
                          List<WsClient> connections, Duration duration) {
        this.scenario = scenario;
        this.steps = List.copyOf(steps);
        this.failure = failure;
        this.connections = List.copyOf(connections);
        this.duration = duration;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Results of the steps that ran, in order; steps after a failure did not run. */
    public List<StepResult> steps() {
        return steps;
    }

    public boolean passed() {
        return failure == null;
    }

    public Optional<ScenarioFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** Every connection the scenario opened, in order; closed by now, their frame logs complete. */
    public List<WsClient> connections() {
        return connections;
    }

    public Duration duration() {
        return duration;
    }
}
