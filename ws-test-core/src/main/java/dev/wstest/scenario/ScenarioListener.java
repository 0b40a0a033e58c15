package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.client.WsClient;
import org.apiguardian.api.API;

/** Hears what a running scenario does; callbacks come on the thread running the scenario. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ScenarioListener {

    /** A step is about to run. */
    default void stepStarted(Step step, int round) {
    }

    /** A step finished (passed or failed). */
    default void stepFinished(StepResult result) {
    }

    /** A connect step opened a connection. */
    default void connected(WsClient client) {
    }
}
