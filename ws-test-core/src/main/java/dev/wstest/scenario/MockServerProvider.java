package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Starts the mock servers scenarios declare ({@code server mock as NAME ... end}). ws-test-mock provides one
 * (found with {@link java.util.ServiceLoader}); without it on the classpath, such a scenario fails at that step
 * with the dependency to add.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface MockServerProvider {

    /** Starts a mock on an ephemeral loopback port (or {@code port}, when it is not 0); it listens on return. */
    ScenarioMock start(MockDefinition definition, int port);
}
