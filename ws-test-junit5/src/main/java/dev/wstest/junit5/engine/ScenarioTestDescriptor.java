package dev.wstest.junit5.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.scenario.Scenario;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One scenario of a file: a test. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioTestDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "scenario";

    private final Scenario scenario;

    ScenarioTestDescriptor(UniqueId id, Scenario scenario, TestSource source) {
        super(id, scenario.name(), source);
        this.scenario = scenario;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    public Scenario scenario() {
        return scenario;
    }
}
