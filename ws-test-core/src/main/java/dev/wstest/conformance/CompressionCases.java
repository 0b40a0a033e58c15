package dev.wstest.conformance;

import static dev.wstest.conformance.ConformanceCatalogue.c;
import static dev.wstest.conformance.ConformanceCatalogue.size;

import dev.wstest.protocol.DeflateOffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Autobahn's 12.x and 13.x (case12_x_x.py): 1000 messages, each sent after the echo of the one before,
 * compressed with permessage-deflate, whole or in frames of a fixed size, and compared byte for byte with
 * what comes back. 12.x tries five kinds of payload with the default offer, 13.x one payload with seven
 * offers. A server that does not accept the offer makes the case UNIMPLEMENTED.
 *
 * <p>Autobahn slices its messages from five test files (a JSON file, a bitmap, Goethe's Faust, an HTML
 * page, a PDF) that cannot be redistributed here. These cases slice them from generated data of the
 * same kind (text or binary, and similarly compressible), so that sizes, counts, fragmentation,
 * offers and verdict rules are Autobahn's but the bytes are not.
 */
final class CompressionCases {

    private CompressionCases() {
    }

    /** Autobahn's MSG_SIZES: payload size, time limit in seconds, auto-fragment size (0: one frame). */
    private static final int[][] MESSAGES = {
        {16, 60, 0}, {64, 60, 0}, {256, 120, 0}, {1024, 240, 0}, {4096, 480, 0}, {8192, 480, 0}, {16384, 480, 0},
        {32768, 480, 0}, {65536, 480, 0}, {131072, 480, 0},
        {8192, 480, 256}, {16384, 480, 256}, {32768, 480, 256}, {65536, 480, 256}, {131072, 480, 256},
        {131072, 480, 1024}, {131072, 480, 4096}, {131072, 480, 32768},
    };
    private static final int COUNT = 1000;

    /** The payload kinds of 12.1-12.5, in Autobahn's order. */
    private enum Payload {
        JSON("Large JSON data (generated)", false, 194_237, CompressionCases::json),
        BITMAP("A 512x512 grey bitmap (generated)", true, 263_222, CompressionCases::bitmap),
        PROSE("Human-readable German prose (generated)", true, 222_218, CompressionCases::prose),
        HTML("Large HTML page (generated)", false, 83_711, CompressionCases::html),
        PDF_LIKE("Mostly incompressible binary with text structure, like a PDF (generated)", true, 1_042_328,
                CompressionCases::pdfLike);

        final String title;
        final boolean binary;
        final int size;
        private final java.util.function.IntFunction<byte[]> generator;
        private byte[] data;

        Payload(String title, boolean binary, int size, java.util.function.IntFunction<byte[]> generator) {
            this.title = title;
            this.binary = binary;
            this.size = size;
            this.generator = generator;
        }

        synchronized byte[] data() {
            if (data == null) {
                data = generator.apply(size);
            }
            return data;
        }
    }

    private static final DeflateOffer DEFAULT_OFFER = DeflateOffer.standard().withClientNoContextTakeover();

    static void addTo(List<ConformanceCase> all) {
        Payload[] kinds = Payload.values();
        for (int j = 0; j < kinds.length; j++) {
            Payload p = kinds[j];
            for (int i = 0; i < MESSAGES.length; i++) {
                all.add(build("12." + (j + 1) + "." + (i + 1), Category.COMPRESSION, p, MESSAGES[i],
                        List.of(DEFAULT_OFFER), "the default offer"));
            }
        }
        List<List<DeflateOffer>> offers = List.of(
                List.of(DEFAULT_OFFER),
                List.of(DEFAULT_OFFER.withServerNoContextTakeover()),
                List.of(DEFAULT_OFFER.withServerMaxWindowBits(8)),
                List.of(DEFAULT_OFFER.withServerMaxWindowBits(15)),
                List.of(DEFAULT_OFFER.withServerNoContextTakeover().withServerMaxWindowBits(8)),
                List.of(DEFAULT_OFFER.withServerNoContextTakeover().withServerMaxWindowBits(15)),
                List.of(DEFAULT_OFFER.withServerNoContextTakeover().withServerMaxWindowBits(8),
                        DEFAULT_OFFER.withServerNoContextTakeover(), DEFAULT_OFFER));
        for (int j = 0; j < offers.size(); j++) {
            List<DeflateOffer> o = offers.get(j);
            String words = "the offer" + (o.size() > 1 ? "s " : " ") + o.stream().map(x -> "\"" + x.headerValue() + "\"")
                    .reduce((a, b) -> a + ", " + b).orElse("");
            for (int i = 0; i < MESSAGES.length; i++) {
                all.add(build("13." + (j + 1) + "." + (i + 1), Category.COMPRESSION_PARAMETERS, Payload.JSON,
                        MESSAGES[i], o, words));
            }
        }
    }

    private static ConformanceCase build(String id, Category cat, Payload p, int[] message, List<DeflateOffer> offers,
                                         String offerWords) {
        int len = message[0];
        int wait = message[1];
        int frag = message[2];
        return c(id, cat, "Send " + COUNT + " compressed " + (p.binary ? "binary" : "text") + " messages of "
                + size(len) + (frag > 0 ? " in frames of " + size(frag) : "") + " (" + p.title + "), with "
                + offerWords, "Each echoed unchanged, in order, within " + wait + " s in all; permessage-deflate"
                + " as RFC 7692 defines it")
                .deflate(offers.toArray(new DeflateOffer[0])).judgedByScript().timeLimit(wait + 5)
                .sends(d -> exchange(d, p, len, frag, wait)).build();
    }

