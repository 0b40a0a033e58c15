package dev.wstest.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the toolbox commands through the same factory main uses, with a given standard input, either to
 * completion or in the background (servers, sessions) with output that tests can wait on.
 */
final class Tool {

    private Tool() {
    }

    /** Runs to completion with this standard input. */
    static Cli.Result run(String stdin, String... args) {
        Buffer out = new Buffer();
        Buffer err = new Buffer();
        int code = WsTestCli.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), WsTestCli.Terminal.none()).execute(args);
        return new Cli.Result(code, out.toString(), err.toString());
    }

    /** Starts the command on a thread; standard input is a pipe the test writes to. */
    static Background start(String... args) {
        return new Background(args);
    }

    /** A command running in the background. */
    static final class Background implements AutoCloseable {
        final Buffer out = new Buffer();
        final Buffer err = new Buffer();
        private final PipedOutputStream stdin = new PipedOutputStream();
        private final CompletableFuture<Integer> exit;

        private Background(String[] args) {
            InputStream in;
            try {
                in = new PipedInputStream(stdin, 1 << 16);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            // a thread of its own: the common pool has one thread on a two-core machine, and commands block
            exit = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    exit.complete(WsTestCli.commandLine(in, new PrintWriter(out, true), new PrintWriter(err, true),
                            WsTestCli.Terminal.none()).execute(args));
                } catch (Throwable e) {
                    exit.completeExceptionally(e);
                }
            }, "ws-test " + String.join(" ", args));
            t.setDaemon(true);
            t.start();
        }

        /** Types a line on the command's standard input. */
        Background type(String line) {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                throw new IllegalStateException("the command no longer reads its input: " + this, e);
            }
            return this;
        }

        /** Ends standard input (Ctrl-D). */
        Background endInput() {
            try {
                stdin.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** Waits until standard output matches the regex; returns the match's first group (or whole match). */
        String awaitOut(String regex, Duration timeout) {
            return out.await(Pattern.compile(regex), timeout, this);
        }

        /** Waits for the command to end and returns its result. */
        Cli.Result await(Duration timeout) {
            try {
                int code = exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return new Cli.Result(code, out.toString(), err.toString());
            } catch (Exception e) {
                throw new AssertionError("the command did not end within " + timeout.toMillis() + " ms:\n"
                        + this, e);
            }
        }

        @Override
        public void close() {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public String toString() {
            return "--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    /** A writer whose content can be awaited (EchoServerLogLimitsTest adds a gate). */
    static class Buffer extends Writer {
        private final StringBuilder sb = new StringBuilder();

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
            notifyAll();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public synchronized String toString() {
            return sb.toString();
        }

        synchronized String await(Pattern p, Duration timeout, Object context) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Matcher m = p.matcher(sb);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected output matching /" + p + "/ within " + timeout.toMillis()
                            + " ms but got:\n" + context);
                }
                try {
                    wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }
}
