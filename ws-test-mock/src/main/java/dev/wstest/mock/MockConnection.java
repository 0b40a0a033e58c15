package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.CloseCodes;
import dev.wstest.protocol.Frame;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.server.RecordedServerConnection;
import dev.wstest.server.ServerHandshake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One connection the mock accepted: its handshake, everything that crossed it (recorded from the server's
 * side: INBOUND = sent by the client) and the means to drive it from the test. Sends never block: they are
 * queued on the connection's I/O thread and recorded in the log as they go out, in order.
 *
 * <pre>{@code
 * MockConnection c = mock.awaitConnection(1, Duration.ofSeconds(2));
 * c.sendText("{\"type\":\"news\"}");
 * c.perform(Faults.maskedFrame("tick"));          // anything a stub can do
 * assertThat(c).receivesJsonContaining("{\"type\":\"ack\"}");
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MockConnection implements RecordedServerConnection {

    private final MockWsServer server;
    private final int id;
    private final ServerHandshake handshake;
    private final ConnectionDriver driver;
    private final Cursor cursor = new Cursor();

    MockConnection(MockWsServer server, int id, ServerHandshake handshake, ConnectionDriver driver) {
        this.server = server;
        this.id = id;
        this.handshake = handshake;
        this.driver = driver;
    }

    /** The mock that accepted this connection. */
    public MockWsServer server() {
        return server;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public ServerHandshake handshake() {
        return handshake;
    }

    @Override
    public FrameLog log() {
        return driver.io().recorder().log();
    }

    /** The subprotocol the mock answered in its 101, if any. */
    public Optional<String> subprotocol() {
        return Optional.ofNullable(driver.subprotocol());
    }

    /** Whether a client frame that breaks RFC 6455 leaves this connection open (the mock's or policy's lenient()). */
    boolean lenient() {
        return driver.io().recorder().rules().lenient();
    }

    /** Whether the mock has acted on every message the client sent so far (stubs run, unmatched recorded). */
    boolean settled() {
        return log().events(e -> e.isInbound()).stream().reduce((a, b) -> b)
                .map(last -> driver.dispatchedUpTo(last.seq())).orElse(true);
    }

    void transportClosed() {
        driver.io().recorder().transportClosed();
    }

    Cursor cursor() {
        return cursor;
    }

    /** "connection 1 of mock "feed" (/prices, OPEN)", path redacted. */
    public String describe() {
        return "connection " + id + " of mock \"" + server.name() + "\" (" + server.redactor().redactUrl(path())
                + ", " + state() + ")";
    }

    /** The frame log in the house format, secrets redacted (known secret values scrubbed from payloads too). */
    public String formatLog() {
        return server.redactor().scrub(FrameLogFormat.format(log(), server.redactor(), null));
    }

    // ------------------------------------------------------------------------------------------------ sending

    public MockConnection sendText(String text) {
        Objects.requireNonNull(text, "text");
        return sendFrames(Frame.text(text));
    }

    /** One text message in several frames, one per part. */
    public MockConnection sendTextFragments(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("give at least one part");
        }
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            frames.add((i == 0 ? Frame.text(parts[i]) : Frame.continuation(parts[i])).fin(i == parts.length - 1));
        }
        return sendFrames(frames.toArray(new Frame[0]));
    }

    public MockConnection sendBinary(byte[] data) {
        return sendFrames(Frame.binary(Objects.requireNonNull(data, "data")));
    }

    public MockConnection sendPing(String payload) {
        return sendPing(payload.getBytes(StandardCharsets.UTF_8));
    }

    public MockConnection sendPing(byte[] payload) {
        return sendFrames(Frame.ping(payload));
    }

    /** An unsolicited pong (recorded as requested, not automatic). */
    public MockConnection sendPong(byte[] payload) {
        Frame pong = Frame.pong(payload);
        return run(() -> {
            driver.io().recorder().expectRequestedPong();
            driver.perform(List.of(new Action.SendFrames(List.of(pong))));
        });
    }

    /** Writes these frames exactly as given, legal or not. */
    public MockConnection sendFrames(Frame... frames) {
        List<Frame> copy = List.copyOf(Arrays.asList(frames));
        return run(() -> driver.perform(List.of(new Action.SendFrames(copy))));
    }

    /** Writes these bytes to the socket as they are. */
    public MockConnection sendBytes(byte[] bytes) {
        Action a = new Action.SendBytes(bytes);
        return run(() -> driver.perform(List.of(a)));
    }

    /** Starts the closing handshake from the server side. */
    public MockConnection close(int code, String reason) {
        CloseCodes.checkSendable(code, reason);
        return perform(new Action.Close(code, reason == null ? "" : reason));
    }

    /** Closes TCP without a close frame: the client sees 1006. */
    public MockConnection drop() {
        return perform(new Action.DropConnection(false));
    }

    /**
     * Runs actions on this connection as a stub would ({@link Faults}, {@link Action}s); texts are templates
     * over the handshake ({@code ${header.X}}, {@code ${query.q}}, ...).
     */
    public MockConnection perform(Action... actions) {
        List<Action> list = List.copyOf(Arrays.asList(actions));
        return run(() -> driver.perform(list));
    }

    private MockConnection run(Runnable onLoop) {
        if (!driver.io().isActive()) {
            throw new IllegalStateException("cannot send on " + describe() + ": the TCP connection is gone.\n"
                    + formatLog());
        }
        driver.io().execute(onLoop);
        return this;
    }

    @Override
    public String toString() {
        return describe();
    }
}
