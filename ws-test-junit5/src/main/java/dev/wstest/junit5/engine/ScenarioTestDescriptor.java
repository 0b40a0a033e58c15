package dev.wstest.junit5.engine;

import dev.wstest.scenario.Scenario;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One scenario of a file: a test. */
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
