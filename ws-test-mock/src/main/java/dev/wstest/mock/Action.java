package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.CloseCodes;
import dev.wstest.protocol.Frame;
import dev.wstest.scenario.TemplateText;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One thing the mock does on a connection: the steps of a {@link Stub}, run in order. Immutable data; build
 * them with the {@link Stub.Builder} methods or {@link Faults}, or directly.
 *
 * <p>Texts are templates: {@code ${$.id}} is a value from the JSON message that triggered the stub,
 * {@code ${message}} the whole message, {@code ${group.1}} a regular-expression group of a
 * {@link Stub#onTextMatching} stub, {@code ${header.Name}}, {@code ${query.name}}, {@code ${cookie.name}} and
 * {@code ${path}} come from the handshake, {@code ${connection}} is the connection number and {@code ${n}}
 * the count of a {@link SendEvery} (1, 2, ...). {@code ${name:-default}} gives a default; <code>$${</code>
 * writes a literal <code>${</code>.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Action {

    /**
     * Sends a text message (a template, see above). Creating one throws
     * {@link dev.wstest.syntax.InvalidSyntaxException} if a reference in the template is malformed (docs/syntax.md).
     */
    record SendText(String template, Delivery delivery) implements Action {
        public SendText {
            TemplateText.of(Objects.requireNonNull(template, "template"));
            Objects.requireNonNull(delivery, "delivery");
        }

        /** Whether the text refers into the message the stub answers ({@code ${$.id}}). */
        boolean refersToMessage() {
            return TemplateText.of(template).refersToMessage();
        }
    }

    /** Sends a binary message. */
    record SendBinary(byte[] data, Delivery delivery) implements Action {
        public SendBinary {
            data = Objects.requireNonNull(data, "data").clone();
            Objects.requireNonNull(delivery, "delivery");
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * Sends a message every {@code period}, the first one after one period, {@code count} times (0: until the
     * connection closes). The following actions run after the last one (at once when count is 0).
     */
    record SendEvery(Action message, Duration period, int count) implements Action {
        public SendEvery {
            if (!(message instanceof SendText) && !(message instanceof SendBinary)) {
                throw new IllegalArgumentException("SendEvery repeats a SendText or SendBinary, not " + message);
            }
            positive(period, "period");
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative (0: until closed), was " + count);
            }
        }
    }

    /** Sends a ping. */
    record SendPing(byte[] payload) implements Action {
        public SendPing {
            payload = Objects.requireNonNull(payload, "payload").clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /** Writes these frames exactly as they are, legal or not (see {@link Frame}), each in one write. */
    record SendFrames(List<Frame> frames) implements Action {
        public SendFrames {
            frames = List.copyOf(frames);
        }
    }

    /** Writes these bytes to the socket as they are (half a frame, garbage, anything). */
    record SendBytes(byte[] bytes) implements Action {
        public SendBytes {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** Waits before the next action. */
    record Pause(Duration duration) implements Action {
        public Pause {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("a pause must not be negative, was " + duration);
            }
        }
    }

    /**
     * Starts the closing handshake: sends a close frame with this code and reason, waits for the client's
     * close frame (up to the connection's close timeout) and closes TCP. For codes and reasons that may not
     * be sent, use {@link Faults#closeWithCode(int)} and friends.
     */
    record Close(int code, String reason) implements Action {
        public Close {
            Objects.requireNonNull(reason, "reason");
            CloseCodes.checkSendable(code, reason);
        }
    }

    /**
     * Closes TCP without a close frame: the client sees an abnormal closure (1006). With {@code reset} the
     * socket is reset (RST) instead of closed in order (FIN).
     */
    record DropConnection(boolean reset) implements Action {
    }

    /** Shuts down the mock's sending side (TCP FIN) but keeps reading what the client sends. */
    record HalfClose() implements Action {
    }

    /**
     * Stops reading from the socket: the client's sends fill the TCP buffers and then block. Nothing the
     * client sends after this is recorded until reading resumes.
     */
    record StopReading() implements Action {
    }

    /** Resumes reading after {@link StopReading}. */
    record ResumeReading() implements Action {
    }

    /** Several actions as one (what some {@link Faults} are made of). */
    record Sequence(List<Action> steps) implements Action {
        public Sequence {
            steps = List.copyOf(steps);
        }
    }

    /** The first text among these actions (nested ones included) that refers into a message, if any. */
    static Optional<String> messageReference(List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof SendText t && t.refersToMessage()) {
                return Optional.of(t.template());
            }
            Optional<String> nested = a instanceof SendEvery e ? messageReference(List.of(e.message()))
                    : a instanceof Sequence q ? messageReference(q.steps()) : Optional.empty();
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
