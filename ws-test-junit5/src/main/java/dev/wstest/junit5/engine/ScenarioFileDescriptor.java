package dev.wstest.junit5.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.scenario.ScenarioFile;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** A {@code .ws} file: a container of scenarios, or of nothing when it could not be loaded. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioFileDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "file";

    private final ScenarioFile file;
    private final RuntimeException loadError;

    ScenarioFileDescriptor(UniqueId id, String displayName, TestSource source, ScenarioFile file,
                           RuntimeException loadError) {
        super(id, displayName, source);
        this.file = file;
        this.loadError = loadError;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** True for a file that did not load, so that the launcher does not prune it and its failure is reported. */
    @Override
    public boolean mayRegisterTests() {
        return loadError != null;
    }

    /** The loaded file; empty when it could not be loaded. */
    public Optional<ScenarioFile> file() {
        return Optional.ofNullable(file);
    }

    /** Why the file could not be loaded (a ScenarioSyntaxException or an I/O problem). */
    public Optional<RuntimeException> loadError() {
        return Optional.ofNullable(loadError);
    }
}
