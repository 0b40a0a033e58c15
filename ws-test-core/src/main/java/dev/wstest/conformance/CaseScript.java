package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What a case does once the connection is open (Autobahn's {@code onOpen} and the callbacks it schedules).
 * Sends never throw: when the server has gone, they are noted and the case is judged on what happened.
 */
@FunctionalInterface
@API(status = EXPERIMENTAL, since = "0.1")
public interface CaseScript {
    void run(CaseDriver driver);
}
