package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.client.WsHandshakeException;
import dev.wstest.scenario.internal.Repeat;
import dev.wstest.scenario.internal.RunContext;
import dev.wstest.scenario.internal.ScenarioStep;
import dev.wstest.server.RecordingServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Runs scenarios. Every connection and embedded server a scenario opens is closed when it ends, passed or
 * failed. A runner is immutable and may run scenarios on several threads at once.
 *
 * <pre>{@code
 * ScenarioRunner runner = ScenarioRunner.builder().variables(vars).defaultTimeout(Duration.ofSeconds(5)).build();
 * ScenarioResult result = runner.run(scenario);
 * result.failure().ifPresent(f -> System.err.println(f.getMessage()));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioRunner {

    private final ScenarioVariables variables;
    private final Duration defaultTimeout;

    private ScenarioRunner(Builder b) {
        this.variables = b.variables;
        this.defaultTimeout = b.defaultTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the scenario with no listener. */
    public ScenarioResult run(Scenario scenario) {
        return run(scenario, new ScenarioListener() {
        });
    }

    /** Runs the scenario; stops at the first failed step. */
    public ScenarioResult run(Scenario scenario, ScenarioListener listener) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(listener, "listener");
        long start = System.nanoTime();
        List<StepResult> results = new ArrayList<>();
        List<WsClient> opened = new ArrayList<>();
        ScenarioFailure failure = null;
        RunContext ctx = new RunContext(variables, defaultTimeout, c -> {
            opened.add(c);
            listener.connected(c);
        });
        try {
            failure = runAll(asSteps(scenario.steps()), 0, ctx, listener, results);
            if (failure == null) {
                failure = unexpectedMessages(ctx);
            }
        } finally {
            ctx.close();
        }
        return new ScenarioResult(scenario, results, failure, opened, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<ScenarioStep> asSteps(List<Step> steps) {
        List<ScenarioStep> out = new ArrayList<>();
        for (Step s : steps) {
            if (!(s instanceof ScenarioStep step)) {
                throw new IllegalArgumentException("not a step of a loaded scenario: " + s);
            }
            out.add(step);
        }
        return out;
    }

    private ScenarioFailure runAll(List<ScenarioStep> steps, int round, RunContext ctx, ScenarioListener listener,
                                   List<StepResult> results) {
        for (ScenarioStep step : steps) {
            if (step.action() instanceof Repeat repeat) {
                for (int i = 1; i <= repeat.times(); i++) {
                    if (repeat.variable() != null) {
                        ctx.set(repeat.variable(), String.valueOf(i));
                    }
                    ScenarioFailure f = runAll(repeat.body(), i, ctx, listener, results);
                    if (f != null) {
                        return f;
                    }
                }
                continue;
            }
            listener.stepStarted(step, round);
            ctx.running(step);
            long t0 = System.nanoTime();
            Throwable problem = null;
            try {
                step.run(ctx);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = e;
            } catch (Exception | AssertionError e) {
                problem = e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            ScenarioFailure failure = problem == null ? null : failure(step, round, problem, ctx);
            StepResult r = new StepResult(step, round, failure == null, took, Optional.ofNullable(failure));
            results.add(r);
            listener.stepFinished(r);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /**
     * Once every step passed: a mock with {@code unmatched fail} that received a message no stub matched fails the
     * scenario, at the step that declared it.
     */
    private static ScenarioFailure unexpectedMessages(RunContext ctx) {
        for (RecordingServer server : ctx.servers()) {
            if (server instanceof ScenarioMock mock) {
                Optional<String> report = mock.unexpectedMessages();
                Optional<ScenarioStep> step = ctx.startedBy(server);
                if (report.isPresent() && step.isPresent()) {
                    return failure(step.get(), 0, new AssertionError(report.get()), ctx);
                }
            }
        }
        return null;
    }

    private static ScenarioFailure failure(ScenarioStep step, int round, Throwable problem, RunContext ctx) {
        StringBuilder sb = new StringBuilder();
        sb.append("Step failed at ").append(step.location());
        if (round > 0) {
            sb.append(" (repeat round ").append(round).append(')');
        }
        sb.append(":\n  ").append(step.text().replace("\n", "\n  ")).append("\n\n");
        String detail;
        if (problem instanceof AssertionError) {
            detail = problem.getMessage();
        } else if (problem instanceof WsHandshakeException || problem instanceof WsConnectException) {
            detail = problem.getMessage();
        } else if (problem instanceof IllegalStateException || problem instanceof IllegalArgumentException) {
            detail = problem.getMessage();
        } else {
            detail = problem.toString();
        }
        sb.append(detail == null ? problem.toString() : detail);
        boolean first = true;
        for (WsClient c : ctx.clients()) {
            if (detail != null && detail.contains(c.describe())) {
                continue; // its log is in the message already
            }
            if (first) {
                sb.append("\n\nOther connections:");
                first = false;
            }
            sb.append("\n  ").append(c.describe()).append(", frames since connect (ms after handshake):\n")
                    .append(c.formatLog().replaceAll("(?m)^", "  "));
        }
        for (RecordingServer server : ctx.servers()) {
            if (server instanceof ScenarioMock && (detail == null || !detail.contains("Handshakes received by server \""
                    + server.name() + "\""))) {
                sb.append("\n\nWhat mock \"").append(server.name()).append("\" saw:\n")
                        .append(server.describeActivity().replaceAll("(?m)^", "  "));
            }
        }
        return new ScenarioFailure(step, sb.toString(), problem);
    }

    /** Options of a {@link ScenarioRunner}. */
    public static final class Builder {
        private ScenarioVariables variables = ScenarioVariables.none();
        private Duration defaultTimeout = WsClient.DEFAULT_EXPECT_TIMEOUT;

        private Builder() {
        }

        /** The variables from outside the file; must be those the scenarios were loaded with. */
        public Builder variables(ScenarioVariables variables) {
            this.variables = Objects.requireNonNull(variables, "variables");
            return this;
        }

        /** How long an expect step without {@code within} waits (default 2 s). */
        public Builder defaultTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("defaultTimeout must be positive, was " + timeout);
            }
            this.defaultTimeout = timeout;
            return this;
        }

        public ScenarioRunner build() {
            return new ScenarioRunner(this);
        }
    }
}
