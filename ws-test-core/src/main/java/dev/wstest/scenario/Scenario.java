package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/** A named scenario of a file, with the file's shared setup steps in front of its own. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Scenario {

    private final String name;
    private final String source;
    private final int line;
    private final List<Step> steps;

    public Scenario(String name, String source, int line, List<? extends Step> steps) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.steps = List.copyOf(steps);
    }

    public String name() {
        return name;
    }

    /** The file or resource the scenario is written in. */
    public String source() {
        return source;
    }

    /** 1-based line of the {@code scenario} header (1 for a file without headers). */
    public int line() {
        return line;
    }

    /** The steps in order, shared setup first; a {@code repeat} block is one step. */
    public List<Step> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return "scenario \"" + name + "\" (" + source + ":" + line + ")";
    }
}
