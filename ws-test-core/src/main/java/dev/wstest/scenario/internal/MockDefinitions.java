package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.scenario.MockDefinition;
import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioFile;
import dev.wstest.scenario.ScenarioVariables;
import dev.wstest.scenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** The mock servers of a file, built as the {@code server mock} steps would build them. */
@API(status = INTERNAL, since = "0.1")
public final class MockDefinitions {

    private MockDefinitions() {
    }

    public static List<MockDefinition> declaredIn(ScenarioFile file, ScenarioVariables variables) {
        List<MockDefinition> out = new ArrayList<>();
        if (file.scenarios().isEmpty()) {
            return out;
        }
        Scenario first = file.scenarios().get(0);
        try (RunContext ctx = new RunContext(variables, Duration.ofSeconds(2), c -> { })) {
            for (Step s : first.steps()) {
                ScenarioStep step = (ScenarioStep) s;
                if (step.action() instanceof VarSteps.Var) {
                    step.run(ctx);
                } else if (step.action() instanceof MockSteps.Mock mock) {
                    try {
                        out.add(mock.definition(ctx));
                    } catch (IllegalStateException e) {
                        throw new IllegalArgumentException(step.location() + ": " + e.getMessage(), e);
                    }
                    ctx.set(mock.name() + ".url", "ws://127.0.0.1:0");
                    ctx.set(mock.name() + ".port", "0");
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out;
    }
}
