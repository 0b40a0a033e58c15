package dev.wstest.cli;

/** The exit codes of {@code ws-test}, as listed in {@code --help}. */
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

    private ExitCodes() {
    }
}
