package dev.wstest.record;

import static dev.wstest.record.FrameRecorderTest.concat;
import static dev.wstest.record.FrameRecorderTest.frame;
import static dev.wstest.record.FrameRecorderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The recorder checks the peer's frames against RFC 6455 before anything else sees them: a frame that
 * breaks a rule becomes a VIOLATION event (never a message), and under strict rules the recorder says
 * which bytes came before it and reads nothing more.
 */
@Timeout(10)
class ProtocolRulesTest {

    static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    static byte[] raw(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    static byte[] withRsv(byte[] frame, int rsv) {
        byte[] copy = frame.clone();
        copy[0] |= (byte) (rsv << 4);
        return copy;
    }

    /**
     * Feeds a client-side recorder a valid "ok", the frames given (all valid but the last) and one more valid
     * frame, in one read; checks that exactly the bytes before the last frame given were handed on.
     */
    static WsEvent.Violation violationSeenByClient(ProtocolRule expected, byte[]... frames) {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        byte[] good = frame(true, 1, utf8("ok"), null);
        byte[] prefix = good;
        for (int i = 0; i < frames.length - 1; i++) {
            prefix = concat(prefix, frames[i]);
        }
        byte[] wire = concat(prefix, frames[frames.length - 1], frame(true, 1, utf8("after"), null));
        int accepted = r.inbound(ByteBuffer.wrap(wire));
        assertThat(accepted).as("bytes handed on: those before the violating frame").isEqualTo(prefix.length);
        assertThat(r.isFailed()).isTrue();
        assertThat(r.inbound(ByteBuffer.wrap(frame(true, 1, utf8("later"), null)))).as("nothing after").isZero();
        List<WsEvent> events = r.log().events();
        assertThat(events).extracting(WsEvent::type).containsExactly(EventType.TEXT, EventType.VIOLATION);
        WsEvent.Violation v = (WsEvent.Violation) events.get(1);
        assertThat(v.rule()).isEqualTo(expected);
        assertThat(r.log().firstViolation()).contains(v);
        assertThat(r.log().receivedMessages()).extracting(WsEvent::text).containsExactly("ok");
        return v;
    }

    @Test
    @DisplayName("§5.1: a masked server frame; the log shows the key")
    void maskedServerFrame() {
        WsEvent.Violation v = violationSeenByClient(ProtocolRule.SERVER_FRAME_MASKED, frame(true, 1, utf8("Hello"), MASK));
        assertThat(v.frame().masked()).isTrue();
        assertThat(FrameLogFormat.describe(v))
                .isEqualTo("§5.1: server frames must not be masked (masked with key 0x37fa213d) \u2014 TEXT frame, 5 bytes (not read)");
    }

    @Test
    @DisplayName("§5.1: an unmasked client frame, seen by a server")
    void unmaskedClientFrame() {
        FrameRecorder r = new FrameRecorder(Side.SERVER);
        assertThat(r.inbound(ByteBuffer.wrap(frame(true, 1, utf8("Hello, world!"), null)))).isZero();
        assertThat(r.log().events()).singleElement().isInstanceOfSatisfying(WsEvent.Violation.class,
                v -> assertThat(v.text()).isEqualTo("§5.1: client frames must be masked"));
    }

    @Test
    @DisplayName("§5.2: reserved bits without a negotiated extension; RSV1 allowed once permessage-deflate is")
    void reservedBits() {
        WsEvent.Violation v = violationSeenByClient(ProtocolRule.RESERVED_BITS,
                withRsv(frame(true, 1, utf8("x"), null), 0b100));
        assertThat(v.detail()).isEqualTo("RSV bits 0b100, no extension negotiated");

        FrameRecorder deflate = new FrameRecorder(Side.CLIENT, null, LogLimits.DEFAULT,
                WireRules.STRICT.allowingRsv(WireRules.rsvOf(List.of("permessage-deflate; client_max_window_bits"))));
        byte[] rsv1 = withRsv(frame(true, 2, new byte[] {1}, null), 0b100);
        assertThat(deflate.inbound(ByteBuffer.wrap(rsv1))).isEqualTo(rsv1.length);
        byte[] rsv2 = withRsv(frame(true, 2, new byte[] {1}, null), 0b010);
        assertThat(deflate.inbound(ByteBuffer.wrap(rsv2))).isZero();
        assertThat(deflate.log().events()).extracting(WsEvent::type).containsExactly(EventType.BINARY,
                EventType.VIOLATION);
    }

    @Test
    @DisplayName("§5.2: reserved opcodes, data (0x3) and control (0xB)")
    void reservedOpcodes() {
        assertThat(violationSeenByClient(ProtocolRule.RESERVED_OPCODE, frame(true, 3, utf8("?"), null)).detail())
                .isEqualTo("opcode 0x3");
        assertThat(violationSeenByClient(ProtocolRule.RESERVED_OPCODE, frame(true, 0xB, new byte[0], null)).detail())
                .isEqualTo("opcode 0xb");
    }

    @Test
    @DisplayName("§5.5: a control frame over 125 bytes, and a fragmented one")
    void controlFrames() {
        violationSeenByClient(ProtocolRule.CONTROL_FRAME_TOO_LONG, frame(true, 9, new byte[126], null));
        violationSeenByClient(ProtocolRule.CONTROL_FRAME_FRAGMENTED, frame(false, 9, utf8("p"), null));
    }

    @Test
    @DisplayName("§5.4: a continuation without a start, and a new data frame inside a fragmented message")
    void fragmentation() {
        violationSeenByClient(ProtocolRule.CONTINUATION_WITHOUT_START, frame(true, 0, utf8("cont"), null));
        WsEvent.Violation v = violationSeenByClient(ProtocolRule.DATA_FRAME_INSIDE_MESSAGE,
                frame(false, 1, utf8("part"), null), frame(true, 1, utf8("new"), null));
        assertThat(v.detail()).isEqualTo("TEXT frame while a TEXT message of 1 frame(s) is unfinished");
    }

    @Test
    @DisplayName("§8.1: invalid UTF-8 fails fast, within a frame, before the frame is complete")
    void invalidUtf8FailsFast() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        byte[] wire = frame(true, 1, concat(utf8("κόσμε"), raw(0xed, 0xa0, 0x80), utf8("more text")), null);
        // the header and 13 of 22 payload bytes arrive: "κόσμε" is 10 bytes, and the surrogate 0xed 0xa0 is hopeless
        int accepted = r.inbound(ByteBuffer.wrap(wire, 0, 2 + 13).slice());
        assertThat(accepted).isZero();
        assertThat(r.isFailed()).isTrue();
        WsEvent.Violation v = (WsEvent.Violation) r.log().events().get(0);
        assertThat(v.rule()).isEqualTo(ProtocolRule.INVALID_UTF8_TEXT);
        assertThat(v.rule().closeCode()).isEqualTo(1007);
        assertThat(v.detail()).isEqualTo("byte 0xa0 at offset 11");
        assertThat(v.size()).isEqualTo(13);
        assertThat(v.frameLength()).isEqualTo(wire.length - 2);
    }

