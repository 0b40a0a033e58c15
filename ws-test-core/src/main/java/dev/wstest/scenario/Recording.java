package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.scenario.internal.Recordings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A session recorded with {@code ws-test session --record} or {@code ws-test proxy --record}, read back from its
 * {@code .ws} file ({@link ScenarioWriter} writes them) as data: per connection, what the client sent and what
 * the server answered, in order. The mock server plays the server's side back ({@code replay}), so a
 * production conversation becomes a regression test for the client.
 *
 * <pre>{@code
 * Recording r = Recording.read(Path.of("recordings/prices.ws"));
 * r.conversations().get(0).turns();   // [Text[fromClient=true, text=subscribe ACME, ...], Text[fromClient=false, ...]]
 * }</pre>
 *
 * <p>{@code send} steps are the client's turns, {@code expect} steps the server's; a {@code close} step is the
 * client closing, an {@code expect closed CODE} without one the server closing. Variables the file refers to
 * (secret headers are recorded as {@code ${AUTHORIZATION}}) need no value: only paths and messages matter here.
 *
 * @param source        the file it was read from
 * @param conversations one per {@code connect} step, in order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Recording(String source, List<Conversation> conversations) {

    public Recording {
        Objects.requireNonNull(source, "source");
        conversations = List.copyOf(conversations);
    }

    /**
     * Reads a recorded file.
     *
     * @throws ScenarioSyntaxException  if it is not a scenario file (file:line:column in the message)
     * @throws IllegalArgumentException if it holds no connection, or a step a recording cannot have (an
     *                                  {@code expect} that is not an exact message, ping or close)
     * @throws UncheckedIOException     if it cannot be read
     */
    public static Recording read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + file + ": " + e, e);
        }
    }

    /** Reads a recording from its text; {@code source} names it in messages. */
    public static Recording parse(String source, String text) {
        return Recordings.parse(source, text);
    }

    /**
     * One recorded connection.
     *
     * @param path         the request path (and query) it connected to, {@code /} when the URL had none
     * @param subprotocols the subprotocols it offered
     * @param line         the line of its {@code connect} step
     */
    public record Conversation(String path, List<String> subprotocols, List<Turn> turns, int line) {
        public Conversation {
            Objects.requireNonNull(path, "path");
            subprotocols = List.copyOf(subprotocols);
            turns = List.copyOf(turns);
        }
    }

    /** One thing that crossed the connection, and who sent it. */
    public sealed interface Turn {
        /** Whether the client sent it (a {@code send}, {@code ping} or {@code close} step). */
        boolean fromClient();

        /** The line of its step in the recorded file. */
        int line();
    }

    /** A text message. */
    public record Text(boolean fromClient, String text, int line) implements Turn {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A binary message. */
    public record Binary(boolean fromClient, byte[] data, int line) implements Turn {
        public Binary {
            data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && b.fromClient == fromClient && b.line == line
                    && java.util.Arrays.equals(b.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fromClient, line, java.util.Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Binary[fromClient=" + fromClient + ", " + data.length + " bytes, line=" + line + "]";
        }
    }

    /** A ping (the other side's pong is automatic and not a turn). */
    public record Ping(boolean fromClient, byte[] payload, int line) implements Turn {
        public Ping {
            payload = Objects.requireNonNull(payload, "payload").clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ping p && p.fromClient == fromClient && p.line == line
                    && java.util.Arrays.equals(p.payload, payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fromClient, line, java.util.Arrays.hashCode(payload));
        }

        @Override
        public String toString() {
            return "Ping[fromClient=" + fromClient + ", " + payload.length + " bytes, line=" + line + "]";
        }
    }

    /** The closing handshake, started by this side; the code is empty when the close frame had none. */
    public record Close(boolean fromClient, Optional<Integer> code, String reason, int line) implements Turn {
        public Close {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
