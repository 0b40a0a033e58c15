package dev.wstest.record;

import dev.wstest.protocol.CloseCodes;

/**
 * A rule of RFC 6455 that a peer's frames must keep, with the close code a strict endpoint fails the
 * connection with when the peer breaks it. {@link #toString()} reads as the frame log shows it:
 * {@code §5.1: server frames must not be masked}.
 */
public enum ProtocolRule {

    /** §5.1: a client must not receive masked frames. */
    SERVER_FRAME_MASKED("5.1", "server frames must not be masked", CloseCodes.PROTOCOL_ERROR),
    /** §5.1: a server must not receive unmasked frames. */
    CLIENT_FRAME_UNMASKED("5.1", "client frames must be masked", CloseCodes.PROTOCOL_ERROR),
    /** §5.2: RSV1-3 are 0 unless a negotiated extension gives them a meaning. */
    RESERVED_BITS("5.2", "reserved bits must be 0 without an extension that defines them",
            CloseCodes.PROTOCOL_ERROR),
    /** §5.2: opcodes 0x3-0x7 and 0xB-0xF are reserved. */
    RESERVED_OPCODE("5.2", "opcodes 0x3-0x7 and 0xB-0xF are reserved", CloseCodes.PROTOCOL_ERROR),
    /** §5.2: the most significant bit of a 64-bit payload length is 0. */
    LENGTH_TOP_BIT_SET("5.2", "a 64-bit payload length must have its most significant bit clear",
            CloseCodes.PROTOCOL_ERROR),
    /** §5.5: control frames carry at most 125 bytes. */
    CONTROL_FRAME_TOO_LONG("5.5", "control frames carry at most 125 bytes", CloseCodes.PROTOCOL_ERROR),
    /** §5.5: control frames are never fragmented. */
    CONTROL_FRAME_FRAGMENTED("5.5", "control frames must not be fragmented", CloseCodes.PROTOCOL_ERROR),
    /** §5.4: a continuation frame continues a fragmented message that was started. */
    CONTINUATION_WITHOUT_START("5.4", "a continuation frame needs a fragmented message to continue",
            CloseCodes.PROTOCOL_ERROR),
    /** §5.4: the fragments of one message are not interleaved with another data message. */
    DATA_FRAME_INSIDE_MESSAGE("5.4", "a new data frame must not start inside a fragmented message",
            CloseCodes.PROTOCOL_ERROR),
    /** §8.1: a text message is valid UTF-8 (checked across fragments, as soon as it can no longer be). */
    INVALID_UTF8_TEXT("8.1", "text messages must be valid UTF-8", CloseCodes.INVALID_PAYLOAD_DATA),
    /** §5.5.1: a close payload is empty or starts with a 2-byte code. */
    CLOSE_PAYLOAD_ONE_BYTE("5.5.1", "a close payload is empty or at least 2 bytes", CloseCodes.PROTOCOL_ERROR),
    /** §7.4: only codes 1000-1003, 1007-1014 and 3000-4999 may appear in a close frame. */
    INVALID_CLOSE_CODE("7.4", "this close code may not be sent", CloseCodes.PROTOCOL_ERROR),
    /** §5.5.1: a close reason is valid UTF-8. */
    INVALID_UTF8_CLOSE_REASON("5.5.1", "a close reason must be valid UTF-8", CloseCodes.INVALID_PAYLOAD_DATA);

    private final String section;
    private final String words;
    private final int closeCode;

    ProtocolRule(String section, String words, int closeCode) {
        this.section = section;
        this.words = words;
        this.closeCode = closeCode;
    }

    /** The RFC 6455 section, e.g. {@code "5.1"}. */
    public String section() {
        return section;
    }

    /** The rule in words, e.g. {@code "server frames must not be masked"}. */
    public String words() {
        return words;
    }

    /** The code a strict endpoint closes with: 1002 (protocol error) or 1007 (invalid payload data). */
    public int closeCode() {
        return closeCode;
    }

    /** {@code §5.1: server frames must not be masked}. */
    @Override
    public String toString() {
        return "§" + section + ": " + words;
    }
}
