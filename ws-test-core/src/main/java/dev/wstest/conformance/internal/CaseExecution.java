package dev.wstest.conformance.internal;

import dev.wstest.conformance.CaseDriver;
import dev.wstest.conformance.CaseResult;
import dev.wstest.conformance.CloseBehaviour;
import dev.wstest.conformance.ConformanceCase;
import dev.wstest.conformance.Expected;
import dev.wstest.conformance.Verdict;
import dev.wstest.protocol.CloseCodes;
import dev.wstest.protocol.ClosePayload;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import dev.wstest.protocol.Utf8Validator;
import dev.wstest.raw.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one case over one connection and judges it. The client side follows Autobahn's fuzzing client:
 * send the case's frames, collect what the server sends (messages reassembled, pongs), stop as soon as
 * the outcome is decided, then perform or observe the closing handshake and probe for the TCP close.
 */
public final class CaseExecution implements CaseDriver {

    private final RawClient client;
    private final ConformanceCase c;
    private final Duration timeout;
    private final List<Expected> received = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int pendingOpcode = -1;
    private ByteArrayOutputStream pending;
    private boolean clientCloseSent;
    private boolean runnerSentClose;
    private boolean serverCloseReceived;
    private boolean serverClosedFirst;
    private int serverCloseCode = -1;
    private boolean eof;
    private boolean violation;
    private boolean tcpClosedByServer;
    private Verdict downgrade = Verdict.OK;

    public CaseExecution(RawClient client, ConformanceCase c, Duration timeout) {
        this.client = client;
        this.c = c;
        this.timeout = timeout;
    }

    public CaseResult run(long startNanos, Optional<String> accepted) {
        try {
            c.script().run(this);
        } catch (IOException e) {
            notes.add("sending stopped, the server had closed the connection: " + e.getMessage());
        }
        collect();
        closingPhase();
        client.close();
        return judge(startNanos, accepted);
    }

    private boolean finished() {
        return serverCloseReceived || eof || violation;
    }

