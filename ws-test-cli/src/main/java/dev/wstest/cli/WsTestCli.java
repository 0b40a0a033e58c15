package dev.wstest.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import dev.wstest.cli.internal.Outputs;
import org.apiguardian.api.API;
import picocli.CommandLine;

/**
 * Entry point of {@code ws-test}. {@link #commandLine} builds the command line for {@link #main} and for tests
 * alike, so what the tests check is what users run.
 */
@API(status = INTERNAL, since = "0.1")
public final class WsTestCli {

    private WsTestCli() {
    }

    /**
     * Tyrus's and Grizzly's loggers, under both names they may have: their own, and the one ws-test-core's jar
     * gives them (it shades them into {@code dev.wstest.shaded}, see its pom), which is what the distribution
     * runs. Held so that java.util.logging keeps the level (it only keeps weak references to loggers).
     */
    private static final java.util.List<java.util.logging.Logger> TYRUS_AND_GRIZZLY = java.util.List.of(
            java.util.logging.Logger.getLogger("org.glassfish"),
            java.util.logging.Logger.getLogger("dev.wstest.shaded.org.glassfish"));

    public static void main(String[] args) {
        quietLibraries(args);
        Charset cs = consoleCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
        int code = commandLine(out, err, new Terminal(System.console() != null, System.getenv("NO_COLOR") != null,
                System.getenv("TERM"))).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Every error is one line from the command itself: Tyrus's and Grizzly's own log output (stack traces on
     * standard error, past the redacting writers) only with {@code --debug}.
     */
    static void quietLibraries(String[] args) {
        if (!java.util.Arrays.asList(args).contains("--debug")) {
            TYRUS_AND_GRIZZLY.forEach(l -> l.setLevel(java.util.logging.Level.OFF));
        }
    }

    private static Charset consoleCharset() {
        String enc = System.getProperty("stdout.encoding");
        try {
            return enc != null ? Charset.forName(enc) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** What the output is connected to, which decides whether colours are used by default. */
    public record Terminal(boolean interactive, boolean noColor, String term) {

        /** Not a terminal: no colours unless asked for. */
        public static Terminal none() {
            return new Terminal(false, false, null);
        }

        boolean colours() {
            return interactive && !noColor && !"dumb".equals(term);
        }
    }

    /** The command line of {@code ws-test}, writing to the given writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Terminal terminal) {
        return commandLine(System.in, out, err, terminal);
    }

    /** The command line of {@code ws-test}, reading standard input from {@code in} (session, send -). */
    public static CommandLine commandLine(java.io.InputStream in, PrintWriter out, PrintWriter err, Terminal terminal) {
        CommandLine cl = new CommandLine(new WsTestCommand(terminal, in));
        withVersion(cl);
        // everything the commands print goes through the redacting writers: no known secret reaches the console
        cl.setOut(Outputs.console(out));
        cl.setErr(Outputs.console(err));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(terminal.colours() ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("ws-test: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            }
            return ExitCodes.INVALID_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            c.getErr().println("ws-test: " + ex);
            if (!c.getCommandSpec().optionsMap().containsKey("--debug") || c.getParseResult().hasMatchedOption("--debug")) {
                ex.printStackTrace(c.getErr());
            }
            return ExitCodes.INVALID_INPUT;
        });
        return cl;
    }

    /** Every command, the ones picocli brings included, prints ws-test's version. */
    private static void withVersion(CommandLine cl) {
        cl.getCommandSpec().versionProvider(new VersionProvider());
        cl.getSubcommands().values().forEach(WsTestCli::withVersion);
    }
}
