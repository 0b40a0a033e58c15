package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How the connection ended in a case: the {@code behaviorClose} column of Autobahn|Testsuite's reports,
 * decided in this order (Autobahn's {@code Case.onConnectionLost}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum CloseBehaviour {
    /** Closed by the expected side, cleanly where that is required, with an accepted code or none. */
    OK("OK", Verdict.OK),
    /** The server's last close frame carried a code the case does not accept. */
    WRONG_CODE("WRONG CODE", Verdict.NON_STRICT),
    /** The case requires a clean closing handshake (close frames both ways, then the server closes TCP). */
    UNCLEAN("UNCLEAN", Verdict.FAILED),
    /** The wrong side started the close: the server did not fail the connection, or failed one it should keep. */
    FAILED("FAILED", Verdict.FAILED),
    /** Everything else was right, but the client had to close TCP (RFC 6455 section 7.1.1: the server should). */
    FAILED_BY_CLIENT("FAILED BY CLIENT", Verdict.NON_STRICT),
    /** The case records what happened without judging it. */
    INFORMATIONAL("INFORMATIONAL", Verdict.INFORMATIONAL);

    private final String label;
    private final Verdict verdict;

    CloseBehaviour(String label, Verdict verdict) {
        this.label = label;
        this.verdict = verdict;
    }

    /** As Autobahn prints it, e.g. "WRONG CODE". */
    public String label() {
        return label;
    }

    /** What this counts as under {@link VerdictRule#WITH_CLOSE_BEHAVIOUR}. */
    public Verdict verdict() {
        return verdict;
    }
}
