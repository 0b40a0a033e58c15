package dev.wstest.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameReaderTest {

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    @DisplayName("payload arrives piece by piece, unmasked, into the array the handler keeps")
    void payloadInPieces() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        byte[] wire = Frame.binary(data).masked(new byte[] {1, 2, 3, 4}).toBytes();
        List<int[]> pieces = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        FrameReader reader = new FrameReader(1 << 20);
        FrameReader.Handler handler = new FrameReader.Handler() {
            @Override
            public boolean payload(FrameHeader header, byte[] payload, int from, int to) {
                pieces.add(new int[] {from, to});
                assertThat(Arrays.copyOfRange(payload, from, to)).isEqualTo(Arrays.copyOfRange(data, from, to));
                return true;
            }

            @Override
            public boolean frame(FrameHeader header, byte[] payload) {
                assertThat(header.masked()).isTrue();
                assertThat(header.maskKeyHex()).isEqualTo("0x01020304");
                frames.add(payload);
                return true;
            }
        };
        for (int i = 0; i < wire.length; i += 333) {
            assertThat(reader.feed(ByteBuffer.wrap(wire, i, Math.min(333, wire.length - i)).slice(), handler))
                    .isEqualTo(Math.min(333, wire.length - i));
        }
        assertThat(frames).singleElement().satisfies(p -> assertThat(p).isEqualTo(data));
        assertThat(pieces).hasSizeGreaterThan(2);
    }

    @Test
    @DisplayName("a handler that stops learns the offset of the frame it stopped at")
    void stopOffsets() {
        byte[] a = Frame.text("a").toBytes();
        byte[] b = Frame.text("bb").toBytes();
        FrameReader reader = new FrameReader(100);
        int[] seen = {0};
        FrameReader.Handler stopAtSecondHeader = new FrameReader.Handler() {
            @Override
            public boolean header(FrameHeader header) {
                return ++seen[0] < 2;
            }

            @Override
            public boolean frame(FrameHeader header, byte[] payload) {
                return true;
            }
        };
        assertThat(reader.feed(ByteBuffer.wrap(concat(a, b, a)), stopAtSecondHeader)).isEqualTo(a.length);
        assertThat(reader.isStopped()).isTrue();
        assertThat(reader.feed(ByteBuffer.wrap(a), stopAtSecondHeader)).isZero();
    }

    @Test
    @DisplayName("a header declaring a huge payload allocates with the bytes that arrive, not with the declaration")
    void hugeDeclarationCostsNothingUpFront() {
        byte[] header = {(byte) 0x82, 127, 0, 0, 0, 0, 0x40, 0, 0, 0}; // 1 GiB
        FrameReader reader = new FrameReader(Integer.MAX_VALUE - 16);
        int[] capacity = {0};
        FrameReader.Handler handler = new FrameReader.Handler() {
            @Override
            public boolean payload(FrameHeader h, byte[] payload, int from, int to) {
                capacity[0] = payload.length;
                return true;
            }

            @Override
            public boolean frame(FrameHeader h, byte[] payload) {
                return true;
            }
        };
        reader.feed(ByteBuffer.wrap(concat(header, new byte[10])), handler);
        assertThat(capacity[0]).isEqualTo(FrameReader.EXACT_ALLOCATION);
        assertThat(reader.currentHeader().payloadLength()).isEqualTo(1L << 30);
    }

    @Test
    @DisplayName("an undecodable length fails, after the frames before it, and says where")
    void failure() {
        byte[] ok = Frame.text("ok").toBytes();
        byte[] bad = {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1};
        FrameReader reader = new FrameReader(100);
        List<String> texts = new ArrayList<>();
        assertThatThrownBy(() -> reader.feed(ByteBuffer.wrap(concat(ok, bad)), (h, p) -> texts.add(new String(p))))
                .isInstanceOf(WsProtocolException.class).hasMessageContaining("most significant bit");
        assertThat(texts).containsExactly("ok");
        assertThat(reader.problem()).isEqualTo(FrameReader.Problem.LENGTH_MSB_SET);
        assertThat(reader.failureOffset()).isEqualTo(ok.length);
    }

    @Test
    @DisplayName("unmasking eight bytes at a time equals the byte-wise XOR at every offset")
    void wideUnmask() {
        byte[] key = {(byte) 0x9a, 0x01, (byte) 0xfe, 0x42};
        int keyInt = 0x9a01fe42;
        for (int from = 0; from < 9; from++) {
            for (int to = from; to < from + 40; to++) {
                byte[] data = new byte[64];
                Arrays.fill(data, (byte) 0x5c);
                byte[] expected = data.clone();
                for (int i = from; i < to; i++) {
                    expected[i] ^= key[i & 3];
                }
                FrameReader.unmask(data, from, to, keyInt);
                assertThat(data).as("from %d to %d", from, to).isEqualTo(expected);
            }
        }
    }
}
