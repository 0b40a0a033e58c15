package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.Frame;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a case's script can do with its connection: the operations of Autobahn|Testsuite's fuzzing client.
 * Frames are masked with a random key unless already masked. Times are in seconds as Autobahn's cases
 * write them, scaled by the run's {@code caseTimeout} (1 s by default, as Autobahn).
 *
 * <p>While the script runs, the client does what Autobahn's does with what the server sends: it answers
 * pings, answers a close, fails the connection (close 1002 or 1007) on a protocol violation, records
 * messages, pings and pongs, and starts the closing handshake itself as soon as the events match the
 * case's expectation.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface CaseDriver {

    /** Sends the frames in one write (Autobahn's consecutive {@code sendFrame} calls). */
    void send(Frame... frames);

    /** Sends the frames in one write exactly as built, e.g. unmasked (which Autobahn's client cannot do). */
    void sendAsIs(Frame... frames);

    /** Sends each frame in its own write, without waiting in between (Autobahn's {@code sync=True}). */
    void sendEach(Frame... frames);

    /** Sends the frame in pieces of {@code chop} bytes, each its own write (Autobahn's {@code chopsize}). */
    void sendChopped(Frame frame, int chop);

    /** Sends bytes as they are, e.g. a part of an encoded frame. */
    void sendRaw(byte[] bytes);

    /**
     * Sends a message as Autobahn's {@code sendMessage}: compressed when permessage-deflate was negotiated,
     * in frames of {@code fragmentSize} payload bytes (0: one frame).
     */
    void sendMessage(byte[] payload, boolean binary, int fragmentSize);

    /**
     * Starts the closing handshake with this close frame (no code when null), as Autobahn's
     * {@code sendCloseFrame}: the client then expects the server's close within a second. Ignored unless
     * the connection is open; use {@link #send} for a close frame that changes nothing.
     */
    void close(Integer code, byte[] reason);

    /** Fails the connection (close 1001) after this many seconds unless it closed by then. */
    void killAfter(double seconds);

    /** Starts the closing handshake (close without a code) after this many seconds unless it closed by then. */
    void closeAfter(double seconds);

    /**
     * Handles what the server sends for this many seconds (Autobahn's {@code continueLater}).
     *
     * @return whether the connection is still open afterwards
     */
    boolean pause(double seconds);

    /**
     * For cases that judge the messages themselves ({@link ConformanceCase.Builder#judgedByScript()}): the
     * next message the server sends, or empty once the connection closed (a kill or close timer ends the
     * wait).
     */
    Optional<Expected> awaitMessage();

    /** Records an event of the case's own, such as a {@link Expected#timeout(String)} marker. */
    void record(Expected event);

    /** For cases judged by their script: sets the behaviour verdict, with the reason shown in reports. */
    void judge(Verdict behaviour, String result);

    /** Whether the connection is open (no close frame sent or received, TCP up). */
    boolean isOpen();

    /** The permessage-deflate parameters negotiated for this connection, if the case offered it. */
    Optional<DeflateParameters> deflate();
}
