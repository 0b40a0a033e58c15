package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apiguardian.api.API;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Where a session reads commands and prints frames: a JLine line editor in a real terminal (history,
 * editing, received frames printed above the prompt), or plain lines when standard input is a pipe.
 */
@API(status = INTERNAL, since = "0.1")
public interface SessionConsole extends AutoCloseable {

    /** The next line, or null at end of input (Ctrl-D, Ctrl-C, end of the pipe). */
    String readLine() throws IOException;

    /** Prints a line without disturbing what the user is typing. */
    void print(String line);

    @Override
    void close();

    /** Plain lines from a stream (pipes, tests). */
    static SessionConsole plain(InputStream in, PrintWriter out) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new SessionConsole() {
            @Override
            public String readLine() throws IOException {
                return reader.readLine();
            }

            @Override
            public synchronized void print(String line) {
                out.println(line);
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }

    /** JLine on the process's terminal. */
    static SessionConsole terminal(List<String> words) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("ws-test")
                .completer(new StringsCompleter(words)).build();
        return new SessionConsole() {
            @Override
            public String readLine() {
                try {
                    return reader.readLine("> ");
                } catch (UserInterruptException | EndOfFileException e) {
                    return null;
                } catch (RuntimeException closedUnderneath) {
                    return null;
                }
            }

            @Override
            public void print(String line) {
                if (reader.isReading()) {
                    reader.printAbove(dev.wstest.record.Redactor.DEFAULT.scrub(line));
                } else {
                    terminal.writer().println(dev.wstest.record.Redactor.DEFAULT.scrub(line));
                    terminal.writer().flush();
                }
            }

            @Override
            public void close() {
                try {
                    terminal.writer().flush();
                    terminal.close();
                } catch (IOException ignored) {
                    // closing the terminal only restores its mode; nothing to report
                }
            }
        };
    }
}
