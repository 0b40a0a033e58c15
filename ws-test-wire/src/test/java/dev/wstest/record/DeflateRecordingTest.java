package dev.wstest.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.DeflateParameters.Role;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.PerMessageDeflater;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A recorder on a connection with permessage-deflate: messages decompressed, RSV1 and wire sizes kept. */
@Timeout(10)
class DeflateRecordingTest {

    private static final DeflateParameters TAKEOVER = DeflateParameters.defaults();
    private static final DeflateParameters NO_TAKEOVER = new DeflateParameters(true, true, 15, 15);
    private static final String HELLO = "hello hello hello hello hello hello";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A server's compressed text frame as it arrives at a client. */
    private static ByteBuffer compressedText(byte[] compressed) {
        return ByteBuffer.wrap(Frame.text(compressed).rsv(0b100).toBytes());
    }

    private static FrameRecorder client(DeflateParameters p) {
        return new FrameRecorder(Side.CLIENT, null, LogLimits.DEFAULT, WireRules.STRICT, p);
    }

    @Test
    @DisplayName("compressed messages are recorded decompressed, marked compressed, with their size on the wire")
    void inboundDecompressed() {
        FrameRecorder r = client(TAKEOVER);
        try (PerMessageDeflater server = TAKEOVER.deflater(Role.SERVER, Deflater.DEFAULT_COMPRESSION)) {
            byte[] first = server.compress(utf8(HELLO));
            byte[] second = server.compress(utf8(HELLO)); // back-references into the first: context takeover
            assertThat(second.length).isLessThan(first.length);
            ByteBuffer wire = compressedText(first);
            assertThat(r.inbound(wire)).isEqualTo(wire.remaining());
            r.inbound(compressedText(second));
            r.inbound(ByteBuffer.wrap(Frame.text("plain").toBytes()));
            List<WsEvent> events = r.log().events();
            assertThat(events).extracting(WsEvent::text).containsExactly(HELLO, HELLO, "plain");
            assertThat(events).extracting(WsEvent::isCompressed).containsExactly(true, true, false);
            assertThat(events.get(0).size()).isEqualTo(HELLO.length());
            assertThat(events.get(0).wireSize()).isEqualTo(first.length);
            assertThat(events.get(1).frameSizes()).containsExactly(second.length);
            assertThat(FrameLogFormat.line(events.get(1), Redactor.NONE))
                    .contains("TEXT   \"" + HELLO + "\" (" + HELLO.length() + " bytes; RSV1, " + second.length
                            + " bytes on the wire)");
            assertThat(FrameLogFormat.line(events.get(2), Redactor.NONE)).endsWith("TEXT   \"plain\"");
            assertThat(r.isFailed()).isFalse();
        }
    }

    @Test
    @DisplayName("a fragmented compressed message: RSV1 on the first frame, wire sizes per frame")
    void fragmented() {
        FrameRecorder r = client(TAKEOVER);
        byte[] data = utf8(HELLO.repeat(20));
        try (PerMessageDeflater server = TAKEOVER.deflater(Role.SERVER, Deflater.DEFAULT_COMPRESSION)) {
            byte[] a = server.compress(Arrays.copyOfRange(data, 0, 300), false);
            byte[] b = server.compress(Arrays.copyOfRange(data, 300, data.length), true);
            r.inbound(ByteBuffer.wrap(Frame.text(a).fin(false).rsv(0b100).toBytes()));
            r.inbound(ByteBuffer.wrap(Frame.ping(new byte[0]).toBytes()));
            r.inbound(ByteBuffer.wrap(Frame.continuation(b).toBytes()));
        }
        WsEvent message = r.log().events().get(1);
        assertThat(message.text()).isEqualTo(HELLO.repeat(20));
        assertThat(message.isCompressed()).isTrue();
        assertThat(message.frameSizes()).hasSize(2);
        assertThat(FrameLogFormat.line(message, Redactor.NONE)).contains("(" + data.length + " bytes; RSV1, "
                + message.wireSize() + " bytes on the wire in 2 frames: " + message.frameSizes().get(0) + "+"
                + message.frameSizes().get(1) + ")");
    }

    @Test
    @DisplayName("our own compressed messages are recorded decompressed too")
    void outboundDecompressed() {
        FrameRecorder r = client(NO_TAKEOVER);
        try (PerMessageDeflater own = NO_TAKEOVER.deflater(Role.CLIENT, Deflater.DEFAULT_COMPRESSION)) {
            for (int i = 0; i < 2; i++) {
                r.outbound(ByteBuffer.wrap(Frame.binary(own.compress(utf8(HELLO))).rsv(0b100).masked().toBytes()));
            }
        }
        assertThat(r.log().events()).extracting(WsEvent::text).containsExactly(HELLO, HELLO);
        assertThat(r.log().events()).allMatch(e -> e.isCompressed() && e.isOutbound());
    }