    private static void exchange(CaseDriver d, Payload p, int len, int frag, int wait) {
        d.closeAfter(wait);
        byte[] data = p.data();
        int ptr = 0;
        for (int n = 1; n <= COUNT; n++) {
            byte[] msg = new byte[len];
            for (int k = 0; k < len; k++) {
                msg[k] = data[(ptr + k) % data.length];
            }
            ptr = (ptr + len) % data.length;
            d.sendMessage(msg, p.binary, frag);
            Optional<Expected> echo = d.awaitMessage();
            if (echo.isEmpty()) {
                d.judge(Verdict.FAILED, "received " + (n - 1) + " of " + COUNT + " echoes within " + wait + " s");
                return;
            }
            Expected m = echo.get();
            String problem = m.kind() != (p.binary ? Expected.Kind.BINARY : Expected.Kind.TEXT) ? "a " + m.kind()
                    + " message" : m.size() != len ? m.size() + " bytes" : !java.util.Arrays.equals(msg, m.payloadUnsafe())
                    ? "different bytes" : null;
            if (problem != null) {
                d.judge(Verdict.FAILED, "echo " + n + " differs from what was sent: " + problem);
                d.close(1000, null);
                return;
            }
        }
        d.judge(Verdict.OK, "received all " + COUNT + " echoes, decompressed, in time");
        d.close(1000, null);
    }

    // ------------------------------------------------------------------ generated payloads

    private static final String[] WORDS = {"user", "name", "value", "items", "created", "status", "active",
        "deleted", "price", "currency", "EUR", "USD", "description", "a", "the", "quick", "brown", "fox", "id",
        "tags", "websocket", "message", "server", "client", "frame", "window", "context"};

    private static byte[] text(int size, Supplier<String> piece) {
        StringBuilder sb = new StringBuilder(size + 256);
        while (sb.length() < size) {
            sb.append(piece.get());
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        int end = size;
        while (end > 0 && (b[end - 1] & 0xC0) == 0x80) {
            end--; // do not cut a multi-byte character (text messages must stay valid UTF-8)
        }
        if (end > 0 && (b[end - 1] & 0x80) != 0) {
            end--;
        }
        byte[] out = java.util.Arrays.copyOf(b, size);
        java.util.Arrays.fill(out, end, size, (byte) ' ');
        return out;
    }

    private static byte[] json(int size) {
        SplittableRandom r = new SplittableRandom(12_1);
        return text(size, () -> "{\"" + WORDS[r.nextInt(WORDS.length)] + "\": " + r.nextInt(100_000) + ", \""
                + WORDS[r.nextInt(WORDS.length)] + "\": \"" + WORDS[r.nextInt(WORDS.length)] + " "
                + WORDS[r.nextInt(WORDS.length)] + "\", \"ok\": " + r.nextBoolean() + "},\n");
    }

    private static byte[] html(int size) {
        SplittableRandom r = new SplittableRandom(12_4);
        return text(size, () -> "<div class=\"" + WORDS[r.nextInt(WORDS.length)] + "\"><a href=\"/"
                + WORDS[r.nextInt(WORDS.length)] + "/" + r.nextInt(1000) + "\">" + WORDS[r.nextInt(WORDS.length)]
                + "</a> <span>" + WORDS[r.nextInt(WORDS.length)] + "</span></div>\n");
    }

    private static byte[] prose(int size) {
        String[] words = {"Habe", "nun", "ach", "Philosophie", "Juristerei", "und", "Medizin", "leider", "auch",
            "Theologie", "durchaus", "studiert", "mit", "heißem", "Bemühn", "da", "steh", "ich", "armer", "Tor",
            "bin", "so", "klug", "als", "wie", "zuvor", "Geister", "Nacht", "über", "Mond", "Stürme"};
        SplittableRandom r = new SplittableRandom(12_3);
        return text(size, () -> words[r.nextInt(words.length)] + (r.nextInt(9) == 0 ? ",\n" : " "));
    }

    private static byte[] bitmap(int size) {
        SplittableRandom r = new SplittableRandom(12_2);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            int x = i % 512;
            int y = i / 512;
            out[i] = (byte) ((x + y) / 4 + (int) (16 * Math.sin(x / 37.0) * Math.cos(y / 23.0)) + r.nextInt(6));
        }
        return out;
    }

    private static byte[] pdfLike(int size) {
        SplittableRandom r = new SplittableRandom(12_5);
        byte[] out = new byte[size];
        int i = 0;
        int obj = 1;
        while (i < size) {
            byte[] head = (obj++ + " 0 obj\n<< /Length 4096 /Filter /FlateDecode >>\nstream\n")
                    .getBytes(StandardCharsets.US_ASCII);
            for (byte b : head) {
                if (i < size) {
                    out[i++] = b;
                }
            }
            for (int k = 0; k < 4096 && i < size; k++) {
                out[i++] = (byte) r.nextInt(256);
            }
        }
        return out;
    }
}