    @Test
    @DisplayName("§8.1: invalid UTF-8 across fragments, and a message that ends inside a sequence")
    void invalidUtf8AcrossFragments() {
        // "€" is e2 82 ac: split across frames it is fine
        FrameRecorder ok = new FrameRecorder(Side.CLIENT);
        byte[] split = concat(frame(false, 1, raw(0xe2, 0x82), null), frame(true, 0, raw(0xac), null));
        assertThat(ok.inbound(ByteBuffer.wrap(split))).isEqualTo(split.length);
        assertThat(ok.log().events()).singleElement().satisfies(e -> assertThat(e.text()).isEqualTo("€"));

        WsEvent.Violation v = violationSeenByClient(ProtocolRule.INVALID_UTF8_TEXT,
                frame(false, 1, raw(0xe2, 0x82), null), frame(true, 0, raw(0x41), null));
        assertThat(v.detail()).isEqualTo("byte 0x41 at offset 0 of frame 2");

        WsEvent.Violation truncated = violationSeenByClient(ProtocolRule.INVALID_UTF8_TEXT,
                frame(true, 1, raw(0x61, 0xe2, 0x82), null));
        assertThat(truncated.detail()).isEqualTo("the message ends inside a UTF-8 sequence");
    }

    @Test
    @DisplayName("§5.5.1 and §7.4: close payload of 1 byte, an invalid close code, a reason that is not UTF-8")
    void badCloseFrames() {
        violationSeenByClient(ProtocolRule.CLOSE_PAYLOAD_ONE_BYTE, frame(true, 8, raw(0x03), null));
        assertThat(violationSeenByClient(ProtocolRule.INVALID_CLOSE_CODE, frame(true, 8, raw(0x03, 0xe7), null))
                .detail()).isEqualTo("code 999");
        violationSeenByClient(ProtocolRule.INVALID_CLOSE_CODE, frame(true, 8, raw(0x03, 0xec), null)); // 1004
        violationSeenByClient(ProtocolRule.INVALID_CLOSE_CODE, frame(true, 8, raw(0x13, 0x88), null)); // 5000
        WsEvent.Violation reason = violationSeenByClient(ProtocolRule.INVALID_UTF8_CLOSE_REASON,
                frame(true, 8, raw(0x03, 0xe8, 0xff), null));
        assertThat(reason.rule().closeCode()).isEqualTo(1007);
        FrameRecorder fine = new FrameRecorder(Side.CLIENT);
        byte[] registered = frame(true, 8, raw(0x0b, 0xb8), null); // 3000
        assertThat(fine.inbound(ByteBuffer.wrap(registered))).isEqualTo(registered.length);
        assertThat(fine.log().events()).singleElement().isInstanceOf(WsEvent.Close.class);
    }

