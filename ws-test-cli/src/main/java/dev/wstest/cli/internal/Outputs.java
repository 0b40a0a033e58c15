package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Where the command line writes: every file and console writer comes from here, through a
 * {@link RedactingWriter}, so that no known secret reaches any of them. The one exception is a file of message
 * payloads the user asked for byte for byte ({@code listen -o}).
 */
@API(status = INTERNAL, since = "0.1")
public final class Outputs {

    private Outputs() {
    }

    /** A console writer (standard output or error) that scrubs known secrets. */
    public static PrintWriter console(Writer raw) {
        return new PrintWriter(new RedactingWriter(raw), true);
    }

    /** Writes a whole text file (UTF-8), known secrets scrubbed. */
    public static void writeString(Path file, String text) throws IOException {
        try (Writer w = new RedactingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.write(text);
        }
    }

    /** A text file writer (UTF-8) that scrubs known secrets. */
    public static Writer file(Path file) throws IOException {
        return new RedactingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }
}
