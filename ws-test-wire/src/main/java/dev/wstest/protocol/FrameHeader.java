package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The header of one frame as it arrived (RFC 6455 section 5.2), legal or not.
 *
 * @param fin            the FIN bit
 * @param rsv            RSV1-3 as a 3-bit number (RSV1 = 0b100)
 * @param opcode         the 4-bit opcode, reserved values included
 * @param masked         whether the MASK bit was set
 * @param maskKey        the 32-bit masking key, big-endian as on the wire (0 when unmasked)
 * @param payloadLength  the declared payload length
 * @param lengthEncoding how the length was written: {@link Frame.LengthEncoding#MINIMAL} when it used the
 *                       shortest form, otherwise the (longer) form used
 * @param headerLength   bytes of header on the wire: 2 to 14
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FrameHeader(boolean fin, int rsv, int opcode, boolean masked, int maskKey, long payloadLength,
                          Frame.LengthEncoding lengthEncoding, int headerLength) {

    /** Whether the opcode is a control opcode (close, ping, pong, or reserved 0xB-0xF). */
    public boolean isControl() {
        return Opcode.isControl(opcode);
    }

    /** The masking key as the 4 bytes on the wire, or null when unmasked. */
    public byte[] maskKeyBytes() {
        return masked ? new byte[] {(byte) (maskKey >>> 24), (byte) (maskKey >>> 16), (byte) (maskKey >>> 8),
                (byte) maskKey} : null;
    }

    /** The masking key in hex ({@code 0x37fa213d}), or null when unmasked. */
    public String maskKeyHex() {
        return masked ? String.format(java.util.Locale.ROOT, "0x%08x", maskKey) : null;
    }
}
