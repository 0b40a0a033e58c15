package dev.wstest.conformance;

import static dev.wstest.conformance.Expected.binary;
import static dev.wstest.conformance.Expected.pong;
import static dev.wstest.conformance.Expected.text;

import dev.wstest.protocol.ClosePayload;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Utf8Validator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in cases, modelled on Autobahn|Testsuite's server cases 1.x-7.x and 9.x (with 9.x scaled down
 * to messages of at most 1 MiB so that a run takes seconds), plus a few of ws-test's own where Autobahn's
 * client cannot misbehave (1.3.x: unmasked client frames, non-minimal and impossible lengths).
 */
public final class ConformanceCatalogue {

    private ConformanceCatalogue() {
    }

    /** Every built-in case, in id order. */
    public static List<ConformanceCase> all() {
        return ALL;
    }

    /** The built-in cases by category. */
    public static Map<Category, List<ConformanceCase>> byCategory() {
        Map<Category, List<ConformanceCase>> map = new EnumMap<>(Category.class);
        for (ConformanceCase c : ALL) {
            map.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c);
        }
        return map;
    }

    /** The case with this id. */
    public static ConformanceCase byId(String id) {
        for (ConformanceCase c : ALL) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no conformance case " + id + "; ids run from " + ALL.get(0).id()
                + " to " + ALL.get(ALL.size() - 1).id());
    }

    // ---------------------------------------------------------------- helpers

    private static final String SEC_5_6 = "RFC 6455 section 5.6";

    static byte[] fill(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String hex) {
        String h = hex.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static ConformanceCase.Builder c(String id, Category cat, String description, String requirement) {
        return ConformanceCase.builder(id, cat).description(description).requirement(requirement);
    }

    // ---------------------------------------------------------------- 1.x framing

    private static void framing(List<ConformanceCase> all) {
        int[] lengths = {0, 125, 126, 127, 128, 65535, 65536};
        for (int i = 0; i < lengths.length; i++) {
            int n = lengths[i];
            byte[] p = fill(n, '*');
            all.add(c("1.1." + (i + 1), Category.FRAMING, "Send a text message with a payload of length " + n,
                    "Echo of the text message (" + n + " bytes); RFC 6455 section 5.2 length encoding")
                    .sends(d -> d.send(Frame.text(p))).expect(text(p)).build());
        }
        byte[] p8 = fill(65536, '*');
        all.add(c("1.1.8", Category.FRAMING, "Send a 65536-byte text message in pieces of 997 bytes",
                "Echo of the text message; a frame may arrive in any number of TCP segments")
                .sends(d -> d.sendChopped(Frame.text(p8), 997)).expect(text(p8)).build());
        for (int i = 0; i < lengths.length; i++) {
            int n = lengths[i];
            byte[] p = fill(n, (char) 0xfe);
            all.add(c("1.2." + (i + 1), Category.FRAMING, "Send a binary message with a payload of length " + n,
                    "Echo of the binary message (" + n + " bytes)")
                    .sends(d -> d.send(Frame.binary(p))).expect(binary(p)).build());
        }
        byte[] b8 = fill(65536, (char) 0xfe);
        all.add(c("1.2.8", Category.FRAMING, "Send a 65536-byte binary message in pieces of 997 bytes",
                "Echo of the binary message").sends(d -> d.sendChopped(Frame.binary(b8), 997)).expect(binary(b8)).build());

        all.add(c("1.3.1", Category.FRAMING, "Send an UNMASKED text frame \"Hello, world!\"",
                "The server must fail the connection: a server MUST close the connection upon receiving an unmasked"
                        + " frame (RFC 6455 section 5.1), close code 1002")
                .sends(d -> d.sendAsIs(Frame.text("Hello, world!"))).serverFails(1002).build());
        all.add(c("1.3.2", Category.FRAMING, "Send an UNMASKED ping",
                "The server must fail the connection (RFC 6455 section 5.1), close code 1002")
                .sends(d -> d.sendAsIs(Frame.ping(utf8("unmasked")))).serverFails(1002).build());
        all.add(c("1.3.3", Category.FRAMING, "Send \"Hello\" with a 16-bit length field (non-minimal encoding)",
                "Undefined: senders MUST use the minimal length encoding (RFC 6455 section 5.2); receivers may"
                        + " accept or fail")
                .sends(d -> d.send(Frame.text("Hello").lengthEncoding(Frame.LengthEncoding.BITS_16)))
                .expect(text("Hello")).informational().build());
        all.add(c("1.3.4", Category.FRAMING, "Send \"Hello\" with a 64-bit length field (non-minimal encoding)",
                "Undefined: senders MUST use the minimal length encoding (RFC 6455 section 5.2)")
                .sends(d -> d.send(Frame.text("Hello").lengthEncoding(Frame.LengthEncoding.BITS_64)))
                .expect(text("Hello")).informational().build());
        all.add(c("1.3.5", Category.FRAMING, "Send a frame header declaring a 64-bit length with the top bit set",
                "The server must fail the connection: the most significant bit of a 64-bit length MUST be 0"
                        + " (RFC 6455 section 5.2); close 1002 or 1009")
                .sends(d -> d.sendRaw(hex("82 ff 80 00 00 00 00 00 00 01 01 02 03 04")))
                .serverFails(1002, 1009).build());
        byte[] twoInOne = utf8("first");
        all.add(c("1.3.6", Category.FRAMING, "Send two text messages in one TCP write",
                "Echo of both messages, in order").sends(d -> d.send(Frame.text(twoInOne), Frame.text("second")))
                .expect(text(twoInOne), text("second")).build());
        all.add(c("1.3.7", Category.FRAMING, "Send a text frame one byte at a time",
                "Echo of the message; the server must reassemble the frame from single bytes")
                .sends(d -> d.sendChopped(Frame.text("byte by byte"), 1)).expect(text("byte by byte")).build());
    }

    // ---------------------------------------------------------------- 2.x pings

    private static void pings(List<ConformanceCase> all) {
        String pongRule = "A pong with the ping's payload (RFC 6455 section 5.5.3)";
        all.add(c("2.1", Category.PINGS_AND_PONGS, "Send a ping without payload", pongRule)
                .sends(d -> d.send(Frame.ping(new byte[0]))).expect(pong(new byte[0])).build());
        all.add(c("2.2", Category.PINGS_AND_PONGS, "Send a ping with a small text payload", pongRule)
                .sends(d -> d.send(Frame.ping(utf8("Hello, world!")))).expect(pong("Hello, world!")).build());
        byte[] bin = hex("00 ff fe fd fc fb 00 ff");
        all.add(c("2.3", Category.PINGS_AND_PONGS, "Send a ping with a small binary (non UTF-8) payload", pongRule)
                .sends(d -> d.send(Frame.ping(bin))).expect(pong(bin)).build());
        byte[] p125 = fill(125, (char) 0xfe);
        all.add(c("2.4", Category.PINGS_AND_PONGS, "Send a ping with a 125-byte binary payload", pongRule)
                .sends(d -> d.send(Frame.ping(p125))).expect(pong(p125)).build());
        byte[] p126 = fill(126, (char) 0xfe);
        all.add(c("2.5", Category.PINGS_AND_PONGS, "Send a ping with a 126-byte payload",
                "The server must fail the connection: control frames carry at most 125 bytes (RFC 6455 section"
                        + " 5.5), close 1002")
                .sends(d -> d.send(Frame.ping(p126))).serverFails(1002).build());
        all.add(c("2.6", Category.PINGS_AND_PONGS, "Send a ping with a 125-byte payload, one byte at a time", pongRule)
                .sends(d -> d.sendChopped(Frame.ping(p125), 1)).expect(pong(p125)).build());
        all.add(c("2.7", Category.PINGS_AND_PONGS, "Send an unsolicited pong without payload",
                "Nothing: an unsolicited pong is ignored (RFC 6455 section 5.5.3)")
                .sends(d -> d.send(Frame.pong(new byte[0]))).build());
        all.add(c("2.8", Category.PINGS_AND_PONGS, "Send an unsolicited pong with payload",
                "Nothing: an unsolicited pong is ignored (RFC 6455 section 5.5.3)")
                .sends(d -> d.send(Frame.pong(utf8("unsolicited pong payload")))).build());
        all.add(c("2.9", Category.PINGS_AND_PONGS, "Send an unsolicited pong, then a ping",
                "Only the pong answering the ping").sends(d -> d.send(Frame.pong(utf8("unsolicited pong payload")),
                        Frame.ping(utf8("ping payload")))).expect(pong("ping payload")).build());
        Expected[] tenPongs = new Expected[10];
        Frame[] tenPings = new Frame[10];
        for (int i = 0; i < 10; i++) {
            tenPongs[i] = pong("payload-" + i);
            tenPings[i] = Frame.ping(utf8("payload-" + i));
        }
        String tenRule = "A pong for each ping (OK), or only for the most recent one (NON-STRICT; a MAY of RFC 6455"
                + " section 5.5.3)";
        all.add(c("2.10", Category.PINGS_AND_PONGS, "Send 10 pings", tenRule)
                .sends(d -> d.send(tenPings)).expect(tenPongs).expect(Verdict.NON_STRICT, tenPongs[9]).build());
        all.add(c("2.11", Category.PINGS_AND_PONGS, "Send 10 pings, each one byte at a time", tenRule)
                .sends(d -> {
                    for (Frame f : tenPings) {
                        d.sendChopped(f, 1);
                    }
                }).expect(tenPongs).expect(Verdict.NON_STRICT, tenPongs[9]).build());
    }

    // ---------------------------------------------------------------- 3.x reserved bits

    private static void reservedBits(List<ConformanceCase> all) {
        String rule = "The server must fail the connection: RSV bits MUST be 0 unless an extension defines them"
                + " (RFC 6455 section 5.2), close 1002";
        all.add(c("3.1", Category.RESERVED_BITS, "Send a small text message with RSV = 1", rule)
                .sends(d -> d.send(Frame.text("Hello, world!").rsv(1))).serverFails(1002).build());
        all.add(c("3.2", Category.RESERVED_BITS, "Send a text message, then one with RSV = 2, then a ping",
                "Echo of the first message, then the connection failed (1002) before the ping is answered (OK);"
                        + " failed before the echo (NON-STRICT)")
                .sends(d -> d.send(Frame.text("Hello, world!"), Frame.text("Hello, world!").rsv(2),
                        Frame.ping(utf8("Hello, world!")))).expect(text("Hello, world!")).expect(Verdict.NON_STRICT)
                .serverFails(1002).build());
        all.add(c("3.3", Category.RESERVED_BITS, "As 3.2 with RSV = 3, waiting for the echo before the bad frame",
                "Echo of the first message, then the connection failed (1002) (OK); failed before the echo"
                        + " (NON-STRICT)")
                .sends(d -> {
                    d.send(Frame.text("Hello, world!"));
                    d.awaitEvents(1, d.caseTimeout());
                    d.send(Frame.text("Hello, world!").rsv(3), Frame.ping(utf8("Hello, world!")));
                }).expect(text("Hello, world!")).expect(Verdict.NON_STRICT).serverFails(1002).build());
        all.add(c("3.4", Category.RESERVED_BITS, "As 3.2 with RSV = 4, each frame one byte at a time",
                "Echo of the first message, then the connection failed (1002) (OK); failed before the echo"
                        + " (NON-STRICT)")
                .sends(d -> {
                    d.sendChopped(Frame.text("Hello, world!"), 1);
                    d.sendChopped(Frame.text("Hello, world!").rsv(4), 1);
                    d.sendChopped(Frame.ping(utf8("Hello, world!")), 1);
                }).expect(text("Hello, world!")).expect(Verdict.NON_STRICT).serverFails(1002).build());
        byte[] bin = hex("00 ff fe fd fc fb 00 ff");
        all.add(c("3.5", Category.RESERVED_BITS, "Send a small binary message with RSV = 5", rule)
                .sends(d -> d.send(Frame.binary(bin).rsv(5))).serverFails(1002).build());
        all.add(c("3.6", Category.RESERVED_BITS, "Send a ping with RSV = 6", rule)
                .sends(d -> d.send(Frame.ping(bin).rsv(6))).serverFails(1002).build());
        all.add(c("3.7", Category.RESERVED_BITS, "Send a close frame with RSV = 7", rule)
                .sends(d -> d.send(Frame.close(1000, "").rsv(7))).serverFails(1002).build());
    }

    // ---------------------------------------------------------------- 4.x opcodes

    private static void opcodes(List<ConformanceCase> all) {
        String rule = "The server must fail the connection on an unknown opcode (RFC 6455 section 5.2), close 1002";
        int[][] groups = {{3, 4, 5, 6, 7}, {11, 12, 13, 14, 15}};
        for (int g = 0; g < 2; g++) {
            String kind = g == 0 ? "non-control" : "control";
            for (int i = 0; i < 5; i++) {
                int op = groups[g][i];
                String id = "4." + (g + 1) + "." + (i + 1);
                byte[] payload = i == 0 ? new byte[0] : utf8("reserved opcode payload");
                if (i < 2) {
                    all.add(c(id, Category.OPCODES, "Send a frame with reserved " + kind + " opcode " + op
                            + (i == 0 ? "" : " and a payload"), rule)
                            .sends(d -> d.send(Frame.of(op, payload))).serverFails(1002).build());
                } else {
                    boolean chopped = i == 4;
                    all.add(c(id, Category.OPCODES, "Send a text message, a frame with reserved " + kind + " opcode "
                            + op + ", then a ping" + (chopped ? ", each one byte at a time" : ""),
                            "Echo of the text message, then the connection failed (1002) before the ping is answered"
                                    + " (OK); failed before the echo (NON-STRICT)")
                            .sends(d -> {
                                Frame[] frames = {Frame.text("Hello, world!"), Frame.of(op, payload),
                                        Frame.ping(utf8("Hello, world!"))};
                                if (chopped) {
                                    for (Frame f : frames) {
                                        d.sendChopped(f, 1);
                                    }
                                } else {
                                    d.send(frames);
                                }
                            }).expect(text("Hello, world!")).expect(Verdict.NON_STRICT).serverFails(1002).build());
                }
            }
        }
    }

    // ---------------------------------------------------------------- 5.x fragmentation

    private interface Sender {
        void send(CaseDriver d, Frame... frames) throws java.io.IOException;
    }

    private static final Sender ONE_WRITE = CaseDriver::send;
    private static final Sender FRAME_BY_FRAME = (d, frames) -> {
        for (Frame f : frames) {
            d.send(f);
        }
    };
    private static final Sender CHOPPED = (d, frames) -> {
        for (Frame f : frames) {
            d.sendChopped(f, 1);
        }
    };
    private static final Sender[] SENDERS = {ONE_WRITE, FRAME_BY_FRAME, CHOPPED};
    private static final String[] HOW = {"in one write", "frame by frame", "one byte at a time"};

    private static void fragmentation(List<ConformanceCase> all) {
        String ctlRule = "The server must fail the connection: control frames MUST NOT be fragmented (RFC 6455"
                + " section 5.5), close 1002";
        all.add(c("5.1", Category.FRAGMENTATION, "Send a ping in 2 fragments", ctlRule)
                .sends(d -> d.send(Frame.ping(utf8("fragment1")).fin(false), Frame.continuation("fragment2")))
                .serverFails(1002).build());
        all.add(c("5.2", Category.FRAGMENTATION, "Send a pong in 2 fragments", ctlRule)
                .sends(d -> d.send(Frame.pong(utf8("fragment1")).fin(false), Frame.continuation("fragment2")))
                .serverFails(1002).build());
        Frame f1 = Frame.text("fragment1").fin(false);
        Frame f2 = Frame.continuation("fragment2");
        int n = 3;
        for (int i = 0; i < 3; i++) {
            Sender s = SENDERS[i];
            all.add(c("5." + n++, Category.FRAGMENTATION, "Send a text message in 2 fragments, " + HOW[i],
                    "Echo of the reassembled message (" + SEC_5_6.replace("5.6", "5.4") + ")")
                    .sends(d -> s.send(d, f1, f2)).expect(text("fragment1fragment2")).build());
        }
        Frame ping = Frame.ping(utf8("ping payload"));
        for (int i = 0; i < 3; i++) {
            Sender s = SENDERS[i];
            all.add(c("5." + n++, Category.FRAGMENTATION, "Send a text message in 2 fragments with a ping between"
                    + " them, " + HOW[i], "The pong, then the echo: control frames MAY be injected between fragments"
                    + " and are answered at once (RFC 6455 section 5.4)")
                    .sends(d -> s.send(d, f1, ping, f2)).expect(pong("ping payload"), text("fragment1fragment2"))
                    .build());
        }
        String contRule = "The server must fail the connection: a continuation frame without a message to continue"
                + " (RFC 6455 section 5.4), close 1002";
        for (int i = 0; i < 3; i++) {
            Sender s = SENDERS[i];
            all.add(c("5." + n++, Category.FRAGMENTATION, "Send a final continuation frame with no message started,"
                    + " then a text message, " + HOW[i], contRule)
                    .sends(d -> s.send(d, Frame.continuation("fragment1"), Frame.text("Hello, world!")))
                    .serverFails(1002).build());
        }
        for (int i = 0; i < 3; i++) {
            Sender s = SENDERS[i];
            all.add(c("5." + n++, Category.FRAGMENTATION, "Send a non-final continuation frame with no message"
                    + " started, then a text message, " + HOW[i], contRule)
                    .sends(d -> s.send(d, Frame.continuation("fragment1").fin(false), Frame.text("Hello, world!")))
                    .serverFails(1002).build());
        }
        all.add(c("5.15", Category.FRAGMENTATION, "Send a text message in 2 fragments, then 2 continuation"
                + " frames that continue nothing", "Echo of the message, then the connection failed (1002) (OK); failed"
                + " before the echo (NON-STRICT)")
                .sends(d -> d.send(f1, f2, Frame.continuation("fragment3").fin(false), Frame.continuation("fragment4")))
                .expect(text("fragment1fragment2")).expect(Verdict.NON_STRICT).serverFails(1002).build());
        all.add(c("5.16", Category.FRAGMENTATION, "Send continuations (non-final, final) before a fragmented"
                + " message, twice", contRule)
                .sends(d -> {
                    for (int k = 0; k < 2; k++) {
                        d.send(Frame.continuation("fragment1").fin(false), Frame.continuation("fragment2"),
                                Frame.text("fragment3").fin(false), Frame.continuation("fragment4"));
                    }
                }).serverFails(1002).build());
        all.add(c("5.17", Category.FRAGMENTATION, "Send continuations (final, final) before a fragmented"
                + " message, twice", contRule)
                .sends(d -> {
                    for (int k = 0; k < 2; k++) {
                        d.send(Frame.continuation("fragment1"), Frame.continuation("fragment2"),
                                Frame.text("fragment3").fin(false), Frame.continuation("fragment4"));
                    }
                }).serverFails(1002).build());
        all.add(c("5.18", Category.FRAGMENTATION, "Send a non-final text frame followed by another text frame"
                + " (not a continuation)", "The server must fail the connection: a new data frame inside a"
                + " fragmented message (RFC 6455 section 5.4), close 1002")
                .sends(d -> d.send(Frame.text("fragment1").fin(false), Frame.text("fragment2"))).serverFails(1002)
                .build());
        Frame[] five = {Frame.text("fragment1").fin(false), Frame.continuation("fragment2").fin(false),
                Frame.ping(utf8("pongme 1!")), Frame.continuation("fragment3").fin(false),
                Frame.continuation("fragment4").fin(false), Frame.ping(utf8("pongme 2!")),
                Frame.continuation("fragment5")};
        all.add(c("5.19", Category.FRAGMENTATION, "Send a text message in 5 fragments with 2 pings between them",
                "Both pongs, then the echo of the reassembled message")
                .sends(d -> d.send(five)).expect(pong("pongme 1!"), pong("pongme 2!"),
                        text("fragment1fragment2fragment3fragment4fragment5")).build());
        all.add(c("5.20", Category.FRAGMENTATION, "As 5.19, waiting for each pong before sending on",
                "Both pongs (each before the message is complete), then the echo")
                .sends(d -> {
                    d.send(five[0], five[1], five[2]);
                    d.awaitEvents(1, d.caseTimeout());
                    d.send(five[3], five[4], five[5]);
                    d.awaitEvents(2, d.caseTimeout());
                    d.send(five[6]);
                }).expect(pong("pongme 1!"), pong("pongme 2!"),
                        text("fragment1fragment2fragment3fragment4fragment5")).build());
    }

    // ---------------------------------------------------------------- 6.x UTF-8

    private static final String VALID_RULE = "Echo of the text message: the payload is valid UTF-8 (RFC 3629)";
    private static final String INVALID_RULE = "The server must fail the connection: text payloads MUST be valid"
            + " UTF-8 (RFC 6455 section 8.1), close 1007";

    private static ConformanceCase textCase(String id, String description, byte[] payload) {
        boolean valid = Utf8Validator.isValid(payload);
        ConformanceCase.Builder b = c(id, Category.UTF8, description + " (" + payload.length + " bytes: "
                + hexString(payload) + ")", valid ? VALID_RULE : INVALID_RULE).sends(d -> d.send(Frame.text(payload)));
        return valid ? b.expect(text(payload)).build() : b.serverFails(1007).build();
    }

    private static String hexString(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length && i < 16; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return b.length > 16 ? sb + " ..." : sb.toString();
    }

    private static void group(List<ConformanceCase> all, String prefix, String what, String... hexes) {
        for (int i = 0; i < hexes.length; i++) {
            all.add(textCase(prefix + (i + 1), what, hex(hexes[i])));
        }
    }

    private static void utf8(List<ConformanceCase> all) {
        all.add(c("6.1.1", Category.UTF8, "Send an empty text message", VALID_RULE)
                .sends(d -> d.send(Frame.text(""))).expect(text("")).build());
        all.add(c("6.1.2", Category.UTF8, "Send an empty text message in 3 empty fragments", VALID_RULE)
                .sends(d -> d.send(Frame.text("").fin(false), Frame.continuation("").fin(false), Frame.continuation("")))
                .expect(text("")).build());
        all.add(c("6.1.3", Category.UTF8, "Send a text message as empty, \"middle\", empty fragments", VALID_RULE)
                .sends(d -> d.send(Frame.text("").fin(false), Frame.continuation("middle").fin(false),
                        Frame.continuation(""))).expect(text("middle")).build());

        String hello = "Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!";
        byte[] helloBytes = utf8(hello);
        all.add(c("6.2.1", Category.UTF8, "Send a valid UTF-8 text message in one frame", VALID_RULE)
                .sends(d -> d.send(Frame.text(hello))).expect(text(hello)).build());
        all.add(c("6.2.2", Category.UTF8, "Send a valid UTF-8 text message in 2 fragments split at a code point",
                VALID_RULE).sends(d -> d.send(Frame.text(hello.substring(0, 8)).fin(false),
                        Frame.continuation(hello.substring(8)))).expect(text(hello)).build());
        all.add(c("6.2.3", Category.UTF8, "Send a valid UTF-8 text message in 1-byte fragments", VALID_RULE)
                .sends(d -> d.send(perByteFragments(helloBytes))).expect(text(helloBytes)).build());
        byte[] kosme = hex("ce ba e1 bd b9 cf 83 ce bc ce b5");
        all.add(c("6.2.4", Category.UTF8, "Send \"\u03ba\u1f79\u03c3\u03bc\u03b5\" in 1-byte fragments", VALID_RULE)
                .sends(d -> d.send(perByteFragments(kosme))).expect(text(kosme)).build());

        byte[] bad = concat(kosme, hex("ed a0 80"), utf8("edited"));
        all.add(c("6.3.1", Category.UTF8, "Send invalid UTF-8 (a surrogate) in one frame", INVALID_RULE)
                .sends(d -> d.send(Frame.text(bad))).serverFails(1007).build());
        all.add(c("6.3.2", Category.UTF8, "Send invalid UTF-8 (a surrogate) in 1-byte fragments", INVALID_RULE)
                .sends(d -> d.send(perByteFragments(bad))).serverFails(1007).build());

        failFast(all, "6.4.1", "the invalid bytes in the 2nd of 3 fragments",
                new byte[][] {kosme, hex("f4 90 80 80"), utf8("edited")}, false);
        failFast(all, "6.4.2", "the invalid sequence split over the 1st and 2nd of 3 fragments",
                new byte[][] {concat(kosme, hex("f4")), hex("90 80 80"), utf8("edited")}, false);
        failFast(all, "6.4.3", "the invalid bytes in the 2nd of 3 fragments, one byte at a time",
                new byte[][] {kosme, hex("f4 90 80 80"), utf8("edited")}, true);
        failFast(all, "6.4.4", "the invalid sequence split over fragments, one byte at a time",
                new byte[][] {concat(kosme, hex("f4")), hex("90 80 80"), utf8("edited")}, true);

        group(all, "6.5.", "Send valid UTF-8", "ce ba e1 bd b9 cf 83 ce bc ce b5", "e2 82 ac", "f0 9d 84 9e",
                "e4 b8 ad e6 96 87", "48 65 6c 6c 6f 20 f0 9f 8c 8d");
        for (int i = 1; i <= kosme.length; i++) {
            all.add(textCase("6.6." + i, "Send the first " + i + " bytes of \"\u03ba\u1f79\u03c3\u03bc\u03b5\"",
                    Arrays.copyOf(kosme, i)));
        }
        group(all, "6.7.", "Send the first possible sequence of its length", "00", "c2 80", "e0 a0 80",
                "f0 90 80 80");
        group(all, "6.8.", "Send the first possible sequence of a 5/6-byte length", "f8 88 80 80 80",
                "fc 84 80 80 80 80");
        group(all, "6.9.", "Send the last possible sequence of its length", "7f", "df bf", "ef bf bf",
                "f4 8f bf bf");
        group(all, "6.10.", "Send the last possible sequence beyond U+10FFFF", "f7 bf bf bf", "fb bf bf bf bf",
                "fd bf bf bf bf bf");
        group(all, "6.11.", "Send a boundary code point", "ed 9f bf", "ee 80 80", "ef bf bd", "f4 8f bf bf",
                "f4 90 80 80");
        StringBuilder allCont = new StringBuilder();
        for (int b = 0x80; b <= 0xbf; b++) {
            allCont.append(String.format("%02x", b));
        }
        group(all, "6.12.", "Send unexpected continuation bytes", "80", "bf", "80 bf", "80 bf 80", "80 bf 80 bf",
                "80 bf 80 bf 80", "80 bf 80 bf 80 bf", allCont.toString());
        group(all, "6.13.", "Send lonely start bytes, each followed by a space", lonely(0xc0, 0xdf),
                lonely(0xe0, 0xef), lonely(0xf0, 0xf7), lonely(0xf8, 0xfb), lonely(0xfc, 0xfd));
        String[] missing = {"c0", "e0 80", "f0 80 80", "f8 80 80 80", "fc 80 80 80 80", "df", "ef bf", "f7 bf bf",
                "fb bf bf bf", "fd bf bf bf bf"};
        group(all, "6.14.", "Send a sequence with its last continuation byte missing", missing);
        group(all, "6.15.", "Send all the incomplete sequences of 6.14 concatenated", String.join("", missing));
        group(all, "6.16.", "Send bytes that never appear in UTF-8", "fe", "ff", "fe fe ff ff");
        group(all, "6.17.", "Send an overlong encoding of '/'", "c0 af", "e0 80 af", "f0 80 80 af",
                "f8 80 80 80 af", "fc 80 80 80 80 af");
        group(all, "6.18.", "Send a maximally overlong sequence", "c1 bf", "e0 9f bf", "f0 8f bf bf",
                "f8 87 bf bf bf", "fc 83 bf bf bf bf");
        group(all, "6.19.", "Send an overlong encoding of NUL", "c0 80", "e0 80 80", "f0 80 80 80",
                "f8 80 80 80 80", "fc 80 80 80 80 80");
        group(all, "6.20.", "Send a single UTF-16 surrogate", "ed a0 80", "ed ad bf", "ed ae 80", "ed af bf",
                "ed b0 80", "ed be 80", "ed bf bf");
        group(all, "6.21.", "Send a paired UTF-16 surrogate", "ed a0 80 ed b0 80", "ed a0 80 ed bf bf",
                "ed ad bf ed b0 80", "ed ad bf ed bf bf", "ed ae 80 ed b0 80", "ed ae 80 ed bf bf",
                "ed af bf ed b0 80", "ed af bf ed bf bf");
        List<String> nonChars = new ArrayList<>();
        for (int plane = 0; plane <= 16; plane++) {
            for (int last = 0xfffe; last <= 0xffff; last++) {
                nonChars.add(toHex(new String(Character.toChars(plane * 0x10000 + last))));
            }
        }
        group(all, "6.22.", "Send a noncharacter (valid UTF-8)", nonChars.toArray(new String[0]));
        group(all, "6.23.", "Send a special code point", "ef bf bd", "ef bb bf", "00 00 00", "e2 80 8b");
    }

    private static String lonely(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int b = from; b <= to; b++) {
            sb.append(String.format("%02x20", b));
        }
        return sb.toString();
    }

    private static String toHex(String s) {
        return hexString(utf8(s)).replace(" ...", "");
    }

    private static Frame[] perByteFragments(byte[] payload) {
        Frame[] frames = new Frame[Math.max(1, payload.length)];
        for (int i = 0; i < frames.length; i++) {
            byte[] one = payload.length == 0 ? new byte[0] : new byte[] {payload[i]};
            Frame f = i == 0 ? Frame.text(one) : Frame.continuation(one);
            frames[i] = f.fin(i == frames.length - 1);
        }
        return frames;
    }

    private static void failFast(List<ConformanceCase> all, String id, String what, byte[][] fragments,
                                 boolean chopped) {
        all.add(c(id, Category.UTF8, "Send a text message in 3 fragments with " + what,
                "The server fails the connection (1007) as soon as the text cannot be valid (OK, \"fail fast\"), or"
                        + " only when the message is complete (NON-STRICT); RFC 6455 section 8.1")
                .sends(d -> {
                    Frame[] frames = {Frame.text(fragments[0]).fin(false), Frame.continuation(fragments[1]).fin(false),
                            Frame.continuation(fragments[2])};
                    for (int i = 0; i < 2; i++) {
                        if (chopped) {
                            d.sendChopped(frames[i], 1);
                        } else {
                            d.send(frames[i]);
                        }
                    }
                    if (!d.awaitServerClose(d.caseTimeout())) {
                        d.downgrade(Verdict.NON_STRICT, "the server did not fail the connection until the message was"
                                + " complete (no fail-fast on invalid UTF-8)");
                        d.send(frames[2]);
                    }
                }).serverFails(1007).build());
    }

    // ---------------------------------------------------------------- 7.x close

    private static void close(List<ConformanceCase> all) {
        all.add(c("7.1.1", Category.CLOSE, "Send a text message, then (after its echo) a close frame",
                "Echo of the message, then a close reply 1000 and the server closes TCP (RFC 6455 section 7.1.1)")
                .sends(d -> d.send(Frame.text("Hello World!"))).expect(text("Hello World!")).build());
        all.add(c("7.1.2", Category.CLOSE, "Send two close frames",
                "One close reply; the second close is ignored (RFC 6455 section 5.5.1)")
                .sends(d -> d.send(Frame.close(1000, ""), Frame.close(1000, ""))).build());
        all.add(c("7.1.3", Category.CLOSE, "Send a close frame, then a ping",
                "The close reply and no pong: nothing is processed after a close (RFC 6455 section 5.5.1)")
                .sends(d -> d.send(Frame.close(1000, ""), Frame.ping(utf8("Hello World!")))).build());
        all.add(c("7.1.4", Category.CLOSE, "Send a close frame, then a text message",
                "The close reply and no echo: no data after a close (RFC 6455 section 5.5.1)")
                .sends(d -> d.send(Frame.close(1000, ""), Frame.text("Hello World!"))).build());
        all.add(c("7.1.5", Category.CLOSE, "Send a non-final text fragment, a close frame, then the last fragment",
                "The close reply and no echo")
                .sends(d -> d.send(Frame.text("fragment1").fin(false), Frame.close(1000, ""),
                        Frame.continuation("fragment2"))).build());
        byte[] big = fill(256 * 1024, '*');
        all.add(c("7.1.6", Category.CLOSE, "Send a 256 KiB text message, then at once a close frame and a ping",
                "Undefined whether the echo is sent before the close reply; recorded only")
                .sends(d -> d.send(Frame.text(big), Frame.close(1000, ""), Frame.ping(utf8("Hello World!"))))
                .expect(text(big)).informational().build());

        all.add(c("7.3.1", Category.CLOSE, "Send a close frame without payload",
                "A close reply without payload or with 1000 (RFC 6455 section 5.5.1)")
                .sends(d -> d.send(Frame.close())).build());
        all.add(c("7.3.2", Category.CLOSE, "Send a close frame with a 1-byte payload",
                "The server must fail the connection: a close payload starts with a 2-byte code (RFC 6455 section"
                        + " 5.5.1), close 1002").sends(d -> d.send(Frame.of(0x8, new byte[] {0x03}))).serverFails(1002)
                .build());
        all.add(c("7.3.3", Category.CLOSE, "Send a close frame with code 1000 and no reason", "Close reply 1000")
                .sends(d -> d.send(Frame.close(1000, ""))).build());
        all.add(c("7.3.4", Category.CLOSE, "Send a close frame with code 1000 and a reason", "Close reply 1000")
                .sends(d -> d.send(Frame.close(1000, "Hello World!"))).build());
        String r123 = "*".repeat(123);
        all.add(c("7.3.5", Category.CLOSE, "Send a close frame with code 1000 and a 123-byte reason (125 bytes)",
                "Close reply 1000").sends(d -> d.send(Frame.close(1000, r123))).build());
        String r124 = "*".repeat(124);
        all.add(c("7.3.6", Category.CLOSE, "Send a close frame with code 1000 and a 124-byte reason (126 bytes)",
                "The server must fail the connection: control frames carry at most 125 bytes (RFC 6455 section"
                        + " 5.5), close 1002").sends(d -> d.send(Frame.close(1000, r124))).serverFails(1002).build());
        byte[] badReason = concat(hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80"), utf8("edited"));
        all.add(c("7.5.1", Category.CLOSE, "Send a close frame whose reason is invalid UTF-8",
                "The server must fail the connection: the reason MUST be UTF-8 (RFC 6455 section 5.5.1), close"
                        + " 1007 or 1002")
                .sends(d -> d.send(Frame.of(0x8, ClosePayload.encodeUnchecked(1000, badReason)))).serverFails(1002, 1007)
                .build());
        int[] valid = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
        for (int i = 0; i < valid.length; i++) {
            int code = valid[i];
            all.add(c("7.7." + (i + 1), Category.CLOSE, "Send a close frame with valid code " + code,
                    "A close reply with 1000 or the same code (RFC 6455 section 7.4)")
                    .sends(d -> d.send(Frame.close(code, ""))).closeCodes(1000, code).wrongCodeIsFatal().build());
        }
        int[] invalid = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};
        for (int i = 0; i < invalid.length; i++) {
            int code = invalid[i];
            all.add(c("7.9." + (i + 1), Category.CLOSE, "Send a close frame with invalid code " + code,
                    "The server must fail the connection: " + code + " may not be sent (RFC 6455 section 7.4), close"
                            + " 1002").sends(d -> d.send(Frame.close(code, ""))).serverFails(1002).wrongCodeIsFatal()
                    .build());
        }
        all.add(c("7.13.1", Category.CLOSE, "Send a close frame with code 5000",
                "Undefined by the RFC (codes above 4999 are not assigned); recorded only")
                .sends(d -> d.send(Frame.close(5000, ""))).closeCodes(1000, 1002, 5000).informational().build());
        all.add(c("7.13.2", Category.CLOSE, "Send a close frame with code 65535",
                "Undefined by the RFC; recorded only")
                .sends(d -> d.send(Frame.close(65535, ""))).closeCodes(1000, 1002, 65535).informational().build());
    }

    // ---------------------------------------------------------------- 9.x limits

    private static void limits(List<ConformanceCase> all) {
        int[] sizes = {64 * 1024, 256 * 1024, 1024 * 1024};
        String rule = "Echo of the message (or a close 1009 if the server has a smaller limit: NON-STRICT)";
        for (int i = 0; i < sizes.length; i++) {
            byte[] p = fill(sizes[i], '*');
            all.add(c("9.1." + (i + 1), Category.LIMITS, "Send a text message of " + kib(sizes[i]), rule)
                    .sends(d -> d.send(Frame.text(p))).expect(text(p)).closeCodes(1000, 1009).closeOptional().build());
        }
        for (int i = 0; i < sizes.length; i++) {
            byte[] p = fill(sizes[i], (char) 0xfe);
            all.add(c("9.2." + (i + 1), Category.LIMITS, "Send a binary message of " + kib(sizes[i]), rule)
                    .sends(d -> d.send(Frame.binary(p))).expect(binary(p)).closeCodes(1000, 1009).closeOptional()
                    .build());
        }
        int[] frameSizes = {256, 4 * 1024, 64 * 1024};
        byte[] msg = fill(256 * 1024, '*');
        for (int i = 0; i < frameSizes.length; i++) {
            int fs = frameSizes[i];
            all.add(c("9.3." + (i + 1), Category.LIMITS, "Send a 256 KiB text message in frames of " + fs + " bytes",
                    rule).sends(d -> d.send(fragments(msg, fs, true))).expect(text(msg)).closeCodes(1000, 1009)
                    .closeOptional().build());
            all.add(c("9.4." + (i + 1), Category.LIMITS, "Send a 256 KiB binary message in frames of " + fs
                    + " bytes", rule).sends(d -> d.send(fragments(msg, fs, false))).expect(binary(msg))
                    .closeCodes(1000, 1009).closeOptional().build());
        }
        int[] counts = {0, 16, 256};
        for (int i = 0; i < counts.length; i++) {
            byte[] p = fill(counts[i], '*');
            Frame[] frames = new Frame[1000];
            Expected[] echoes = new Expected[1000];
            Frame[] bins = new Frame[1000];
            Expected[] binEchoes = new Expected[1000];
            Arrays.fill(frames, Frame.text(p));
            Arrays.fill(echoes, text(p));
            Arrays.fill(bins, Frame.binary(p));
            Arrays.fill(binEchoes, binary(p));
            all.add(c("9.7." + (i + 1), Category.LIMITS, "Send 1000 text messages of " + counts[i] + " bytes",
                    "Echo of every message, in order").sends(d -> d.send(frames)).expect(echoes)
                    .closeCodes(1000, 1009).build());
            all.add(c("9.8." + (i + 1), Category.LIMITS, "Send 1000 binary messages of " + counts[i] + " bytes",
                    "Echo of every message, in order").sends(d -> d.send(bins)).expect(binEchoes)
                    .closeCodes(1000, 1009).build());
        }
        // the loops above add 9.3/9.4 and 9.7/9.8 interleaved; present them in id order
        List<ConformanceCase> limits = new ArrayList<>(all.subList(all.size() - 18, all.size()));
        all.subList(all.size() - 18, all.size()).clear();
        limits.sort((a, b) -> compareIds(a.id(), b.id()));
        all.addAll(limits);
    }

    static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static Frame[] fragments(byte[] msg, int size, boolean textMessage) {
        int n = (msg.length + size - 1) / size;
        Frame[] frames = new Frame[n];
        for (int i = 0; i < n; i++) {
            byte[] part = Arrays.copyOfRange(msg, i * size, Math.min(msg.length, (i + 1) * size));
            Frame f = i == 0 ? (textMessage ? Frame.text(part) : Frame.binary(part)) : Frame.continuation(part);
            frames[i] = f.fin(i == n - 1);
        }
        return frames;
    }

    private static String kib(int n) {
        return n >= 1024 * 1024 ? (n / (1024 * 1024)) + " MiB" : (n / 1024) + " KiB";
    }

    // initialised last: the case builders above use the static helpers declared before
    private static final List<ConformanceCase> ALL;

    static {
        List<ConformanceCase> all = new ArrayList<>();
        framing(all);
        pings(all);
        reservedBits(all);
        opcodes(all);
        fragmentation(all);
        utf8(all);
        close(all);
        limits(all);
        ALL = Collections.unmodifiableList(all);
    }
}