    private void collect() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!finished()) {
            if (!canStillMatch()) {
                break;
            }
            if (!c.expectsServerToFail() && !clientCloseSent && matchedLongest()) {
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (!handle(client.read(Duration.ofNanos(left)))) {
                break;
            }
        }
    }

    private void closingPhase() {
        if (!serverCloseReceived && !eof) {
            if (!clientCloseSent) {
                runnerSentClose = true;
                sendClose(Frame.close(CloseCodes.NORMAL_CLOSURE, ""));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!serverCloseReceived && !eof) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !handle(client.read(Duration.ofNanos(left)))) {
                    break;
                }
            }
        }
        if (serverCloseReceived && !clientCloseSent && !eof) {
            int code = serverCloseCode;
            sendClose(code >= 0 && CloseCodes.isSendable(code) ? Frame.close(code, "") : Frame.close());
        }
        if (eof) {
            tcpClosedByServer = true;
        } else if (serverCloseReceived) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!eof) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                RawClient.Received r = client.read(Duration.ofNanos(left));
                if (r.outcome() == RawClient.Outcome.TIMEOUT) {
                    break;
                }
                handle(r);
                if (r.outcome() == RawClient.Outcome.UNDECODABLE) {
                    break;
                }
            }
            tcpClosedByServer = eof;
        }
    }

    private void sendClose(Frame close) {
        try {
            client.send(close.masked());
        } catch (IOException e) {
            notes.add("could not send the close frame: " + e.getMessage());
        }
        clientCloseSent = true;
    }

    /** @return false when nothing more can be read (timeout or undecodable) */
    private boolean handle(RawClient.Received r) {
        switch (r.outcome()) {
            case FRAME:
                onFrame(r.frame());
                return true;
            case EOF:
                eof = true;
                return true;
            case UNDECODABLE:
                violation("the server sent bytes that are not a frame: " + r.detail());
                return false;
            default:
                return false;
        }
    }

    private void violation(String note) {
        violation = true;
        notes.add(note);
    }

    private void onFrame(Frame f) {
        if (serverCloseReceived) {
            if (Opcode.isControl(f.opcode())) {
                // RFC 6455 section 5.5.1 forbids only data frames after a close; Autobahn does not judge this
                notes.add("noted, not judged: the server sent another " + Opcode.name(f.opcode())
                        + " after its close frame: " + f);
            } else {
                violation("the server sent " + Opcode.name(f.opcode()) + " after its close frame; no data frames may"
                        + " follow a close (RFC 6455 section 5.5.1)");
            }
            return;
        }
        if (f.isMasked()) {
            violation("the server sent a masked frame; servers must not mask (RFC 6455 section 5.1)");
        }
        if (f.rsv() != 0) {
            violation("the server set reserved bits 0b" + Integer.toBinaryString(f.rsv())
                    + " without an extension (RFC 6455 section 5.2)");
        }
        int op = f.opcode();
        if (Opcode.isControl(op) && (!f.isFin() || f.payloadLength() > 125)) {
            violation("the server sent a fragmented or oversized control frame: " + f);
        }
        switch (op) {
            case Opcode.TEXT:
            case Opcode.BINARY:
                if (pending != null) {
                    violation("the server started a new message inside a fragmented one (RFC 6455 section 5.4)");
                    pending = null;
                }
                if (f.isFin()) {
                    message(op, f.payload());
                } else {
                    pendingOpcode = op;
                    pending = new ByteArrayOutputStream();
                    pending.writeBytes(f.payload());
                }
                return;
            case Opcode.CONTINUATION:
                if (pending == null) {
                    violation("the server sent a continuation frame with no message to continue");
                    return;
                }
                pending.writeBytes(f.payload());
                if (f.isFin()) {
                    message(pendingOpcode, pending.toByteArray());
                    pending = null;
                }
                return;
            case Opcode.PING:
                if (!clientCloseSent) {
                    try {
                        client.send(Frame.pong(f.payload()).masked());
                    } catch (IOException e) {
                        notes.add("could not answer the server's ping: " + e.getMessage());
                    }
                }
                return;
            case Opcode.PONG:
                received.add(Expected.pong(f.payload()));
                return;
            case Opcode.CLOSE:
                ClosePayload p = ClosePayload.decode(f.payload());
                p.problem().ifPresent(problem -> violation("the server's close frame is invalid: " + problem));
                serverCloseReceived = true;
                serverClosedFirst = !clientCloseSent;
                serverCloseCode = p.code().orElse(CloseCodes.NO_STATUS_RECEIVED);
                return;
            default:
                violation("the server sent reserved opcode " + Opcode.name(op));
        }
    }

    private void message(int opcode, byte[] payload) {
        if (opcode == Opcode.TEXT) {
            if (!Utf8Validator.isValid(payload)) {
                violation("the server sent a text message that is not valid UTF-8 (RFC 6455 section 8.1)");
            }
            received.add(Expected.text(payload));
        } else {
            received.add(Expected.binary(payload));
        }
    }

    private boolean canStillMatch() {
        for (List<Expected> alt : c.alternatives().values()) {
            if (alt.size() >= received.size() && alt.subList(0, received.size()).equals(received)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchedLongest() {
        boolean matched = false;
        for (List<Expected> alt : c.alternatives().values()) {
            if (alt.equals(received)) {
                matched = true;
            } else if (alt.size() > received.size() && alt.subList(0, received.size()).equals(received)) {
                return false; // a longer alternative may still complete
            }
        }
        return matched;
    }

    private CaseResult judge(long startNanos, Optional<String> accepted) {
        Verdict behaviour = null;
        for (Map.Entry<Verdict, List<Expected>> alt : c.alternatives().entrySet()) {
            if (alt.getValue().equals(received)) {
                behaviour = alt.getKey();
                break;
            }
        }
        if (behaviour == null) {
            behaviour = Verdict.FAILED;
            notes.add(0, "received " + summarise(received) + " but expected " + expectedText());
        }
        CloseBehaviour close = judgeClose();
        if (close == CloseBehaviour.OK && c.isCloseOptional() && serverClosedFirst) {
            behaviour = Verdict.NON_STRICT;
            notes.add("the server closed the connection itself with " + serverCloseCode
                    + " (a limit of its own) instead of handling the case");
        }
        Verdict closeVerdict = close == CloseBehaviour.WRONG_CODE && c.wrongCodeIsFatal() ? Verdict.FAILED
                : close.verdict();
        Verdict verdict = behaviour.worst(closeVerdict).worst(downgrade);
        if (c.isInformational()) {
            verdict = Verdict.INFORMATIONAL;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        return new CaseResult(c, verdict, behaviour, close, serverCloseReceived ? serverCloseCode : -1,
                List.copyOf(received), List.copyOf(notes), took, client.transcript(), accepted);
    }

    private CloseBehaviour judgeClose() {
        if (violation) {
            return CloseBehaviour.SERVER_PROTOCOL_VIOLATION;
        }
        String codes = c.closeCodes().toString();
        CloseBehaviour result;
        if (c.expectsServerToFail()) {
            if (runnerSentClose) {
                notes.add((received.isEmpty() ? "the server did not fail the connection within " + timeout.toMillis()
                        + " ms" : "the server went on answering instead of failing the connection")
                        + "; expected a close with " + codes + " or a dropped TCP connection");
                return CloseBehaviour.WRONG_ENDPOINT;
            }
            if (!serverCloseReceived) {
                if (!eof) {
                    notes.add("the server neither closed nor dropped the connection within " + timeout.toMillis() + " ms");
                    return CloseBehaviour.WRONG_ENDPOINT;
                }
                notes.add("the server dropped TCP without a close frame (allowed when failing the connection)");
                return CloseBehaviour.OK;
            }
            result = codeCheck(codes);
        } else {
            if (serverCloseReceived && serverClosedFirst) {
                if (!c.isCloseOptional()) {
                    notes.add("the server closed the connection (" + describeCode() + ") although the case expects"
                            + " it to stay open until the client closes");
                    return CloseBehaviour.WRONG_ENDPOINT;
                }
                result = codeCheck(codes);
            } else if (!serverCloseReceived) {
                notes.add(eof ? "the server dropped TCP without answering the client's close frame"
                        : "the server did not answer the client's close frame within " + timeout.toMillis() + " ms");
                return CloseBehaviour.UNCLEAN;
            } else {
                result = codeCheck(codes);
            }
        }
        if (result == CloseBehaviour.OK && !tcpClosedByServer) {
            notes.add("after the closing handshake the server kept TCP open for " + timeout.toMillis()
                    + " ms; the server should close it first (RFC 6455 section 7.1.1)");
            return CloseBehaviour.CLIENT_DROPPED_TCP;
        }
        return result;
    }

    private CloseBehaviour codeCheck(String codes) {
        if (serverCloseCode == CloseCodes.NO_STATUS_RECEIVED || c.closeCodes().contains(serverCloseCode)) {
            return CloseBehaviour.OK;
        }
        notes.add("the server closed with " + describeCode() + "; expected " + codes + " or no code");
        return CloseBehaviour.WRONG_CODE;
    }

    private String describeCode() {
        return serverCloseCode + " (" + CloseCodes.name(serverCloseCode) + ")";
    }

    private String expectedText() {
        if (c.alternatives().size() == 1) {
            return summarise(c.alternatives().values().iterator().next());
        }
        StringBuilder sb = new StringBuilder();
        c.alternatives().forEach((v, alt) -> sb.append(sb.length() == 0 ? "" : " or ").append(summarise(alt))
                .append(" (").append(v.label()).append(')'));
        return sb.toString();
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

    // ---- CaseDriver ----

    @Override
    public void send(Frame... frames) throws IOException {
        Frame[] masked = new Frame[frames.length];
        for (int i = 0; i < frames.length; i++) {
            masked[i] = frames[i].isMasked() ? frames[i] : frames[i].masked();
            if (frames[i].opcode() == Opcode.CLOSE) {
                clientCloseSent = true;
            }
        }
        client.send(masked);
    }

    @Override
    public void sendAsIs(Frame frame) throws IOException {
        if (frame.opcode() == Opcode.CLOSE) {
            clientCloseSent = true;
        }
        client.send(frame);
    }

    @Override
    public void sendChopped(Frame frame, int chunk) throws IOException {
        if (frame.opcode() == Opcode.CLOSE) {
            clientCloseSent = true;
        }
        client.sendChopped(frame.isMasked() ? frame : frame.masked(), chunk);
    }

    @Override
    public void sendRaw(byte[] bytes) throws IOException {
        client.sendRaw(bytes);
    }

    @Override
    public boolean awaitServerClose(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!serverCloseReceived && !eof) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !handle(client.read(Duration.ofNanos(left)))) {
                break;
            }
        }
        return serverCloseReceived || eof;
    }

    @Override
    public boolean awaitEvents(int count, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (received.size() < count && !serverCloseReceived && !eof) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !handle(client.read(Duration.ofNanos(left)))) {
                break;
            }
        }
        return received.size() >= count;
    }

    @Override
    public void downgrade(Verdict verdict, String reason) {
        downgrade = downgrade.worst(verdict);
        notes.add(reason);
    }

    @Override
    public Duration caseTimeout() {
        return timeout;
    }
}
