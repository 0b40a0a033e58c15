package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How a case's headline verdict ({@link CaseResult#verdict()}) is made from its two columns. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum VerdictRule {
    /**
     * As Autobahn|Testsuite: the headline is the behaviour column alone. A case looks at the close column
     * only where Autobahn's does: a close code that is the point of the case (7.1.x, 7.3.x, 7.5.1, 7.7.x,
     * 7.9.x) and invalid UTF-8 answered by the wrong side (6.x).
     */
    AUTOBAHN,
    /**
     * Stricter: the worse of the behaviour and the close behaviour, where UNCLEAN and FAILED count as
     * FAILED and WRONG CODE and FAILED BY CLIENT as NON-STRICT. A server that silently drops a bad frame
     * instead of failing the connection is OK under {@link #AUTOBAHN} (it sent nothing wrong) but FAILED
     * here.
     */
    WITH_CLOSE_BEHAVIOUR
}
