package dev.wstest.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The exit codes of {@code ws-test}, as listed in {@code --help}. */
@API(status = INTERNAL, since = "0.1")
public final class ExitCodes {

    /** Every scenario passed. */
    public static final int OK = 0;
    /** At least one scenario failed. */
    public static final int SCENARIO_FAILED = 1;
    /** No scenario was found (no .ws files, or none matching --include/--exclude). */
    public static final int NO_SCENARIOS = 2;
    /** Invalid input: a syntax error, an unreadable file or a bad option. Nothing was run. */
    public static final int INVALID_INPUT = 3;
    /** The toolbox commands could not connect: refused, unknown host, TLS failure, handshake refused, timeout. */
    public static final int CONNECTION_FAILED = 4;
    /** Fewer messages, replies or pongs than asked for came before the deadline or the close. */
    public static final int INCOMPLETE = 5;
    /**
     * The toolbox commands connected, then the connection broke while in use: a send timed out (the peer
     * stopped reading), the connection was dropped without a closing handshake (1006) or closed with an error
     * code (1002, 1003, 1007-1011, 1014, 1015); or another failure at run time.
     */
    public static final int CONNECTION_BROKEN = 6;

    /** The --help line for {@link #CONNECTION_BROKEN} of the commands that hold a connection. */
    static final String BROKEN_LINE = CONNECTION_BROKEN + ":the connection broke while in use: a send timed out (the"
            + " peer stopped reading), it was dropped (1006) or closed with an error code (1002, 1007-1011, ...)";
    /** The --help line for {@link #CONNECTION_BROKEN} of the servers. */
    static final String RUNTIME_FAILURE_LINE = CONNECTION_BROKEN + ":a failure while running (the message says what)";

    private ExitCodes() {
    }
}
