package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * The payload of a close frame: an optional 2-byte status code followed by a UTF-8 reason
 * (RFC 6455 section 5.5.1). {@link #of} builds only what may be sent; {@link #decode} reads whatever
 * arrived and {@link #problem()} says what is wrong with it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ClosePayload {

    private static final ClosePayload EMPTY = new ClosePayload(null, new byte[0], new byte[0]);

    private final Integer code;
    private final byte[] reason;
    private final byte[] raw;

    private ClosePayload(Integer code, byte[] reason, byte[] raw) {
        this.code = code;
        this.reason = reason;
        this.raw = raw;
    }

    /** The empty payload: no status code. */
    public static ClosePayload empty() {
        return EMPTY;
    }

    /**
     * A payload that may be sent.
     *
     * @throws IllegalArgumentException if the code may not be sent or the reason is over 123 bytes of UTF-8
     */
    public static ClosePayload of(int code, String reason) {
        CloseCodes.checkSendable(code, reason);
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        return new ClosePayload(code, r, encodeUnchecked(code, r));
    }

    /** Reads a received payload. Never throws: inspect {@link #problem()}. */
    public static ClosePayload decode(byte[] payload) {
        if (payload.length == 0) {
            return EMPTY;
        }
        if (payload.length == 1) {
            return new ClosePayload(null, new byte[0], payload.clone());
        }
        int c = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        return new ClosePayload(c, Arrays.copyOfRange(payload, 2, payload.length), payload.clone());
    }

    /** Code and raw reason bytes, unchecked: for sending illegal close frames on purpose. */
    public static byte[] encodeUnchecked(int code, byte[] reasonBytes) {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("close code " + code + " does not fit in 2 bytes");
        }
        byte[] out = new byte[2 + reasonBytes.length];
        out[0] = (byte) (code >>> 8);
        out[1] = (byte) code;
        System.arraycopy(reasonBytes, 0, out, 2, reasonBytes.length);
        return out;
    }

    /** The status code, empty when the payload had none. */
    public OptionalInt code() {
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** The reason decoded as UTF-8 (malformed bytes replaced). */
    public String reason() {
        return new String(reason, StandardCharsets.UTF_8);
    }

    public byte[] reasonBytes() {
        return reason.clone();
    }

    public byte[] toBytes() {
        return raw.clone();
    }

    /**
     * What makes this payload illegal, if anything: a 1-byte payload, a code that may not be sent, a
     * reason that is not UTF-8, or a payload over 125 bytes.
     */
    public Optional<String> problem() {
        if (raw.length == 1) {
            return Optional.of("a close payload of 1 byte (the code needs 2)");
        }
        if (raw.length > 125) {
            return Optional.of("a close payload of " + raw.length + " bytes (control frames carry at most 125)");
        }
        if (code != null && !CloseCodes.isSendable(code)) {
            return Optional.of("close code " + code + " (" + CloseCodes.name(code) + ") may not be sent");
        }
        if (!Utf8Validator.isValid(reason)) {
            return Optional.of("the close reason is not valid UTF-8");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        if (raw.length == 0) {
            return "(no status code)";
        }
        if (code == null) {
            return "(1-byte payload 0x" + String.format("%02x", raw[0] & 0xff) + ")";
        }
        return code + (reason.length == 0 ? "" : " \"" + reason() + "\"");
    }
}
