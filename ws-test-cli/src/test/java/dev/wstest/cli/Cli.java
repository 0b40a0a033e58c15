package dev.wstest.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs ws-test through the same factory main uses and captures exit code and output. */
final class Cli {

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WsTestCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
                WsTestCli.Terminal.none()).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
