package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/** A loaded {@code .ws} file: its scenarios, in the order written. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioFile {

    private final String source;
    private final List<Scenario> scenarios;

    public ScenarioFile(String source, List<Scenario> scenarios) {
        this.source = Objects.requireNonNull(source, "source");
        this.scenarios = List.copyOf(scenarios);
    }

    /** The file or resource name, as given to the loader. */
    public String source() {
        return source;
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    @Override
    public String toString() {
        return source + " (" + scenarios.size() + " scenario(s))";
    }
}
