package dev.wstest.mock;

import dev.wstest.assertions.MessageMatcher;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.WsEvent;
import dev.wstest.scenario.Recording;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One connection's playback of a recorded conversation: the server's turns are sent as soon as the client's
 * turn before them has arrived (the server's opening turns right after the 101); a client message that is not
 * the recording's next one is unmatched and the playback waits on. Confined to the connection's event loop.
 */
final class Playback {

    /** What the playback does on the wire: the connection driver's own writes. */
    interface Wire {
        void message(int opcode, byte[] payload);

        void frame(Frame frame);
    }

    private final Recording recording;
    private final int number;
    private final Recording.Conversation conversation;
    private final Wire wire;
    private int next;

    /**
     * @param number which conversation of the recording this is (1-based), for messages
     */
    Playback(Recording recording, int number, Wire wire) {
        this.recording = recording;
        this.number = number;
        this.conversation = recording.conversations().get(number - 1);
        this.wire = wire;
    }

    /** Right after the 101: the server's opening turns. */
    void start() {
        playServerTurns();
    }

    /**
     * A client message no stub took.
     *
     * @param unmatched called with what the message was compared with when it is not the recording's next one
     */
    void message(WsEvent message, Consumer<List<String>> unmatched) {
        Recording.Turn expected = next < conversation.turns().size() ? conversation.turns().get(next) : null;
        if (expected != null && expected.fromClient() && matches(expected, message)) {
            next++;
            playServerTurns();
            return;
        }
        unmatched.accept(List.of(expected == null ? "the end of recorded conversation " + number + " of "
                + recording.source() + " (the client sent more than was recorded)"
                : "the recording's next " + (expected.fromClient() ? "client turn" : "turn") + ": " + describe(expected)
                + " (" + recording.source() + ":" + expected.line() + ", conversation " + number + ")"));
    }

    /** A ping from the client: the recording's next turn if it is one. */
    void ping() {
        clientTurn(Recording.Ping.class);
    }

    /** The client's close frame: the recording's next turn if it is one (the close is answered as usual). */
    void close() {
        clientTurn(Recording.Close.class);
    }

    /** Whether every turn of the conversation has been played. */
    boolean isDone() {
        return next >= conversation.turns().size();
    }

    private void clientTurn(Class<? extends Recording.Turn> kind) {
        if (next < conversation.turns().size() && conversation.turns().get(next).fromClient()
                && kind.isInstance(conversation.turns().get(next))) {
            next++;
            playServerTurns();
        }
    }

    private void playServerTurns() {
        while (next < conversation.turns().size() && !conversation.turns().get(next).fromClient()) {
            Recording.Turn t = conversation.turns().get(next++);
            if (t instanceof Recording.Text text) {
                wire.message(Opcode.TEXT, text.text().getBytes(StandardCharsets.UTF_8));
            } else if (t instanceof Recording.Binary binary) {
                wire.message(Opcode.BINARY, binary.data());
            } else if (t instanceof Recording.Ping ping) {
                wire.frame(Frame.ping(ping.payload()));
            } else if (t instanceof Recording.Close close) {
                wire.frame(close.code().map(code -> Frame.close(code, close.reason())).orElse(Frame.close()));
            }
        }
    }

    /** Text equal (as JSON when the recorded text is JSON: key order and spacing aside), or the same bytes. */
    private static boolean matches(Recording.Turn expected, WsEvent message) {
        if (expected instanceof Recording.Text t && message.type() == EventType.TEXT) {
            if (t.text().equals(message.text())) {
                return true;
            }
            try {
                return MessageMatcher.json(t.text()).matches(message);
            } catch (IllegalArgumentException notJson) {
                return false;
            }
        }
        return expected instanceof Recording.Binary b && message.type() == EventType.BINARY
                && Arrays.equals(b.data(), message.payload());
    }

    private static String describe(Recording.Turn t) {
        if (t instanceof Recording.Text text) {
            return "TEXT " + FrameLogFormat.quote(text.text());
        }
        if (t instanceof Recording.Binary b) {
            return "BINARY " + FrameLogFormat.hex(b.data()) + " (" + b.data().length + " bytes)";
        }
        if (t instanceof Recording.Ping) {
            return "PING";
        }
        return "CLOSE";
    }
}
