package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.ClosePayload;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Faults a server can commit, as {@link Action}s for a {@link Stub} or {@link MockConnection#perform}. Each
 * says what the client sees on the wire; a strict client (RFC 6455) reacts as noted. Connection-wide faults
 * (pings every T, withheld pongs, a close never answered, a stall) are in {@link ConnectionPolicy}; handshake
 * faults (refusals, a wrong {@code Sec-WebSocket-Accept}, redirects) in {@link HandshakeRules}.
 *
 * <pre>{@code
 * Stub.onText("subscribe").then(Faults.maskedFrame("tick"))       // the client must fail with 1002
 * Stub.onConnect().pause(Duration.ofMillis(100)).then(Faults.dropConnection())   // the client sees 1006
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Faults {

    /** A text payload that is not UTF-8: {@code 0xCE 0xBA 0xE1 0xBD} then a lone continuation byte. */
    private static final byte[] INVALID_UTF8 = {(byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD, (byte) 0xB9,
        (byte) 0x80};

    private Faults() {
    }

    /** TCP closed without a close frame. The client sees an abnormal closure, 1006. */
    public static Action dropConnection() {
        return new Action.DropConnection(false);
    }

    /** TCP reset (RST) without a close frame. The client sees a connection reset, then 1006. */
    public static Action resetConnection() {
        return new Action.DropConnection(true);
    }

    /** The mock stops sending (TCP FIN) but keeps reading: the client reads end-of-stream without a close frame. */
    public static Action halfClose() {
        return new Action.HalfClose();
    }

    /** The mock stops reading: once the TCP buffers are full, the client's sends block. */
    public static Action stopReading() {
        return new Action.StopReading();
    }

    /** Resumes reading after {@link #stopReading()}. */
    public static Action resumeReading() {
        return new Action.ResumeReading();
    }

    /**
     * The first fragment of a text message (FIN clear), then TCP closed: the message never completes and the
     * client sees 1006.
     */
    public static Action dropMidMessage(String firstFragment) {
        return new Action.Sequence(List.of(new Action.SendFrames(List.of(Frame.text(firstFragment).fin(false))),
                dropConnection()));
    }

    /**
     * The first fragment of a text message, then a close frame (legal: a control frame may come between
     * fragments): the client gets the close, never the message.
     */
    public static Action closeMidMessage(String firstFragment, int code, String reason) {
        return new Action.SendFrames(List.of(Frame.text(firstFragment).fin(false), Frame.close(code, reason)));
    }

    /** The first bytes of a text frame, then TCP closed: a frame cut short. The client sees 1006. */
    public static Action truncatedFrame(String text, int bytesSent) {
        byte[] all = Frame.text(text).toBytes();
        if (bytesSent < 1 || bytesSent >= all.length) {
            throw new IllegalArgumentException("send 1 to " + (all.length - 1) + " of the frame's " + all.length
                    + " bytes, not " + bytesSent);
        }
        return new Action.Sequence(List.of(new Action.SendBytes(Arrays.copyOf(all, bytesSent)), dropConnection()));
    }

    /** A text frame whose payload is not valid UTF-8. A strict client fails the connection with 1007. */
    public static Action invalidUtf8() {
        return new Action.SendFrames(List.of(Frame.text(INVALID_UTF8)));
    }

    /** A text frame with RSV bits set (0b100 = RSV1) and no extension that defines them. Strict clients: 1002. */
    public static Action reservedBits(int rsv, String text) {
        return new Action.SendFrames(List.of(Frame.text(text).rsv(rsv)));
    }

    /** A frame with a reserved opcode (3-7 data, 11-15 control). Strict clients: 1002. */
    public static Action reservedOpcode(int opcode) {
        if (!Opcode.isReserved(opcode)) {
            throw new IllegalArgumentException("opcode 0x" + Integer.toHexString(opcode) + " is not reserved;"
                    + " reserved are 0x3-0x7 and 0xB-0xF");
        }
        return new Action.SendFrames(List.of(Frame.of(opcode, "reserved".getBytes(StandardCharsets.UTF_8))));
    }

    /** A masked text frame: servers must not mask (RFC 6455 5.1). Strict clients: 1002. */
    public static Action maskedFrame(String text) {
        return new Action.SendFrames(List.of(Frame.text(text).masked()));
    }

    /** A ping with a 126-byte payload: control frames carry at most 125 (5.5). Strict clients: 1002. */
    public static Action oversizedPing() {
        byte[] payload = new byte[126];
        Arrays.fill(payload, (byte) 'p');
        return new Action.SendFrames(List.of(Frame.ping(payload)));
    }

    /** A ping split into two frames: control frames must not be fragmented (5.5). Strict clients: 1002. */
    public static Action fragmentedPing() {
        return new Action.SendFrames(List.of(Frame.ping("fr".getBytes(StandardCharsets.UTF_8)).fin(false),
                Frame.continuation("ag")));
    }

    /** A continuation frame with no message to continue (5.4). Strict clients: 1002. */
    public static Action continuationWithoutStart() {
        return new Action.SendFrames(List.of(Frame.continuation("orphan")));
    }

    /**
     * A close frame with a code that may not be sent (1004-1006, 1015, 0-999, 1016-2999, 5000+). Strict
     * clients answer with 1002.
     */
    public static Action closeWithCode(int code) {
        return new Action.SendFrames(List.of(Frame.of(Opcode.CLOSE, ClosePayload.encodeUnchecked(code,
                "invalid code".getBytes(StandardCharsets.UTF_8)))));
    }

    /** A close frame whose reason has {@code reasonBytes} bytes; over 123 the frame is over 125 bytes (5.5). */
    public static Action closeWithReasonOf(int reasonBytes) {
        byte[] reason = new byte[reasonBytes];
        Arrays.fill(reason, (byte) 'r');
        return new Action.SendFrames(List.of(Frame.of(Opcode.CLOSE, ClosePayload.encodeUnchecked(1000, reason))));
    }

    /** A close frame whose reason is not valid UTF-8. Strict clients: 1007 (or 1002). */
    public static Action closeWithInvalidUtf8Reason() {
        return new Action.SendFrames(List.of(Frame.of(Opcode.CLOSE, ClosePayload.encodeUnchecked(1000,
                INVALID_UTF8))));
    }

    /** Two close frames in a row; the second breaks 5.5.1 (nothing may follow a close). */
    public static Action secondClose(int code, String reason) {
        return new Action.SendFrames(List.of(Frame.close(code, reason), Frame.close(code, reason)));
    }
}
