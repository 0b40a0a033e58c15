package dev.wstest.scenario;

/**
 * Starts the mock servers scenarios declare ({@code server mock as NAME ... end}). ws-test-mock provides one
 * (found with {@link java.util.ServiceLoader}); without it on the classpath, such a scenario fails at that step
 * with the dependency to add.
 */
public interface MockServerProvider {

    /** Starts a mock on an ephemeral loopback port (or {@code port}, when it is not 0); it listens on return. */
    ScenarioMock start(MockDefinition definition, int port);
}
