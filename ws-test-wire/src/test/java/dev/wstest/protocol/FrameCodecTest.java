package dev.wstest.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Encoding and decoding against the byte vectors of RFC 6455 section 5.7, and illegal frames. */
@Timeout(30)
class FrameCodecTest {

    private static final byte[] KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    @DisplayName("RFC 5.7: single-frame unmasked text \"Hello\"")
    void unmaskedText() {
        byte[] wire = bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
        assertThat(Frame.text("Hello").toBytes()).isEqualTo(wire);
        Frame f = FrameCodec.decode(wire);
        assertThat(f.isFin()).isTrue();
        assertThat(f.opcode()).isEqualTo(Opcode.TEXT);
        assertThat(f.isMasked()).isFalse();
        assertThat(f.payloadAsText()).isEqualTo("Hello");
    }

    @Test
    @DisplayName("RFC 5.7: single-frame masked text \"Hello\"")
    void maskedText() {
        byte[] wire = bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        assertThat(Frame.text("Hello").masked(KEY).toBytes()).isEqualTo(wire);
        Frame f = FrameCodec.decode(wire);
        assertThat(f.isMasked()).isTrue();
        assertThat(f.maskKey()).isEqualTo(KEY);
        assertThat(f.payloadAsText()).isEqualTo("Hello");
    }

    @Test
    @DisplayName("RFC 5.7: fragmented unmasked text \"Hel\" + \"lo\", decoded incrementally byte by byte")
    void fragmented() {
        byte[] wire = bytes(0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f);
        byte[] first = Frame.text("Hel").fin(false).toBytes();
        byte[] second = Frame.continuation("lo").toBytes();
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertThat(both).isEqualTo(wire);

        FrameDecoder decoder = new FrameDecoder();
        List<Frame> frames = new ArrayList<>();
        for (byte b : wire) {
            decoder.feed(new byte[] {b}, 0, 1);
            Frame f;
            while ((f = decoder.next()) != null) {
                frames.add(f);
            }
        }
        assertThat(frames).extracting(Frame::opcode, Frame::isFin, Frame::payloadAsText)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Opcode.TEXT, false, "Hel"),
                        org.assertj.core.groups.Tuple.tuple(Opcode.CONTINUATION, true, "lo"));
        assertThat(decoder.buffered()).isZero();
    }

    @Test
    @DisplayName("RFC 5.7: unmasked ping and masked pong \"Hello\"")
    void pingPong() {
        assertThat(Frame.ping("Hello".getBytes(StandardCharsets.UTF_8)).toBytes())
                .isEqualTo(bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
        assertThat(Frame.pong("Hello".getBytes(StandardCharsets.UTF_8)).masked(KEY).toBytes())
                .isEqualTo(bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
    }

    @Test
    @DisplayName("RFC 5.7: 256 bytes binary uses the 16-bit length, 64 KiB the 64-bit length")
    void extendedLengths() {
        byte[] p256 = new byte[256];
        Arrays.fill(p256, (byte) 7);
        byte[] wire = Frame.binary(p256).toBytes();
        assertThat(Arrays.copyOf(wire, 4)).isEqualTo(bytes(0x82, 0x7E, 0x01, 0x00));
        assertThat(wire).hasSize(4 + 256);
        assertThat(FrameCodec.decode(wire).payload()).isEqualTo(p256);

        byte[] p64k = new byte[65536];
        byte[] wire64 = Frame.binary(p64k).toBytes();
        assertThat(Arrays.copyOf(wire64, 10)).isEqualTo(bytes(0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0));
        assertThat(FrameCodec.decode(wire64).payloadLength()).isEqualTo(65536);
    }

    @Test
    @DisplayName("non-minimal lengths are encoded as asked and reported as such when decoded")
    void nonMinimalLengths() {
        byte[] w16 = Frame.text("hi").lengthEncoding(Frame.LengthEncoding.BITS_16).toBytes();
        assertThat(w16).isEqualTo(bytes(0x81, 126, 0, 2, 'h', 'i'));
        assertThat(FrameCodec.decode(w16).lengthEncoding()).isEqualTo(Frame.LengthEncoding.BITS_16);
        byte[] w64 = Frame.text("hi").lengthEncoding(Frame.LengthEncoding.BITS_64).toBytes();
        assertThat(w64).isEqualTo(bytes(0x81, 127, 0, 0, 0, 0, 0, 0, 0, 2, 'h', 'i'));
        assertThat(FrameCodec.decode(w64).lengthEncoding()).isEqualTo(Frame.LengthEncoding.BITS_64);
        assertThat(FrameCodec.decode(Frame.text("hi").toBytes()).lengthEncoding())
                .isEqualTo(Frame.LengthEncoding.MINIMAL);
    }

    @Test
    @DisplayName("illegal frames: reserved bits, reserved opcodes, fragmented control frames round-trip")
    void illegalFrames() {
        Frame f = Frame.of(0xB, new byte[] {1, 2}).rsv(0b101).fin(false).masked(KEY);
        byte[] wire = f.toBytes();
        assertThat(wire[0] & 0xff).isEqualTo(0x5B);
        assertThat(FrameCodec.decode(wire)).isEqualTo(f);
        assertThat(f.toString()).contains("RESERVED(0xb)", "nofin", "rsv=0b101", "masked");
    }

    @Test
    @DisplayName("a 64-bit length with the top bit set, or above the limit, is a WsProtocolException")
    void undecodableLengths() {
        byte[] huge = bytes(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1);
        assertThatThrownBy(() -> FrameCodec.decode(huge)).isInstanceOf(WsProtocolException.class)
                .hasMessageContaining("most significant bit");
        FrameDecoder small = new FrameDecoder(10);
        small.feed(Frame.binary(new byte[11]).toBytes(), 0, 13);
        assertThatThrownBy(small::next).isInstanceOf(WsProtocolException.class)
                .hasMessageContaining("11 bytes, above the limit of 10");
        assertThatThrownBy(small::next).as("the stream stays unusable").isInstanceOf(WsProtocolException.class);
    }

    @Test
    @DisplayName("decode() of a partial frame or trailing bytes names the problem")
    void partialAndTrailing() {
        byte[] wire = Frame.text("Hello").toBytes();
        assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOf(wire, 4))).isInstanceOf(WsProtocolException.class)
                .hasMessageContaining("incomplete frame: 4 bytes");
        assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOf(wire, wire.length + 2)))
                .isInstanceOf(WsProtocolException.class).hasMessageContaining("2 bytes left over");
    }

    @Test
    @DisplayName("masking is its own inverse and starts at key offset 0")
    void masking() {
        byte[] data = "Hello".getBytes(StandardCharsets.UTF_8);
        byte[] masked = FrameCodec.unmask(data, KEY);
        assertThat(masked).isEqualTo(bytes(0x7f, 0x9f, 0x4d, 0x51, 0x58));
        assertThat(FrameCodec.unmask(masked, KEY)).isEqualTo(data);
    }

    @Test
    @DisplayName("builders reject values that do not fit the header")
    void builderValidation() {
        assertThatThrownBy(() -> Frame.of(16, new byte[0])).hasMessageContaining("4 bits");
        assertThatThrownBy(() -> Frame.text("x").rsv(8)).hasMessageContaining("3 bits");
        assertThatThrownBy(() -> Frame.text("x").masked(new byte[3])).hasMessageContaining("4 bytes");
        assertThatThrownBy(() -> Frame.binary(new byte[126]).lengthEncoding(Frame.LengthEncoding.BITS_7))
                .hasMessageContaining("7-bit");
    }
}
