package dev.wstest.conformance.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.conformance.CaseDriver;
import dev.wstest.conformance.CloseBehaviour;
import dev.wstest.conformance.ConformanceCase;
import dev.wstest.conformance.Expected;
import dev.wstest.conformance.ExpectedClose;
import dev.wstest.conformance.Verdict;
import dev.wstest.protocol.CloseCodes;
import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import dev.wstest.protocol.PerMessageDeflater;
import dev.wstest.protocol.PerMessageInflater;
import dev.wstest.protocol.Utf8Validator;
import dev.wstest.protocol.WsProtocolException;
import dev.wstest.raw.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;
import org.apiguardian.api.API;

/**
 * Runs one case over one connection the way Autobahn|Testsuite's fuzzing client does, and judges it with
 * Autobahn's rules. The client side is a single-threaded event loop: the script sends, and whenever it
 * pauses (and after it returns) the loop handles what the server sends and fires the case's timers, until
 * the connection is closed.
 *
 * <p>Mirrored from Autobahn (autobahn-python's {@code WebSocketProtocol} with {@code failByDrop: false},
 * and the testsuite's {@code Case}): the closing handshake state ({@code closedByMe}, {@code wasClean},
 * {@code droppedByMe}, the last close code received), a protocol violation by the server fails the
 * connection with a close frame, a second violation while closing drops TCP, the client waits one second
 * (one time unit) for the server's close reply and one for the server to close TCP, messages arriving
 * after the client failed the connection are not delivered, and the client closes as soon as the
 * received events equal every expected alternative ({@code finishWhenDone}).
 */
@API(status = INTERNAL, since = "0.1")
public final class CaseExecution implements CaseDriver {

    private enum State { OPEN, CLOSING, CLOSED }

    private static final long NEVER = Long.MAX_VALUE;
    private static final long MAX_MESSAGE = 64L * 1024 * 1024;

    private final RawClient client;
    private final ConformanceCase c;
    private final ExpectedClose expectedClose;
    private final long unitNanos;
    private final long startedAt;
    private final long hardDeadline;
    private final List<Expected> received = new ArrayList<>();
    private final ArrayDeque<Expected> inbox = new ArrayDeque<>();
    private final List<String> notes = new ArrayList<>();

    private State state = State.OPEN;
    private boolean closedByMe;
    private boolean failedByMe;
    private boolean droppedByMe;
    private boolean wasClean;
    private Integer remoteCloseCode;
    private Verdict behaviour = Verdict.FAILED;
    private String result;

    private long killAt = NEVER;
    private long closeAt = NEVER;
    private long closeHandshakeAt = NEVER;
    private long serverDropAt = NEVER;

    private boolean insideMessage;
    private int messageOpcode;
    private boolean messageCompressed;
    private ByteArrayOutputStream messageData;
    private Utf8Validator utf8;
    private boolean writeFailed;

    private final PerMessageDeflater deflater;
    private final PerMessageInflater inflater;

    public CaseExecution(RawClient client, ConformanceCase c, Duration unit) {
        this.client = client;
        this.c = c;
        this.expectedClose = c.expectedClose();
        this.unitNanos = unit.toNanos();
        this.startedAt = System.nanoTime();
        this.hardDeadline = startedAt + seconds(c.timeLimit());
        Optional<DeflateParameters> p = client.deflate();
        // level 1: the suite tests the server's inflater, and 12.x/13.x compress about 11 GB
        this.deflater = p.map(x -> x.deflater(DeflateParameters.Role.CLIENT, Deflater.BEST_SPEED)).orElse(null);
        this.inflater = p.map(x -> x.inflater(DeflateParameters.Role.SERVER, MAX_MESSAGE)).orElse(null);
    }

    /** The outcome of running and judging the case. */
    public record Outcome(Verdict behaviour, CloseBehaviour closeBehaviour, OptionalInt serverCloseCode,
                          List<Expected> received, List<String> notes) {
    }

    public Outcome run() {
        try {
            if (!c.deflateOffers().isEmpty() && deflater == null) {
                behaviour = Verdict.UNIMPLEMENTED;
                result = "the server did not accept permessage-deflate (offered "
                        + c.deflateOffers().stream().map(o -> o.headerValue()).toList() + ")";
                sendCloseFrame(CloseCodes.NORMAL_CLOSURE, null, false);
            } else {
                c.script().run(this);
            }
            pump(NEVER, () -> false);
            return judge();
        } finally {
            client.close();
            if (deflater != null) {
                deflater.close();
                inflater.close();
            }
        }
    }

