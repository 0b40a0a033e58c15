package dev.wstest.conformance;

import dev.wstest.protocol.Frame;
import java.io.IOException;
import java.time.Duration;

/**
 * What a case's script can do with its connection. Frames are masked with a random key unless they are
 * already masked; use {@link #sendAsIs} for frames that must go out exactly as built (e.g. unmasked).
 */
public interface CaseDriver {

    /** Masks (if not masked) and sends the frames in one write. */
    void send(Frame... frames) throws IOException;

    /** Sends the frame exactly as built. */
    void sendAsIs(Frame frame) throws IOException;

    /** Masks and sends the frame in pieces of {@code chunk} bytes, flushing each. */
    void sendChopped(Frame frame, int chunk) throws IOException;

    /** Sends raw bytes. */
    void sendRaw(byte[] bytes) throws IOException;

    /**
     * Reads from the server until it closes the connection (close frame or TCP) or {@code timeout}
     * passes, recording what arrives.
     *
     * @return whether the server closed or failed the connection in time
     */
    boolean awaitServerClose(Duration timeout);

    /**
     * Reads until {@code count} events (messages, pongs) have arrived in total, or the server closes, or
     * {@code timeout} passes.
     *
     * @return whether they arrived
     */
    boolean awaitEvents(int count, Duration timeout);

    /** Marks the case's outcome as no better than {@code verdict}, with the reason shown in reports. */
    void downgrade(Verdict verdict, String reason);

    /** The per-case deadline the run is configured with. */
    Duration caseTimeout();
}
