package dev.wstest.conformance;

/** How the connection ended in a case, judged separately from the events (Autobahn's "close behaviour"). */
public enum CloseBehaviour {
    /** Closed by the expected side, with an accepted code, and TCP closed by the server. */
    OK(Verdict.OK),
    /** The server closed with a code outside the accepted ones. */
    WRONG_CODE(Verdict.NON_STRICT),
    /** The server did not answer the client's close with a close frame (RFC 6455 section 5.5.1). */
    UNCLEAN(Verdict.FAILED),
    /** The wrong side closed: the server did not fail the connection, or failed one it should have kept. */
    WRONG_ENDPOINT(Verdict.FAILED),
    /** After the closing handshake the server left TCP open, so the client had to close it (section 7.1.1). */
    CLIENT_DROPPED_TCP(Verdict.NON_STRICT),
    /** The server sent something that is not a valid frame or close payload. */
    SERVER_PROTOCOL_VIOLATION(Verdict.FAILED);

    private final Verdict verdict;

    CloseBehaviour(Verdict verdict) {
        this.verdict = verdict;
    }

    /** What this contributes to the case's verdict. */
    public Verdict verdict() {
        return verdict;
    }
}