    private long seconds(double s) {
        return (long) (s * unitNanos);
    }

    // ------------------------------------------------------------------ the event loop

    /** Handles incoming frames and timers until {@code until}, the connection closed, or {@code stop}. */
    private void pump(long until, BooleanSupplier stop) {
        while (state != State.CLOSED && !stop.getAsBoolean()) {
            long now = System.nanoTime();
            fireTimers(now);
            if (state == State.CLOSED || now >= until || stop.getAsBoolean()) {
                return;
            }
            long next = Math.min(until, Math.min(hardDeadline, Math.min(Math.min(killAt, closeAt),
                    Math.min(closeHandshakeAt, serverDropAt))));
            long wait = Math.max(1_000_000L, next - now);
            RawClient.Received r = client.read(Duration.ofNanos(wait));
            switch (r.outcome()) {
                case FRAME:
                    onFrame(r.frame());
                    break;
                case EOF:
                    state = State.CLOSED;
                    break;
                case UNDECODABLE:
                    protocolViolation("the server sent bytes that are not a frame: " + r.detail());
                    dropConnection(); // nothing after them can be read
                    break;
                default:
                    break;
            }
        }
    }

    /** Fires the timers that are due, earliest first, as an event loop would. */
    private void fireTimers(long now) {
        while (state != State.CLOSED) {
            long due = Math.min(Math.min(closeHandshakeAt, serverDropAt), Math.min(killAt, closeAt));
            if (now >= hardDeadline && hardDeadline <= due) {
                notes.add("the case did not end within its time limit of " + c.timeLimit() + " s; the client dropped"
                        + " the connection");
                wasClean = false;
                dropConnection();
                return;
            }
            if (due > now) {
                return;
            }
            if (due == closeHandshakeAt) {
                closeHandshakeAt = NEVER;
                wasClean = false;
                notes.add("the server did not answer the client's close frame within " + millis(1) + " ms");
                dropConnection();
            } else if (due == serverDropAt) {
                serverDropAt = NEVER;
                wasClean = false;
                notes.add("after the closing handshake the server kept TCP open for " + millis(1)
                        + " ms; the client closed it (RFC 6455 section 7.1.1: the server should)");
                dropConnection();
            } else if (due == killAt) {
                killAt = NEVER;
                notes.add("the case's kill timer fired: the client fails the connection (close 1001)");
                failConnection(CloseCodes.GOING_AWAY, "Going Away");
            } else {
                closeAt = NEVER;
                if (state == State.OPEN) {
                    notes.add("the case's close timer fired: the client closes (close without a code)");
                    sendCloseFrame(null, null, false);
                }
            }
        }
    }

    private long millis(double s) {
        return Duration.ofNanos(seconds(s)).toMillis();
    }

    // ------------------------------------------------------------------ what the server sends

