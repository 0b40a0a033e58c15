package dev.wstest.junit5.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables {@link Fixture} classes only inside {@link TestKit} runs. */
public final class FixtureCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(TestKit.ENABLE_FIXTURES).map(Boolean::parseBoolean).orElse(false)
                ? ConditionEvaluationResult.enabled("run by TestKit")
                : ConditionEvaluationResult.disabled("a fixture: only TestKit runs it");
    }
}
