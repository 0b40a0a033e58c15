package dev.wstest.tyrus;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.record.EventType;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.WsEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;
import org.glassfish.tyrus.spi.Writer;

/**
 * Keeps a connection's TCP connection open until the peer answers a closing handshake this side started, or
 * until a deadline, so that the answer is seen and recorded.
 *
 * <p>Tyrus closes the transport right after it sends a close frame, on the client and on the server, without
 * waiting for the peer's close frame; the peer's answer is then lost and a clean close cannot be told from an
 * unanswered one. When the test started the closing handshake ({@link #expectAnswer()}: {@code WsClient.close},
 * {@code ServerConnection.close}), the tap defers Tyrus's close of the writer: bytes that still arrive are
 * recorded (Tyrus, which has finished with the connection, no longer gets them), and the transport is closed
 * the moment the peer's close frame has been recorded, or when the wait runs out. When the connection is
 * failed (the tap found a protocol violation or a message too big, before or during the wait), it closes at
 * once, as RFC 6455 section 7.1.7 asks.
 */
@API(status = INTERNAL, since = "0.1")
public final class ClosingHandshake {

    private final FrameRecorder recorder;
    private final Duration wait;
    private volatile Writer writer;
    private volatile boolean expectAnswer;
    private volatile boolean held;
    private boolean released;

    /**
     * @param wait how long to wait for the peer's answer before closing the TCP connection anyway
     */
    public ClosingHandshake(FrameRecorder recorder, Duration wait) {
        this.recorder = recorder;
        this.wait = wait;
    }

    /** The transport's writer (the one Tyrus closes when it is done). */
    void attach(Writer transport) {
        this.writer = transport;
    }

    /**
     * The test starts a closing handshake now: the transport stays open until the peer's close frame has
     * been recorded, or for the wait given at construction.
     */
    public void expectAnswer() {
        expectAnswer = true;
        Timers.after(wait, this::giveUp);
    }

    /**
     * Whether this side started a closing handshake that the peer has not answered yet, with the transport
     * still open. Meanwhile the end of the connection is the TCP close, not what the WebSocket stack reports.
     */
    public boolean isWaitingForAnswer() {
        return expectAnswer && !isReleased() && !recorder.isFailed() && answer().isEmpty();
    }

    /** Whether Tyrus has finished with the connection and the tap keeps the transport open for the answer. */
    boolean isHolding() {
        return held && !isReleased();
    }

    /**
     * Tyrus closes the writer. Returns true when the close is deferred (the peer has not answered yet); the
     * caller must then not close the writer itself.
     */
    boolean deferClose() {
        if (!isWaitingForAnswer()) {
            return false;
        }
        held = true;
        if (answer().isPresent()) { // answered while we got here
            release();
        }
        return true;
    }

    /**
     * Inbound bytes were recorded while holding: let the transport go once they contained the answer, or
     * broke the rules (a violation under strict rules, a message too big) so that the recorder stopped.
     */
    void recorded() {
        if (answer().isPresent() || recorder.isFailed()) {
            release();
        }
    }

    private void giveUp() {
        if (isReleased() || answer().isPresent()) {
            return;
        }
        WsEvent sent = sentClose().orElse(null);
        recorder.disconnected(sent == null ? 1006 : sent.closeCode(), sent == null ? "" : sent.text(),
                "no answer to the close frame within " + wait.toMillis() + " ms; TCP connection closed by this side");
        release();
    }

    private synchronized boolean isReleased() {
        return released;
    }

    private void release() {
        Writer w;
        synchronized (this) {
            if (released || writer == null) {
                return;
            }
            released = true;
            w = writer;
        }
        try {
            w.close();
        } catch (IOException ignored) {
            // the transport is going away either way
        }
    }

    private Optional<WsEvent> sentClose() {
        return recorder.log().firstAfter(0, e -> e.type() == EventType.CLOSE && e.isOutbound());
    }

    private Optional<WsEvent> answer() {
        return recorder.log().firstAfter(0, e -> e.type() == EventType.CLOSE && e.isInbound());
    }
}