    private void onFrame(Frame f) {
        int op = f.opcode();
        int rsv = f.rsv();
        boolean deflateOn = inflater != null;
        if (rsv != 0 && !(deflateOn && rsv == 0b100)) {
            protocolViolation("the server set RSV = " + rsv + " with no extension negotiated (RFC 6455 section 5.2)");
        }
        if (f.isMasked()) {
            protocolViolation("the server sent a masked frame (RFC 6455 section 5.1: servers must not mask)");
        }
        if (Opcode.isControl(op)) {
            if (!f.isFin()) {
                protocolViolation("the server sent a fragmented control frame (RFC 6455 section 5.5)");
            }
            if (f.payloadLength() > 125) {
                protocolViolation("the server sent a control frame with " + f.payloadLength() + " bytes of payload"
                        + " (RFC 6455 section 5.5: at most 125)");
            }
            if (Opcode.isReserved(op)) {
                protocolViolation("the server sent reserved control opcode " + op + " (RFC 6455 section 5.2)");
            }
            if (op == Opcode.CLOSE && f.payloadLength() == 1) {
                protocolViolation("the server sent a close frame with a 1-byte payload (RFC 6455 section 5.5.1)");
            }
            if (deflateOn && rsv == 0b100) {
                protocolViolation("the server sent a compressed control frame (RFC 7692 section 6)");
            }
        } else {
            if (Opcode.isReserved(op)) {
                protocolViolation("the server sent reserved data opcode " + op + " (RFC 6455 section 5.2)");
            }
            if (!insideMessage && op == Opcode.CONTINUATION) {
                protocolViolation("the server sent a continuation frame outside a fragmented message (RFC 6455 section 5.4)");
            }
            if (insideMessage && op != Opcode.CONTINUATION) {
                protocolViolation("the server started a new message inside a fragmented one (RFC 6455 section 5.4)");
            }
            if (deflateOn && rsv == 0b100 && insideMessage) {
                protocolViolation("the server set RSV1 on a continuation frame (RFC 7692 section 6.1)");
            }
        }
        if (f.lengthEncoding() != Frame.LengthEncoding.MINIMAL) {
            protocolViolation("the server did not use the minimal length encoding (RFC 6455 section 5.2)");
        }
        if (state == State.CLOSED) {
            return;
        }
        if (Opcode.isControl(op)) {
            byte[] payload = f.payload();
            if (op == Opcode.CLOSE) {
                onCloseFrame(payload);
            } else if (op == Opcode.PING) {
                if (state == State.OPEN) {
                    write(Frame.pong(payload).masked());
                }
                event(Expected.ping(payload));
            } else if (op == Opcode.PONG) {
                event(Expected.pong(payload));
            }
            return;
        }
        if (!insideMessage) {
            insideMessage = true;
            messageOpcode = op;
            messageCompressed = deflateOn && rsv == 0b100;
            messageData = new ByteArrayOutputStream();
            utf8 = op == Opcode.TEXT ? new Utf8Validator() : null;
        }
        byte[] payload = f.payload();
        if (!messageCompressed && utf8 != null && !utf8.feed(payload)) {
            invalidPayload("the server sent invalid UTF-8 in a text message (RFC 6455 section 8.1)");
            if (state == State.CLOSED) {
                return;
            }
        }
        if (!failedByMe) {
            messageData.writeBytes(payload);
        }
        if (!f.isFin()) {
            return;
        }
        insideMessage = false;
        byte[] message = messageData.toByteArray();
        messageData = null;
        if (messageCompressed && !failedByMe) {
            try {
                message = inflater.decompress(message);
            } catch (WsProtocolException e) {
                protocolViolation("the server's compressed message cannot be inflated: " + e.getMessage());
                return;
            }
            if (utf8 != null && !utf8.feed(message)) {
                invalidPayload("the server sent invalid UTF-8 in a compressed text message (RFC 6455 section 8.1)");
                return;
            }
        }
        if (utf8 != null && !utf8.isComplete() && !failedByMe) {
            invalidPayload("the server's text message ends inside a UTF-8 sequence (RFC 6455 section 8.1)");
            return;
        }
        if (!failedByMe) {
            Expected m = messageOpcode == Opcode.TEXT ? Expected.text(message) : Expected.binary(message);
            if (c.isJudgedByScript()) {
                inbox.add(m);
            } else {
                event(m);
            }
        }
    }

    private void onCloseFrame(byte[] payload) {
        Integer code = null;
        remoteCloseCode = null;
        if (payload.length >= 2) {
            code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            if (!isValidCloseCode(code)) {
                protocolViolation("the server's close frame has code " + code + ", which may not be sent"
                        + " (RFC 6455 section 7.4)");
                if (state == State.CLOSED) {
                    return;
                }
            }
        }
        remoteCloseCode = code;
        if (payload.length > 2 && !Utf8Validator.isValid(payload, 2, payload.length)) {
            invalidPayload("the server's close reason is not valid UTF-8 (RFC 6455 section 5.5.1)");
            if (state == State.CLOSED) {
                return;
            }
        }
        if (state == State.CLOSING) {
            closeHandshakeAt = NEVER;
            wasClean = true;
            serverDropAt = System.nanoTime() + seconds(1);
        } else if (state == State.OPEN) {
            wasClean = true;
            sendCloseFrame(CloseCodes.NORMAL_CLOSURE, null, true);
            serverDropAt = System.nanoTime() + seconds(1);
        }
    }