    @Test
    @DisplayName("RSV1 on a continuation or control frame breaks RFC 7692 6.1 and fails the connection")
    void misplacedRsv1() {
        FrameRecorder r = client(TAKEOVER);
        r.inbound(ByteBuffer.wrap(Frame.ping(new byte[0]).rsv(0b100).toBytes()));
        assertThat(r.isFailed()).isTrue();
        assertThat(r.stop().orElseThrow().closeCode()).isEqualTo(1002);
        assertThat(r.stop().orElseThrow().reason())
                .isEqualTo("RFC 7692 §6.1: only the first frame of a data message may set RSV1");
        assertThat(FrameLogFormat.line(r.log().events().get(0), Redactor.NONE)).contains("RSV1 on a PING frame");

        FrameRecorder c = client(TAKEOVER);
        c.inbound(ByteBuffer.wrap(Frame.text("a").fin(false).toBytes()));
        c.inbound(ByteBuffer.wrap(Frame.continuation("b").rsv(0b100).toBytes()));
        assertThat(c.stop().orElseThrow().reason()).startsWith("RFC 7692 §6.1");
    }

    @Test
    @DisplayName("without permessage-deflate, RSV1 is RFC 6455 5.2's reserved bit, as before")
    void rsv1WithoutDeflate() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        r.inbound(compressedText(new byte[] {0x4a, 0x04, 0x00}));
        assertThat(r.stop().orElseThrow().reason()).startsWith("§5.2");
        assertThat(r.deflate()).isEmpty();
    }

    @Test
    @DisplayName("a payload that does not inflate fails the connection with RFC 7692 7.2.2 named")
    void badCompressedData() {
        FrameRecorder r = client(TAKEOVER);
        int accepted = r.inbound(compressedText(new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02}));
        assertThat(accepted).isZero();
        assertThat(r.isFailed()).isTrue();
        assertThat(r.stop().orElseThrow().reason())
                .isEqualTo("RFC 7692 §7.2.2: a compressed message must be valid DEFLATE data");
        WsEvent v = r.log().events().get(0);
        assertThat(v.type()).isEqualTo(EventType.VIOLATION);
        assertThat(FrameLogFormat.line(v, Redactor.NONE)).contains("not valid DEFLATE data");
    }

    @Test
    @DisplayName("a server that keeps its context after agreeing to server_no_context_takeover is caught")
    void contextTakeoverIgnored() {
        FrameRecorder r = client(NO_TAKEOVER);
        try (PerMessageDeflater cheating = TAKEOVER.deflater(Role.SERVER, Deflater.DEFAULT_COMPRESSION)) {
            r.inbound(compressedText(cheating.compress(utf8(HELLO))));
            r.inbound(compressedText(cheating.compress(utf8(HELLO))));
        }
        assertThat(r.log().events().get(0).text()).isEqualTo(HELLO);
        assertThat(r.log().events().get(1).type()).isEqualTo(EventType.VIOLATION);
        assertThat(r.stop().orElseThrow().reason()).startsWith("RFC 7692 §7.2.2");
    }

    @Test
    @DisplayName("compressed text that is not UTF-8 once inflated breaks 8.1; lenient rules record and read on")
    void invalidUtf8Inside() {
        byte[] bad = {'a', (byte) 0xc3, 'b'};
        try (PerMessageDeflater server = NO_TAKEOVER.deflater(Role.SERVER, Deflater.DEFAULT_COMPRESSION)) {
            FrameRecorder strict = client(NO_TAKEOVER);
            strict.inbound(compressedText(server.compress(bad)));
            assertThat(strict.stop().orElseThrow().closeCode()).isEqualTo(1007);
            assertThat(FrameLogFormat.line(strict.log().events().get(0), Redactor.NONE)).contains("(decompressed)");

            FrameRecorder lenient = new FrameRecorder(Side.CLIENT, null, LogLimits.DEFAULT, WireRules.LENIENT,
                    NO_TAKEOVER);
            lenient.inbound(compressedText(server.compress(bad)));
            lenient.inbound(compressedText(server.compress(utf8("fine"))));
            assertThat(lenient.log().events()).extracting(WsEvent::type)
                    .containsExactly(EventType.VIOLATION, EventType.TEXT);
            assertThat(lenient.log().events().get(1).text()).isEqualTo("fine");
        }
    }

    @Test
    @DisplayName("a message that inflates beyond maxMessageBytes is refused with 1009, whatever it took on the wire")
    void deflateBomb() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, LogLimits.DEFAULT,
                WireRules.STRICT.limitingMessagesTo(10_000), TAKEOVER);
        byte[] zeros = new byte[1_000_000];
        try (PerMessageDeflater server = TAKEOVER.deflater(Role.SERVER, Deflater.BEST_COMPRESSION)) {
            byte[] small = server.compress(zeros);
            assertThat(small.length).isLessThan(10_000);
            r.inbound(ByteBuffer.wrap(Frame.binary(small).rsv(0b100).toBytes()));
        }
        assertThat(r.stop().orElseThrow().closeCode()).isEqualTo(1009);
        assertThat(r.log().events().get(0).text()).contains("inflates to more than 10000 bytes");
    }
}
