package dev.wstest.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** permessage-deflate (RFC 7692): negotiation both ways, compression with every window size and context rule. */
@Timeout(60)
class PerMessageDeflateTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Text that compresses like real messages do, with repeats far apart and close by. */
    static byte[] sample(int size, long seed) {
        Random r = new Random(seed);
        String[] words = {"{\"id\":", "\"name\":\"", "alice", "bob", "\"tags\":[", "\"score\":", "],", "},", "true",
                "false", "null", "websocket", "deflate", "window"};
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 32);
        while (out.size() < size) {
            out.writeBytes(text(words[r.nextInt(words.length)]));
            out.writeBytes(text(Integer.toString(r.nextInt(100_000))));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }

    @Nested
    @DisplayName("decompression: the byte vectors of RFC 7692 section 7.2.3")
    class RfcVectors {

        @Test
        @DisplayName("7.2.3.1 \"Hello\" compressed; 7.2.3.2 the second \"Hello\" with context takeover")
        void helloTwice() {
            try (PerMessageInflater in = new PerMessageInflater(false, 1024)) {
                assertThat(in.decompress(hex("f2 48 cd c9 c9 07 00"))).isEqualTo(text("Hello"));
                assertThat(in.decompress(hex("f2 00 11 00 01 00"))).as("refers back into the first message")
                        .isEqualTo(text("Hello"));
            }
        }

        @Test
        @DisplayName("7.2.3.3 a stored (uncompressed) block; 7.2.3.4 a block with BFINAL set")
        void storedAndFinal() {
            try (PerMessageInflater in = new PerMessageInflater(false, 1024)) {
                assertThat(in.decompress(hex("00 05 00 fa ff 48 65 6c 6c 6f 00"))).isEqualTo(text("Hello"));
                assertThat(in.decompress(hex("f3 48 cd c9 c9 07 00 00"))).isEqualTo(text("Hello"));
                assertThat(in.decompress(hex("f2 48 cd c9 c9 07 00"))).as("a final block ended the stream; the next"
                        + " message starts a new one").isEqualTo(text("Hello"));
            }
        }

        @Test
        @DisplayName("garbage and deflate bombs are refused with WsProtocolException")
        void refusals() {
            try (PerMessageInflater in = new PerMessageInflater(true, 1000)) {
                assertThatThrownBy(() -> in.decompress(hex("ff ff ff ff"))).isInstanceOf(WsProtocolException.class)
                        .hasMessageContaining("not valid DEFLATE data");
                byte[] bomb;
                try (PerMessageDeflater d = new PerMessageDeflater(15, true, Deflater.BEST_COMPRESSION)) {
                    bomb = d.compress(new byte[100_000]);
                }
                assertThatThrownBy(() -> in.decompress(bomb)).isInstanceOf(WsProtocolException.class)
                        .hasMessageContaining("more than 1000 bytes");
                assertThat(in.decompress(hex("f2 48 cd c9 c9 07 00"))).as("usable after a refusal")
                        .isEqualTo(text("Hello"));
            }
        }
    }

    @Nested
    @DisplayName("compression")
    class Compression {

        @Test
        @DisplayName("output has no 00 00 ff ff tail, and context takeover makes a repeated message smaller")
        void tailAndContext() {
            byte[] msg = sample(2000, 1);
            try (PerMessageDeflater keep = new PerMessageDeflater(15, false, Deflater.DEFAULT_COMPRESSION);
                 PerMessageDeflater reset = new PerMessageDeflater(15, true, Deflater.DEFAULT_COMPRESSION);
                 PerMessageInflater in = new PerMessageInflater(false, 1 << 20)) {
                byte[] first = keep.compress(msg);
                byte[] second = keep.compress(msg);
                assertThat(first).hasSizeLessThan(msg.length);
                assertThat(java.util.Arrays.copyOfRange(first, first.length - 4, first.length))
                        .isNotEqualTo(hex("00 00 ff ff"));
                assertThat(second).as("refers to the previous message").hasSizeLessThan(first.length / 4);
                assertThat(in.decompress(first)).isEqualTo(msg);
                assertThat(in.decompress(second)).isEqualTo(msg);
                assertThat(reset.compress(msg)).isEqualTo(reset.compress(msg)).hasSameSizeAs(first);
            }
        }

        @ParameterizedTest(name = "window bits {0}")
        @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
        @DisplayName("round trip for every window size, empty and large messages, with and without context takeover")
        void roundTrip(int bits) {
            for (boolean noContext : new boolean[] {false, true}) {
                try (PerMessageDeflater out = new PerMessageDeflater(bits, noContext, Deflater.DEFAULT_COMPRESSION);
                     PerMessageInflater in = new PerMessageInflater(noContext, 1 << 22)) {
                    for (byte[] m : List.of(new byte[0], text("x"), sample(70_000, bits), sample(300, 2), new byte[0])) {
                        assertThat(in.decompress(out.compress(m))).isEqualTo(m);
                    }
                }
            }
        }

        @Test
        @DisplayName("a small window is honoured: python3's zlib, limited to that window, inflates every message")
        void windowCheckedByZlib(@TempDir Path dir) throws Exception {
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
            byte[] msg = sample(40_000, 7);
            StringBuilder lines = new StringBuilder();
            for (int bits = 8; bits <= 15; bits++) {
                for (boolean noContext : new boolean[] {false, true}) {
                    try (PerMessageDeflater d = new PerMessageDeflater(bits, noContext, Deflater.DEFAULT_COMPRESSION)) {
                        for (int i = 0; i < 3; i++) {
                            lines.append(bits).append(' ').append(noContext).append(' ')
                                    .append(HexFormat.of().formatHex(d.compress(msg))).append('\n');
                        }
                    }
                }
            }
            assertThat(zlibCheck(dir, lines.toString(), msg)).isEqualTo("ok 48");
            // the check can fail: a 32 KiB-window stream is refused by a 256-byte-window inflater
            try (PerMessageDeflater wide = new PerMessageDeflater(15, false, Deflater.DEFAULT_COMPRESSION)) {
                String line = "8 false " + HexFormat.of().formatHex(wide.compress(msg)) + "\n";
                assertThat(zlibCheck(dir, line, msg)).startsWith("error");
            }
        }

        private String zlibCheck(Path dir, String lines, byte[] msg) throws IOException, InterruptedException {
            Path data = dir.resolve("streams.txt");
            Path expected = dir.resolve("message.bin");
            Files.writeString(data, lines);
            Files.write(expected, msg);
            String script = String.join("\n",
                    "import sys, zlib",
                    "msg = open(sys.argv[2], 'rb').read()",
                    "ctx = {}",
                    "n = 0",
                    "try:",
                    "    for line in open(sys.argv[1]):",
                    "        bits, reset, h = line.split()",
                    "        key = (bits, reset)",
                    "        if reset == 'true' or key not in ctx:",
                    "            ctx[key] = zlib.decompressobj(-int(bits))",
                    "        out = ctx[key].decompress(bytes.fromhex(h) + b'\\x00\\x00\\xff\\xff')",
                    "        assert out == msg, 'wrong bytes'",
                    "        n += 1",
                    "    print('ok', n)",
                    "except Exception as e:",
                    "    print('error', e)");
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, data.toString(), expected.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return out;
        }
    }

    @Nested
    @DisplayName("negotiation")
    class Negotiation {

        @Test
        @DisplayName("offers render as RFC 7692 writes them")
        void offers() {
            assertThat(DeflateOffer.standard().headerValue()).isEqualTo("permessage-deflate; client_max_window_bits");
            assertThat(DeflateOffer.plain().withServerNoContextTakeover().withServerMaxWindowBits(10)
                    .withClientNoContextTakeover().withClientMaxWindowBits(12).headerValue())
                    .isEqualTo("permessage-deflate; client_no_context_takeover; client_max_window_bits=12;"
                            + " server_no_context_takeover; server_max_window_bits=10");
            assertThatThrownBy(() -> DeflateOffer.plain().withServerMaxWindowBits(16))
                    .hasMessageContaining("server_max_window_bits must be 8-15");
        }

        @Test
        @DisplayName("client side: the response sets up the parameters of the offer it answers")
        void clientSide() {
            DeflateOffer standard = DeflateOffer.standard();
            assertThat(DeflateParameters.fromResponse(List.of(standard), null)).isEmpty();
            assertThat(DeflateParameters.fromResponse(List.of(standard), "x-webkit-deflate-frame")).isEmpty();
            assertThat(DeflateParameters.fromResponse(List.of(standard), "permessage-deflate")).contains(
                    DeflateParameters.defaults());
            assertThat(DeflateParameters.fromResponse(List.of(standard),
                    "permessage-deflate; server_no_context_takeover; client_max_window_bits=12")).contains(
                    new DeflateParameters(true, false, 15, 12));
            DeflateOffer asks8 = DeflateOffer.standard().withClientNoContextTakeover().withServerMaxWindowBits(8);
            assertThat(DeflateParameters.fromResponse(List.of(asks8), "permessage-deflate; server_max_window_bits=8"))
                    .as("the client's own no-context-takeover hint holds").contains(new DeflateParameters(false, true, 8, 15));
            assertThat(DeflateParameters.fromResponse(List.of(asks8, standard), "permessage-deflate"))
                    .as("answers the second offer").contains(DeflateParameters.defaults());
        }

        @Test
        @DisplayName("client side: responses a client must fail the connection for name the rule")
        void badResponses() {
            List<DeflateOffer> plain = List.of(DeflateOffer.plain());
            assertThatThrownBy(() -> DeflateParameters.fromResponse(plain, "permessage-deflate; client_max_window_bits=10"))
                    .isInstanceOf(WsProtocolException.class).hasMessageContaining("does not allow it (RFC 7692 section 7.1.2.2)");
            assertThatThrownBy(() -> DeflateParameters.fromResponse(plain, "permessage-deflate; foo"))
                    .hasMessageContaining("unknown parameter foo");
            assertThatThrownBy(() -> DeflateParameters.fromResponse(plain,
                    "permessage-deflate; server_no_context_takeover; server_no_context_takeover"))
                    .hasMessageContaining("appears twice");
            assertThatThrownBy(() -> DeflateParameters.fromResponse(plain, "permessage-deflate; server_max_window_bits=7"))
                    .hasMessageContaining("server_max_window_bits=7 is not 8-15");
            assertThatThrownBy(() -> DeflateParameters.fromResponse(plain, "permessage-deflate, permessage-deflate"))
                    .hasMessageContaining("2 times");
            assertThatThrownBy(() -> DeflateParameters.fromResponse(List.of(), "permessage-deflate"))
                    .hasMessageContaining("did not offer it");
            assertThatThrownBy(() -> DeflateParameters.fromResponse(
                    List.of(DeflateOffer.plain().withServerNoContextTakeover()), "permessage-deflate"))
                    .hasMessageContaining("asked for server_no_context_takeover");
        }

        @Test
        @DisplayName("server side: offers parsed in order, bad ones declined, accepted as asked or tighter")
        void serverSide() {
            List<DeflateOffer> offers = DeflateOffer.parseAll("x-foo, permessage-deflate; server_max_window_bits=20,"
                    + " permessage-deflate; client_max_window_bits; server_no_context_takeover, permessage-deflate");
            assertThat(offers).containsExactly(DeflateOffer.standard().withServerNoContextTakeover(),
                    DeflateOffer.plain());
            DeflateOffer first = offers.get(0);
            DeflateParameters accepted = first.accept(new DeflateParameters(false, true, 15, 10));
            assertThat(accepted).isEqualTo(new DeflateParameters(true, true, 15, 10));
            String response = first.responseFor(accepted);
            assertThat(response).isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                    + " client_max_window_bits=10");
            assertThat(DeflateParameters.fromResponse(List.of(first), response)).as("the client reads it back")
                    .isEqualTo(Optional.of(accepted));
            DeflateOffer asks9 = DeflateOffer.plain().withServerMaxWindowBits(9);
            assertThat(asks9.responseFor(asks9.accept(DeflateParameters.defaults())))
                    .isEqualTo("permessage-deflate; server_max_window_bits=9");
            assertThat(DeflateOffer.plain().accept(new DeflateParameters(false, false, 15, 9)).clientMaxWindowBits())
                    .as("cannot limit a client that did not offer client_max_window_bits").isEqualTo(15);
        }
    }
}
