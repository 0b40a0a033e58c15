package dev.wstest.scenario;

import dev.wstest.client.WsClient;

/** Hears what a running scenario does; callbacks come on the thread running the scenario. */
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
