package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** What the mock does with a message that no stub matched (and no {@link MockBehaviour} handles). */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Unmatched {
    /** Nothing is sent; the message stays in the log and in {@link MockWsServer#unmatchedMessages()}. */
    IGNORE,
    /** The message is echoed back whole, as text or binary. */
    ECHO,
    /**
     * Nothing is sent and the test fails: {@link MockWsServer#close()} (and
     * {@code assertThat(mock).hasNoUnexpectedMessages()} before it) throws an {@link AssertionError} naming
     * the message and the stubs it was compared with, closest first.
     */
    FAIL
}
