package dev.wstest.junit5.engine;

import dev.wstest.client.WsClient;
import dev.wstest.scenario.ScenarioVariables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.ConfigurationParameters;

/** The engine's configuration parameters, read once per discovery. */
final class EngineSettings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

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

    /** "500ms", "2s", "1m" or a number of seconds. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(WsScenarioTestEngine.TIMEOUT + " must be a positive duration like"
                    + " 500ms, 2s or 1m, was \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
