package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the toolbox commands share: their writers, standard input, and errors as one line plus an exit code
 * (with the stack trace only under {@code --debug}).
 */
abstract class ToolCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    WsTestCommand parent;

    @Option(names = "--debug", description = "On an error, print the stack trace too.")
    boolean debug;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    java.io.InputStream in() {
        return parent != null ? parent.in : System.in;
    }

    WsTestCli.Terminal terminal() {
        return parent != null ? parent.terminal : WsTestCli.Terminal.none();
    }

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliFailure f) {
            return fail(f.exitCode(), f.getMessage(), f);
        } catch (IllegalArgumentException e) {
            return fail(ExitCodes.INVALID_INPUT, describe(e), e);
        } catch (RuntimeException e) {
            // everything the input was checked for is IllegalArgumentException or a CliFailure: this happened
            // while running (a send that timed out, a connection that is gone)
            return fail(ExitCodes.CONNECTION_BROKEN, describe(e), e);
        }
    }

    private static String describe(RuntimeException e) {
        return ConnectionMixin.firstLine(e.getMessage() != null ? e.getMessage() : e.toString());
    }

    int fail(int code, String message, Throwable cause) {
        out().flush();
        err().println("ws-test " + spec.name() + ": " + message);
        if (debug && cause != null) {
            cause.printStackTrace(err());
        }
        err().flush();
        return code;
    }

    abstract int execute();
}
