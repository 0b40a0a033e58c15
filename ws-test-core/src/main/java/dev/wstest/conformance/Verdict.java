package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The outcome of a conformance case, as Autobahn|Testsuite names it: the {@code behavior} column of its
 * reports, and the headline verdict of a case.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Verdict {
    /** The server did what the RFC requires. */
    OK("OK"),
    /** Acceptable but not what the RFC prefers (e.g. failing before echoing what preceded a bad frame). */
    NON_STRICT("NON-STRICT"),
    /** The server violated a MUST of the RFC. */
    FAILED("FAILED"),
    /** The RFC does not define the behaviour; what happened is recorded, nothing is judged. */
    INFORMATIONAL("INFORMATIONAL"),
    /** The case needs an extension the server did not negotiate (permessage-deflate for 12.x and 13.x). */
    UNIMPLEMENTED("UNIMPLEMENTED");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** As Autobahn prints it: "OK", "NON-STRICT", "FAILED", "INFORMATIONAL", "UNIMPLEMENTED". */
    public String label() {
        return label;
    }

    /**
     * The worse of two verdicts: FAILED over NON-STRICT over OK; INFORMATIONAL and UNIMPLEMENTED give way
     * to any judged verdict.
     */
    public Verdict worst(Verdict other) {
        if (!isJudged()) {
            return other.isJudged() ? other : this;
        }
        if (!other.isJudged()) {
            return this;
        }
        return ordinal() >= other.ordinal() ? this : other;
    }

    private boolean isJudged() {
        return this == OK || this == NON_STRICT || this == FAILED;
    }
}
