package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.record.Redactor;
import dev.wstest.record.Secrets;
import java.io.IOException;
import java.io.Writer;
import org.apiguardian.api.API;

/**
 * The one place where the command line's text leaves the process: standard output, standard error and every
 * file a command writes go through a writer like this, which scrubs every value known to be secret
 * ({@link Secrets}: header values, cookie values, query tokens, secret variables, in their encoded forms) as the
 * text passes. Text is scrubbed line by line; on a flush, the end of a line that could still become a secret is
 * held back until more text arrives or the writer is closed.
 */
@API(status = INTERNAL, since = "0.1")
public final class RedactingWriter extends Writer {

    private final Writer out;
    private final Redactor redactor;
    private final StringBuilder pending = new StringBuilder();

    public RedactingWriter(Writer out) {
        this(out, Redactor.DEFAULT);
    }

    public RedactingWriter(Writer out, Redactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    @Override
    public synchronized void write(char[] cbuf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            pending.append(cbuf[i]);
            if (cbuf[i] == '\n') {
                emit(pending.length());
            }
        }
    }

    private void emit(int upTo) throws IOException {
        out.write(redactor.scrub(pending.substring(0, upTo)));
        pending.delete(0, upTo);
    }

    @Override
    public synchronized void flush() throws IOException {
        emit(pending.length() - Secrets.pendingPrefix(pending));
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emit(pending.length());
        out.close();
    }
}