    @Test
    @DisplayName("§5.2: a 64-bit length with its top bit set")
    void lengthTopBit() {
        violationSeenByClient(ProtocolRule.LENGTH_TOP_BIT_SET, raw(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    @DisplayName("a violating frame that began in an earlier read is withheld from its first byte on (0 accepted)")
    void violationAcrossReads() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        byte[] masked = frame(true, 1, utf8("Hello"), MASK);
        assertThat(r.inbound(ByteBuffer.wrap(masked, 0, 1).slice())).as("one header byte tells nothing yet")
                .isEqualTo(1);
        assertThat(r.inbound(ByteBuffer.wrap(masked, 1, masked.length - 1).slice())).isZero();
        assertThat(r.log().violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo(ProtocolRule.SERVER_FRAME_MASKED));
    }

    @Test
    @DisplayName("lenient rules record every violation with its payload and read on; messages stay messages")
    void lenientRecordsAndReadsOn() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, LogLimits.DEFAULT, WireRules.LENIENT);
        byte[] wire = concat(frame(true, 1, utf8("Hello"), MASK), frame(true, 3, utf8("?"), null),
                frame(true, 0, utf8("stray"), null), frame(false, 1, utf8("frag"), null),
                frame(true, 9, utf8("p"), null), frame(true, 0, raw(0xff), null), frame(true, 1, utf8("fine"), null),
                frame(true, 8, raw(0x03, 0xe7), null));
        assertThat(r.inbound(ByteBuffer.wrap(wire))).isEqualTo(wire.length);
        assertThat(r.isFailed()).isFalse();
        assertThat(r.log().events()).extracting(WsEvent::type).containsExactly(EventType.VIOLATION,
                EventType.VIOLATION, EventType.VIOLATION, EventType.PING, EventType.VIOLATION, EventType.TEXT,
                EventType.VIOLATION);
        assertThat(r.log().violations()).extracting(WsEvent.Violation::rule).containsExactly(
                ProtocolRule.SERVER_FRAME_MASKED, ProtocolRule.RESERVED_OPCODE, ProtocolRule.CONTINUATION_WITHOUT_START,
                ProtocolRule.INVALID_UTF8_TEXT, ProtocolRule.INVALID_CLOSE_CODE);
        assertThat(r.log().violations().get(0).payload()).isEqualTo(utf8("Hello"));
        assertThat(r.log().violations().get(3).payload()).as("the whole message").isEqualTo(concat(utf8("frag"),
                raw(0xff)));
        assertThat(r.log().receivedMessages()).extracting(WsEvent::text).containsExactly("fine");
        assertThat(r.log().violationCount()).isEqualTo(5);
    }

    @Test
    @DisplayName("our own outbound frames are recorded as sent, not judged")
    void outboundIsNotChecked() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        r.outbound(ByteBuffer.wrap(frame(true, 1, utf8("masked, as a client must"), MASK)));
        r.outbound(ByteBuffer.wrap(frame(true, 1, raw(0xff), MASK)));
        assertThat(r.log().events()).extracting(WsEvent::type).containsExactly(EventType.TEXT, EventType.TEXT);
        assertThat(r.log().violations()).isEmpty();
    }
}