    /** Codes a close frame may carry (RFC 6455 section 7.4), as Autobahn's client checks them. */
    private static boolean isValidCloseCode(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011);
    }

    private void event(Expected e) {
        received.add(e);
        finishWhenDone();
    }

    /**
     * Autobahn's {@code finishWhenDone}: close once the events equal every expected alternative. A case
     * judged by its script has no alternatives; Autobahn's client then closes at the first ping or pong
     * the server sends, so that a server's keepalive ping ends a long 12.x case as FAILED. ws-test leaves
     * those cases to their script.
     */
    private void finishWhenDone() {
        if (c.isJudgedByScript()) {
            return;
        }
        for (List<Expected> alt : c.alternatives().values()) {
            if (!alt.equals(received)) {
                return;
            }
        }
        if (expectedClose.closedByClient() && !c.suppressesClose()) {
            sendCloseFrame(expectedClose.codes().get(0), null, false);
        }
    }

    private void protocolViolation(String reason) {
        notes.add(reason);
        failConnection(CloseCodes.PROTOCOL_ERROR, "protocol violation");
    }

    private void invalidPayload(String reason) {
        notes.add(reason);
        failConnection(CloseCodes.INVALID_PAYLOAD_DATA, "invalid payload");
    }

    // ------------------------------------------------------------------ closing

    private void failConnection(int code, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        failedByMe = true;
        if (state == State.OPEN) {
            sendCloseFrame(code, reason.getBytes(StandardCharsets.UTF_8), false);
        } else {
            dropConnection();
        }
    }

    private void sendCloseFrame(Integer code, byte[] reason, boolean isReply) {
        if (state != State.OPEN) {
            return;
        }
        write(closeFrame(code, reason).masked());
        state = State.CLOSING;
        closedByMe = !isReply;
        if (closedByMe) {
            closeHandshakeAt = System.nanoTime() + seconds(1);
        }
    }

    private static Frame closeFrame(Integer code, byte[] reason) {
        if (code == null) {
            // Autobahn's sendCloseFrame writes a reason even without a code (7.3.2: a 1-byte payload)
            return reason == null ? Frame.close() : Frame.of(Opcode.CLOSE, reason);
        }
        byte[] r = reason == null ? new byte[0] : reason;
        byte[] payload = new byte[2 + r.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) (int) code;
        System.arraycopy(r, 0, payload, 2, r.length);
        return Frame.of(Opcode.CLOSE, payload);
    }

    private void dropConnection() {
        if (state != State.CLOSED) {
            droppedByMe = true;
            state = State.CLOSED;
            client.close();
        }
    }

    // ------------------------------------------------------------------ judging

    private Outcome judge() {
        if (!c.isJudgedByScript() && behaviour != Verdict.UNIMPLEMENTED) {
            for (Map.Entry<Verdict, List<Expected>> alt : c.alternatives().entrySet()) {
                if (alt.getValue().equals(received)) {
                    behaviour = alt.getKey();
                    break;
                }
            }
            if (behaviour == Verdict.FAILED) {
                notes.add(0, "received " + summarise(received) + " but expected " + c.expectationText());
            }
        } else if (result != null) {
            notes.add(0, result);
        }
        CloseBehaviour close;
        String codes = expectedClose.codes().toString();
        if (expectedClose.closedByClient() != closedByMe) {
            close = CloseBehaviour.FAILED;
            notes.add(expectedClose.closedByClient()
                    ? "the server closed the connection, where the client was to close it"
                    : "the server did not fail the connection (close with " + codes + " or drop TCP); the client"
                    + " had to close it");
        } else if (expectedClose.requireClean() && !wasClean) {
            close = CloseBehaviour.UNCLEAN;
            notes.add("the closing handshake did not complete cleanly, which the case requires");
        } else if (remoteCloseCode != null && !expectedClose.codes().contains(remoteCloseCode)) {
            close = CloseBehaviour.WRONG_CODE;
            notes.add("the server's last close frame has code " + remoteCloseCode + " (" + CloseCodes.name(remoteCloseCode)
                    + "); the case accepts " + codes + " or none");
        } else if (droppedByMe) {
            close = CloseBehaviour.FAILED_BY_CLIENT;
            notes.add("the client had to close TCP; the server should close it (RFC 6455 section 7.1.1)");
        } else {
            close = CloseBehaviour.OK;
        }
        if (expectedClose.wrongEndpointIsFatal() && expectedClose.closedByClient() != closedByMe
                && behaviour != Verdict.FAILED) {
            behaviour = Verdict.FAILED;
            notes.add("closed by the wrong side, which makes this case FAILED (the server did not detect the"
                    + " invalid UTF-8)");
        }
        if (c.wrongCodeIsFatal() && close == CloseBehaviour.WRONG_CODE && behaviour != Verdict.FAILED) {
            behaviour = Verdict.FAILED;
            notes.add("the close code is the point of this case: WRONG CODE makes it FAILED");
        }
        if (c.isInformational()) {
            behaviour = Verdict.INFORMATIONAL;
            close = CloseBehaviour.INFORMATIONAL;
        }
        notes.add("connection end: " + (closedByMe ? "the client" : "the server") + " started the close"
                + (remoteCloseCode != null ? ", server close code " + remoteCloseCode : "")
                + (wasClean ? ", clean" : ", not clean") + (droppedByMe ? ", TCP closed by the client"
                : ", TCP closed by the server"));
        return new Outcome(behaviour, close, remoteCloseCode == null ? OptionalInt.empty()
                : OptionalInt.of(remoteCloseCode), List.copyOf(received), List.copyOf(notes));
    }

    private static String summarise(List<Expected> events) {
        if (events.isEmpty()) {
            return "nothing";
        }
        if (events.size() > 6) {
            return events.size() + " events " + events.subList(0, 3) + "...";
        }
        return events.toString();
    }

    // ------------------------------------------------------------------ CaseDriver

    private void write(Frame... frames) {
        Frame[] masked = new Frame[frames.length];
        for (int i = 0; i < frames.length; i++) {
            masked[i] = frames[i].isMasked() ? frames[i] : frames[i].masked();
        }
        sendAsIs(masked);
    }

    @Override
    public void sendAsIs(Frame... frames) {
        if (state == State.CLOSED || writeFailed) {
            return;
        }
        try {
            client.send(frames);
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    private void writeFailed(IOException e) {
        if (!writeFailed) {
            writeFailed = true;
            notes.add("sending stopped, the connection was gone: " + e.getMessage());
        }
    }

    @Override
    public void send(Frame... frames) {
        write(frames);
    }

    @Override
    public void sendEach(Frame... frames) {
        for (Frame f : frames) {
            write(f);
        }
    }

    @Override
    public void sendChopped(Frame frame, int chop) {
        if (state == State.CLOSED || writeFailed) {
            return;
        }
        try {
            client.sendChopped(frame.isMasked() ? frame : frame.masked(), chop);
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    @Override
    public void sendRaw(byte[] bytes) {
        if (state == State.CLOSED || writeFailed) {
            return;
        }
        try {
            client.sendRaw(bytes);
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    @Override
    public void sendMessage(byte[] payload, boolean binary, int fragmentSize) {
        if (state != State.OPEN) {
            return;
        }
        byte[] data = deflater == null ? payload : deflater.compress(payload);
        int opcode = binary ? Opcode.BINARY : Opcode.TEXT;
        int rsv = deflater == null ? 0 : 0b100;
        if (fragmentSize <= 0 || data.length <= fragmentSize) {
            write(Frame.of(opcode, data).rsv(rsv));
            return;
        }
        int n = (data.length + fragmentSize - 1) / fragmentSize;
        Frame[] frames = new Frame[n];
        for (int i = 0; i < n; i++) {
            byte[] part = java.util.Arrays.copyOfRange(data, i * fragmentSize, Math.min(data.length, (i + 1) * fragmentSize));
            frames[i] = (i == 0 ? Frame.of(opcode, part).rsv(rsv) : Frame.continuation(part)).fin(i == n - 1);
        }
        write(frames);
    }

    @Override
    public void close(Integer code, byte[] reason) {
        sendCloseFrame(code, reason, false);
    }

    @Override
    public void killAfter(double s) {
        killAt = System.nanoTime() + seconds(s);
    }

    @Override
    public void closeAfter(double s) {
        closeAt = System.nanoTime() + seconds(s);
    }

    @Override
    public boolean pause(double s) {
        pump(System.nanoTime() + seconds(s), () -> false);
        return state == State.OPEN;
    }

    @Override
    public Optional<Expected> awaitMessage() {
        pump(NEVER, () -> !inbox.isEmpty());
        return Optional.ofNullable(inbox.poll());
    }

    @Override
    public void record(Expected event) {
        received.add(event);
    }

    @Override
    public void judge(Verdict verdict, String reason) {
        this.behaviour = verdict;
        this.result = reason;
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public Optional<DeflateParameters> deflate() {
        return client.deflate();
    }
}
