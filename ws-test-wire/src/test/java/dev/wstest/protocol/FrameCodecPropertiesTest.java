package dev.wstest.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the codec: every frame shape survives encode/decode, in one piece or fed in arbitrary
 * chunks; random bytes never hang the decoder or make it throw anything but {@link WsProtocolException}.
 */
class FrameCodecPropertiesTest {

    @Provide
    Arbitrary<Frame> frames() {
        Arbitrary<byte[]> payloads = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(130),
                Arbitraries.bytes().array(byte[].class).ofMinSize(65530).ofMaxSize(65540));
        Arbitrary<byte[]> keys = Arbitraries.bytes().array(byte[].class).ofSize(4).injectNull(0.4);
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 15), payloads, keys, Arbitraries.of(Frame.LengthEncoding.class))
                .as((fin, rsv, opcode, payload, key, enc) -> {
                    Frame f = Frame.of(opcode, payload).fin(fin).rsv(rsv);
                    if (key != null) {
                        f = f.masked(key);
                    }
                    if ((enc == Frame.LengthEncoding.BITS_7 && payload.length > 125)
                            || (enc == Frame.LengthEncoding.BITS_16 && payload.length > 0xFFFF)) {
                        enc = Frame.LengthEncoding.BITS_64;
                    }
                    return f.lengthEncoding(enc);
                });
    }

    private static Frame normalized(Frame f) {
        return f.lengthEncoding() == FrameCodec.minimalFor(f.payloadLength()) ? f.lengthEncoding(Frame.LengthEncoding.MINIMAL) : f;
    }

    @Property(tries = 300, edgeCases = net.jqwik.api.EdgeCasesMode.FIRST)
    void encodeThenDecodeIsIdentity(@ForAll("frames") Frame frame) {
        assertThat(FrameCodec.decode(FrameCodec.encode(frame))).isEqualTo(normalized(frame));
    }

    @Property(tries = 200, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void decodingInArbitraryChunksGivesTheSameFrames(@ForAll("frames") Frame a, @ForAll("frames") Frame b,
                                                     @ForAll @IntRange(min = 1, max = 70000) int chunk) {
        byte[] ea = a.toBytes();
        byte[] eb = b.toBytes();
        byte[] all = new byte[ea.length + eb.length];
        System.arraycopy(ea, 0, all, 0, ea.length);
        System.arraycopy(eb, 0, all, ea.length, eb.length);
        FrameDecoder d = new FrameDecoder();
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < all.length; i += chunk) {
            d.feed(all, i, Math.min(chunk, all.length - i));
            Frame f;
            while ((f = d.next()) != null) {
                out.add(f);
            }
        }
        assertThat(out).containsExactly(normalized(a), normalized(b));
        assertThat(d.buffered()).isZero();
    }

    @Property(tries = 1000)
    void randomBytesNeverThrowAnythingButWsProtocolException(@ForAll @Size(max = 300) byte[] bytes,
                                                             @ForAll @IntRange(min = 1, max = 64) int chunk) {
        FrameDecoder d = new FrameDecoder(1 << 16);
        long consumed = 0;
        try {
            for (int i = 0; i < bytes.length; i += chunk) {
                d.feed(bytes, i, Math.min(chunk, bytes.length - i));
                Frame f;
                while ((f = d.next()) != null) {
                    consumed += f.toBytes().length;
                }
            }
            assertThat(consumed + d.buffered()).as("every byte is either in a frame or still buffered")
                    .isEqualTo(bytes.length);
        } catch (WsProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void closePayloadRoundTrip(@ForAll @IntRange(min = 1000, max = 4999) int code,
                               @ForAll @Size(max = 40) String reason) {
        if (!CloseCodes.isSendable(code) || reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            return;
        }
        ClosePayload p = ClosePayload.decode(ClosePayload.of(code, reason).toBytes());
        assertThat(p.code()).hasValue(code);
        assertThat(p.reason()).isEqualTo(reason);
    }

    @Property(tries = 500)
    void utf8ValidatorAgreesWithTheJdkOnRandomBytes(@ForAll @Size(max = 12) byte[] bytes) {
        boolean jdk;
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            jdk = true;
        } catch (java.nio.charset.CharacterCodingException e) {
            jdk = false;
        }
        assertThat(Utf8Validator.isValid(bytes)).isEqualTo(jdk);
    }
}
