package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.CloseCodes;
import org.apiguardian.api.API;

/**
 * A rule of RFC 6455 (or, for a connection with permessage-deflate, RFC 7692) that a peer's frames must
 * keep, with the close code a strict endpoint fails the connection with when the peer breaks it.
 * {@link #toString()} reads as the frame log shows it: {@code §5.1: server frames must not be masked},
 * {@code RFC 7692 §6.1: only the first frame of a data message may set RSV1}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
    /**
     * §5.2: "the minimal number of bytes MUST be used to encode the length": 7 bits up to 125, the 16-bit form
     * up to 65,535, the 64-bit form beyond.
     */
    NON_MINIMAL_LENGTH("5.2", "a payload length must be encoded in the minimal number of bytes",
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
    /**
     * §5.5.1: after sending a close frame an endpoint MUST NOT send any more data frames. Such a frame is never
     * a message (the JDK's client stops reading at the close, Netty's server discards what follows). The
     * connection is failed as for any rule, but the closing handshake is under way: a close frame goes out only
     * if this side has not sent its own yet (usually the answer to the peer's close already has).
     */
    DATA_AFTER_CLOSE("5.5.1", "no data frame may follow a close frame", CloseCodes.PROTOCOL_ERROR),
    /** §5.5.1: a close payload is empty or starts with a 2-byte code. */
    CLOSE_PAYLOAD_ONE_BYTE("5.5.1", "a close payload is empty or at least 2 bytes", CloseCodes.PROTOCOL_ERROR),
    /** §7.4: only codes 1000-1003, 1007-1014 and 3000-4999 may appear in a close frame. */
    INVALID_CLOSE_CODE("7.4", "this close code may not be sent", CloseCodes.PROTOCOL_ERROR),
    /** §5.5.1: a close reason is valid UTF-8. */
    INVALID_UTF8_CLOSE_REASON("5.5.1", "a close reason must be valid UTF-8", CloseCodes.INVALID_PAYLOAD_DATA),
    /**
     * RFC 7692 §6.1: with permessage-deflate, RSV1 (the "Per-Message Compressed" bit) is set on the first
     * frame of a compressed data message only, never on a continuation or a control frame.
     */
    COMPRESSED_BIT_MISPLACED("RFC 7692", "6.1", "only the first frame of a data message may set RSV1",
            CloseCodes.PROTOCOL_ERROR),
    /** RFC 7692 §7.2.2: a compressed message (its frames' payloads and the removed tail) inflates as DEFLATE. */
    INVALID_COMPRESSED_DATA("RFC 7692", "7.2.2", "a compressed message must be valid DEFLATE data",
            CloseCodes.PROTOCOL_ERROR);

    private static final String RFC_6455 = "RFC 6455";

    private final String rfc;

    private final String section;
    private final String words;
    private final int closeCode;

    ProtocolRule(String section, String words, int closeCode) {
        this(RFC_6455, section, words, closeCode);
    }

    ProtocolRule(String rfc, String section, String words, int closeCode) {
        this.rfc = rfc;
        this.section = section;
        this.words = words;
        this.closeCode = closeCode;
    }

    /** The RFC the rule is from: {@code "RFC 6455"}, or {@code "RFC 7692"} for permessage-deflate. */
    public String rfc() {
        return rfc;
    }

    /** The section of {@link #rfc()}, e.g. {@code "5.1"}. */
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

    /** {@code §5.1: server frames must not be masked}; rules of another RFC than 6455 name it first. */
    @Override
    public String toString() {
        return (rfc.equals(RFC_6455) ? "" : rfc + " ") + "§" + section + ": " + words;
    }
}
