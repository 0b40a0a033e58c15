package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * What a step does, as data: one record per kind of step, each in the class of its family (the class that
 * also parses it). Records hold templates, not values: {@code ${...}} is substituted when the step runs.
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface StepAction permits VarSteps.Var, ServerSteps.Server, ConnectSteps.Connect,
        SendSteps.Text, SendSteps.Fragments, SendSteps.Binary, SendSteps.Control, SendSteps.Close,
        ExpectSteps.Message, ExpectSteps.Control, ExpectSteps.Closed, ExpectSteps.ClosedHow, ExpectSteps.Nothing,
        ExpectSteps.HandshakeStatus, ExpectSteps.HeaderPresent, ExpectSteps.HeaderEquals, ExpectSteps.HeaderMatches,
        ExpectSteps.Subprotocol, ExpectSteps.NoSubprotocol, ExpectSteps.NoViolations, CaptureSteps.Json,
        CaptureSteps.Regex, Repeat, SleepSteps.Sleep, MockSteps.Mock, MockSteps.Received,
        ExpectSteps.Extension {

    /** Runs against the scenario's connections and variables; throws an AssertionError for an unmet expectation. */
    void run(RunContext ctx) throws Exception;
}
