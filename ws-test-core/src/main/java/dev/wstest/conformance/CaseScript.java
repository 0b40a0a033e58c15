package dev.wstest.conformance;

/**
 * What a case does once the connection is open (Autobahn's {@code onOpen} and the callbacks it schedules).
 * Sends never throw: when the server has gone, they are noted and the case is judged on what happened.
 */
@FunctionalInterface
public interface CaseScript {
    void run(CaseDriver driver);
}
