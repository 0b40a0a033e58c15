package dev.wstest.conformance;

/**
 * The outcome of a conformance case, as Autobahn|Testsuite defines them.
 */
public enum Verdict {
    /** The server did what the RFC requires. */
    OK("OK"),
    /** Acceptable but not what the RFC prefers (a SHOULD not followed, a close code other than expected). */
    NON_STRICT("NON-STRICT"),
    /** The server violated a MUST of the RFC. */
    FAILED("FAILED"),
    /** The RFC does not define the behaviour; what happened is recorded, nothing is judged. */
    INFORMATIONAL("INFORMATIONAL");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** As Autobahn prints it: "OK", "NON-STRICT", "FAILED", "INFORMATIONAL". */
    public String label() {
        return label;
    }

    /** The worse of two verdicts (FAILED over NON-STRICT over OK); INFORMATIONAL never wins. */
    public Verdict worst(Verdict other) {
        if (this == INFORMATIONAL) {
            return other;
        }
        if (other == INFORMATIONAL) {
            return this;
        }
        return ordinal() >= other.ordinal() ? this : other;
    }
}
