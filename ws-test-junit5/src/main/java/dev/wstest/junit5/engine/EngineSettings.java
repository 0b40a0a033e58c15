package dev.wstest.junit5.engine;

import dev.wstest.client.WsClient;
import dev.wstest.scenario.ScenarioVariables;
import dev.wstest.syntax.DurationSyntax;
import dev.wstest.syntax.InvalidSyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.platform.engine.ConfigurationParameters;

/** The engine's configuration parameters, read once per discovery. */
final class EngineSettings {

    final ScenarioVariables variables;
    final Duration timeout;
    final int parallelism;
    final boolean failFast;

    private EngineSettings(ScenarioVariables variables, Duration timeout, int parallelism, boolean failFast) {
        this.variables = variables;
        this.timeout = timeout;
        this.parallelism = parallelism;
        this.failFast = failFast;
    }

    static EngineSettings from(ConfigurationParameters params) {
        ScenarioVariables.Builder vars = ScenarioVariables.builder();
        if (params.getBoolean(WsScenarioTestEngine.ENVIRONMENT).orElse(true)) {
            vars.environment(System.getenv());
        }
        params.get(WsScenarioTestEngine.ENV_FILES).ifPresent(files -> {
            for (String f : files.split(",")) {
                if (!f.isBlank()) {
                    vars.envFile(Path.of(f.strip()));
                }
            }
        });
        for (String key : params.keySet()) {
            if (key.startsWith(WsScenarioTestEngine.VAR_PREFIX)) {
                vars.put(key.substring(WsScenarioTestEngine.VAR_PREFIX.length()), params.get(key).orElse(""));
            }
        }
        Duration timeout = params.get(WsScenarioTestEngine.TIMEOUT).map(EngineSettings::duration)
                .orElse(WsClient.DEFAULT_EXPECT_TIMEOUT);
        int parallelism = params.get(WsScenarioTestEngine.PARALLELISM).map(v -> {
            try {
                int n = Integer.parseInt(v.strip());
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(WsScenarioTestEngine.PARALLELISM + " must be a positive number,"
                        + " was \"" + v + "\"");
            }
        }).orElse(1);
        boolean failFast = params.getBoolean(WsScenarioTestEngine.FAIL_FAST).orElse(false);
        return new EngineSettings(vars.build(), timeout, parallelism, failFast);
    }

    /** A duration in the one notation (docs/syntax.md), longer than zero. */
    static Duration duration(String text) {
        try {
            return DurationSyntax.parsePositive(text);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("configuration parameter " + WsScenarioTestEngine.TIMEOUT + ": "
                    + e.getMessage(), e);
        }
    }
}
