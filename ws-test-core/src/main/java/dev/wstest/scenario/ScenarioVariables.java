package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.syntax.PlaceholderSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Variables given to scenarios from outside: explicit values (the command line's {@code --var}), env files
 * and the process environment. An explicit value beats an env file, which beats the environment; a
 * {@code var} line in a scenario file only gives a default for a name none of these define. Immutable.
 *
 * <pre>{@code
 * ScenarioVariables vars = ScenarioVariables.builder()
 *         .environment(System.getenv())
 *         .envFile(Path.of("ci.env"))
 *         .put("BASE", "ws://127.0.0.1:8080")
 *         .build();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioVariables {

    private static final ScenarioVariables NONE = new ScenarioVariables(Map.of(), Map.of(), Map.of());

    private final Map<String, String> explicit;
    private final Map<String, String> envFiles;
    private final Map<String, String> environment;

    private ScenarioVariables(Map<String, String> explicit, Map<String, String> envFiles,
                              Map<String, String> environment) {
        this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
        this.envFiles = Collections.unmodifiableMap(new LinkedHashMap<>(envFiles));
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** No variables at all. */
    public static ScenarioVariables none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> get(String name) {
        String v = explicit.get(name);
        if (v == null) {
            v = envFiles.get(name);
        }
        if (v == null) {
            v = environment.get(name);
        }
        return Optional.ofNullable(v);
    }

    /** Every defined name. */
    public Set<String> names() {
        Set<String> all = new TreeSet<>(explicit.keySet());
        all.addAll(envFiles.keySet());
        all.addAll(environment.keySet());
        return all;
    }

    /** Builds {@link ScenarioVariables}. */
    public static final class Builder {
        private final Map<String, String> explicit = new LinkedHashMap<>();
        private final Map<String, String> envFiles = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder() {
        }

        /** An explicit value; beats env files and the environment. */
        public Builder put(String name, String value) {
            checkName(name);
            explicit.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder putAll(Map<String, String> values) {
            values.forEach(this::put);
            return this;
        }

        /** The process environment (or any map standing for it); the weakest source. */
        public Builder environment(Map<String, String> env) {
            environment.putAll(env);
            return this;
        }

        /**
         * Reads {@code NAME=value} lines; blank lines and {@code #} comments are skipped, {@code export } is
         * allowed in front, and a value in single or double quotes loses them. Later files beat earlier ones.
         *
         * @throws IllegalArgumentException naming file:line for a line that is not NAME=value
         * @throws UncheckedIOException     if the file cannot be read
         */
        public Builder envFile(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read env file " + file + ": " + e, e);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring(7).strip();
                }
                int eq = line.indexOf('=');
                String name = eq > 0 ? line.substring(0, eq).strip() : "";
                if (eq <= 0 || !PlaceholderSyntax.NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected NAME=value but found \""
                            + lines.get(i).strip() + "\"");
                }
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                envFiles.put(name, value);
            }
            return this;
        }

        /**
         * The variables. Values of variables whose names are secret by {@link dev.wstest.record.Redactor}'s rules
         * ({@code TOKEN}, {@code API_KEY}, {@code PASSWORD}, ...) are known as secrets from now on: no report,
         * log or message of ws-test shows them.
         */
        public ScenarioVariables build() {
            dev.wstest.record.Redactor rules = dev.wstest.record.Redactor.DEFAULT;
            explicit.forEach(rules::noteVariable);
            envFiles.forEach(rules::noteVariable);
            environment.forEach(rules::noteVariable);
            return new ScenarioVariables(explicit, envFiles, environment);
        }

        private static void checkName(String name) {
            Objects.requireNonNull(name, "name");
            if (!PlaceholderSyntax.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("\"" + name + "\" is not a variable name ("
                        + PlaceholderSyntax.NAME_RULE + ")");
            }
        }
    }
}
