package dev.wstest.conformance;

import static dev.wstest.conformance.ConformanceCatalogue.c;
import static dev.wstest.conformance.ConformanceCatalogue.concat;
import static dev.wstest.conformance.ConformanceCatalogue.hex;
import static dev.wstest.conformance.ConformanceCatalogue.hexString;
import static dev.wstest.conformance.ConformanceCatalogue.utf8;
import static dev.wstest.conformance.Expected.text;

import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Utf8Validator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Autobahn's 6.x (UTF-8 handling): case6_1_*.py to case6_4_*.py, and the generated 6.5.x-6.23.x of
 * case6_x_x.py ({@code createUtf8TestSequences}, Markus Kuhn's UTF-8 decoder test), in the same order.
 */
final class Utf8Cases {

    private Utf8Cases() {
    }

    private static final String VALID_RULE = "Echo of the text message: the payload is valid UTF-8 (RFC 3629)";
    private static final String INVALID_RULE = "The server must fail the connection: text payloads MUST be valid"
            + " UTF-8 (RFC 6455 section 8.1), close 1007";
    private static final byte[] KOSME = hex("ce ba e1 bd b9 cf 83 ce bc ce b5");
    private static final Category CAT = Category.UTF8;

    static void addTo(List<ConformanceCase> all) {
        fixed(all);
        failFast(all);
        int sub = 5;
        for (Group g : sequences()) {
            for (int j = 0; j < g.payloads.size(); j++) {
                byte[] p = g.payloads.get(j);
                all.add(oneMessage("6." + sub + "." + (j + 1), g.title, p, g.valid.get(j)));
            }
            sub++;
        }
    }

    private static ConformanceCase oneMessage(String id, String group, byte[] payload, boolean valid) {
        ConformanceCase.Builder b = c(id, CAT, group + ": a text message of " + payload.length + " bytes ("
                + hexString(payload) + ")", valid ? VALID_RULE : INVALID_RULE)
                .sends(d -> {
                    d.sendMessage(payload, false, 0);
                    d.killAfter(0.5);
                });
        return valid ? b.expect(text(payload)).build() : b.serverFails(1007).wrongEndpointIsFatal().build();
    }

    private static void fixed(List<ConformanceCase> all) {
        all.add(c("6.1.1", CAT, "Send a text message of length 0", VALID_RULE)
                .sends(d -> {
                    d.send(Frame.text(""));
                    d.closeAfter(1);
                }).expect(text("")).build());
        all.add(c("6.1.2", CAT, "Send a text message in 3 fragments, each of length 0", VALID_RULE)
                .sends(d -> {
                    d.send(Frame.text("").fin(false), Frame.continuation("").fin(false), Frame.continuation(""));
                    d.closeAfter(1);
                }).expect(text("")).build());
        all.add(c("6.1.3", CAT, "Send a text message in 3 fragments: empty, \"middle frame payload\", empty", VALID_RULE)
                .sends(d -> {
                    d.send(Frame.text("").fin(false), Frame.continuation("middle frame payload").fin(false),
                            Frame.continuation(""));
                    d.closeAfter(1);
                }).expect(text("middle frame payload")).build());
        byte[] hello = utf8("Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!");
        all.add(c("6.2.1", CAT, "Send a valid UTF-8 text message in one frame", VALID_RULE)
                .sends(d -> {
                    d.sendMessage(hello, false, 0);
                    d.closeAfter(1);
                }).expect(text(hello)).build());
        byte[] part1 = utf8("Hello-\u00b5@\u00df\u00f6\u00e4");
        byte[] part2 = utf8("\u00fc\u00e0\u00e1-UTF-8!!");
        all.add(c("6.2.2", CAT, "Send a valid UTF-8 text message in 2 fragments split on a code point boundary",
                VALID_RULE).sends(d -> {
                    d.send(Frame.text(part1).fin(false), Frame.continuation(part2));
                    d.closeAfter(1);
                }).expect(text(hello)).build());
        all.add(c("6.2.3", CAT, "Send a valid UTF-8 text message in frames of 1 byte, ending inside code points",
                VALID_RULE).sends(d -> {
                    d.sendMessage(hello, false, 1);
                    d.closeAfter(1);
                }).expect(text(hello)).build());
        all.add(c("6.2.4", CAT, "Send \"\u03ba\u1f79\u03c3\u03bc\u03b5\" in frames of 1 byte", VALID_RULE)
                .sends(d -> {
                    d.sendMessage(KOSME, false, 1);
                    d.closeAfter(1);
                }).expect(text(KOSME)).build());
        byte[] bad = concat(KOSME, hex("ed a0 80"), utf8("edited"));
        all.add(c("6.3.1", CAT, "Send invalid UTF-8 (a surrogate) in one frame", INVALID_RULE)
                .sends(d -> {
                    d.sendMessage(bad, false, 0);
                    d.killAfter(1);
                }).serverFails(1007).wrongEndpointIsFatal().build());
        all.add(c("6.3.2", CAT, "Send invalid UTF-8 (a surrogate) in frames of 1 byte", INVALID_RULE)
                .sends(d -> {
                    d.sendMessage(bad, false, 1);
                    d.killAfter(1);
                }).serverFails(1007).wrongEndpointIsFatal().build());
    }

    /**
     * 6.4.x: the text becomes invalid in the second of three parts, sent 1 s apart. OK when the server
     * fails the connection after the second part (the first pause ends with the connection open: event
     * "TIMEOUT A"), NON-STRICT when only after the third ("TIMEOUT A", "TIMEOUT B").
     */
    private static void failFast(List<ConformanceCase> all) {
        byte[] payload = concat(KOSME, hex("f4 90 80 80"), utf8("edited"));
        String rule = "The server fails the connection (1007) as soon as the text cannot be valid (OK, \"fail fast\")"
                + " or only once the message is complete (NON-STRICT); RFC 6455 section 8.1";
        int[][] splits = {{11, 15}, {12, 13}};
        for (int s = 0; s < 2; s++) {
            byte[] p1 = Arrays.copyOfRange(payload, 0, splits[s][0]);
            byte[] p2 = Arrays.copyOfRange(payload, splits[s][0], splits[s][1]);
            byte[] p3 = Arrays.copyOfRange(payload, splits[s][1], payload.length);
            String parts = " (" + hexString(p1) + " | " + hexString(p2) + " | " + hexString(p3) + ")";
            all.add(failFastCase("6.4." + (s + 1), "Send invalid UTF-8 in 3 frames, 1 s apart, the second making it"
                    + " invalid" + parts, rule, d -> d.send(Frame.text(p1).fin(false)),
                    d -> d.send(Frame.continuation(p2).fin(false)), d -> d.send(Frame.continuation(p3))));
            // 6.4.3/6.4.4: one frame declaring the whole length, written in three chops, then an empty final frame
            byte[][] chops = new byte[3][];
            all.add(failFastCase("6.4." + (s + 3), "Send invalid UTF-8 as one frame written in 3 chops, 1 s apart,"
                    + " the second making it invalid, then an empty final frame" + parts, rule,
                    d -> {
                        byte[] frame = Frame.text(payload).fin(false).masked().toBytes();
                        int header = frame.length - payload.length;
                        chops[0] = Arrays.copyOfRange(frame, 0, header + p1.length);
                        chops[1] = Arrays.copyOfRange(frame, header + p1.length, header + p1.length + p2.length);
                        chops[2] = Arrays.copyOfRange(frame, header + p1.length + p2.length, frame.length);
                        d.sendRaw(chops[0]);
                    },
                    d -> d.sendRaw(chops[1]),
                    d -> d.sendRaw(concat(chops[2], Frame.continuation(new byte[0]).masked().toBytes()))));
        }
    }

    private static ConformanceCase failFastCase(String id, String description, String rule, CaseScript part1,
                                                CaseScript part2, CaseScript part3) {
        return c(id, CAT, description, rule)
                .sends(d -> {
                    part1.run(d);
                    if (!d.pause(1)) {
                        return;
                    }
                    d.record(Expected.timeout("A"));
                    part2.run(d);
                    if (!d.pause(1)) {
                        return;
                    }
                    d.record(Expected.timeout("B"));
                    part3.run(d);
                    d.killAfter(1);
                })
                .expect(Expected.timeout("A")).expect(Verdict.NON_STRICT, Expected.timeout("A"), Expected.timeout("B"))
                .serverFails(1007).wrongEndpointIsFatal().mostlyWaits().build();
    }

    /** One subcategory of case6_x_x.py: its title, payloads and whether each is valid UTF-8. */
    private static final class Group {
        final String title;
        final List<byte[]> payloads = new ArrayList<>();
        final List<Boolean> valid = new ArrayList<>();

        Group(String title) {
            this.title = title;
        }

        Group add(boolean isValid, String hexBytes) {
            return add(isValid, hex(hexBytes));
        }

        Group add(boolean isValid, byte[] bytes) {
            payloads.add(bytes);
            valid.add(isValid);
            return this;
        }
    }

    private static byte[] helloWorld(String middleHex) {
        return concat(utf8("hello"), hex(middleHex), utf8("world"));
    }

    private static byte[] range(int from, int toExclusive, boolean withSpaces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = from; b < toExclusive; b++) {
            out.write(b);
            if (withSpaces) {
                out.write(0x20);
            }
        }
        return out.toByteArray();
    }

    /** createUtf8TestSequences of case6_x_x.py, group by group. */
    private static List<Group> sequences() {
        List<Group> g = new ArrayList<>();
        g.add(new Group("Some valid UTF-8 sequences").add(true, helloWorld("24")).add(true, helloWorld("c2 a2"))
                .add(true, helloWorld("e2 82 ac")).add(true, helloWorld("f0 a4 ad a2")).add(true, KOSME));
        Group prefixes = new Group("All prefixes of a valid UTF-8 string that contains multi-byte code points");
        for (int i = 1; i <= KOSME.length; i++) {
            byte[] p = Arrays.copyOf(KOSME, i);
            prefixes.add(Utf8Validator.isValid(p), p);
        }
        g.add(prefixes);
        g.add(new Group("First possible sequence of a certain length").add(true, "00").add(true, "c2 80")
                .add(true, "e0 a0 80").add(true, "f0 90 80 80"));
        g.add(new Group("First possible sequence length 5/6 (invalid codepoints)").add(false, "f8 88 80 80 80")
                .add(false, "fc 84 80 80 80 80"));
        g.add(new Group("Last possible sequence of a certain length").add(true, "7f").add(true, "df bf")
                .add(true, "ef bf bf").add(true, "f4 8f bf bf"));
        g.add(new Group("Last possible sequence length 4/5/6 (invalid codepoints)").add(false, "f7 bf bf bf")
                .add(false, "fb bf bf bf bf").add(false, "fd bf bf bf bf bf"));
        g.add(new Group("Other boundary conditions").add(true, "ed 9f bf").add(true, "ee 80 80").add(true, "ef bf bd")
                .add(true, "f4 8f bf bf").add(false, "f4 90 80 80"));
        g.add(new Group("Unexpected continuation bytes").add(false, "80").add(false, "bf").add(false, "80 bf")
                .add(false, "80 bf 80").add(false, "80 bf 80 bf").add(false, "80 bf 80 bf 80")
                .add(false, "80 bf 80 bf 80 bf").add(false, range(0x80, 0xbf, false)));
        Group lonely = new Group("Lonely start characters");
        int[][] starts = {{0xc0, 0xdf}, {0xe0, 0xef}, {0xf0, 0xf7}, {0xf8, 0xfb}, {0xfc, 0xfd}};
        for (int[] s : starts) {
            lonely.add(false, range(s[0], s[1], true));
        }
        g.add(lonely);
        String[] missing = {"c0", "e0 80", "f0 80 80", "f8 80 80 80", "fc 80 80 80 80", "df", "ef bf", "f7 bf bf",
                "fb bf bf bf", "fd bf bf bf bf"};
        Group missingLast = new Group("Sequences with last continuation byte missing");
        for (String m : missing) {
            missingLast.add(false, m);
        }
        g.add(missingLast);
        g.add(new Group("Concatenation of incomplete sequences").add(false, String.join("", missing)));
        g.add(new Group("Impossible bytes").add(false, "fe").add(false, "ff").add(false, "fe fe ff ff"));
        g.add(new Group("Examples of an overlong ASCII character").add(false, "c0 af").add(false, "e0 80 af")
                .add(false, "f0 80 80 af").add(false, "f8 80 80 80 af").add(false, "fc 80 80 80 80 af"));
        g.add(new Group("Maximum overlong sequences").add(false, "c1 bf").add(false, "e0 9f bf")
                .add(false, "f0 8f bf bf").add(false, "f8 87 bf bf bf").add(false, "fc 83 bf bf bf bf"));
        g.add(new Group("Overlong representation of the NUL character").add(false, "c0 80").add(false, "e0 80 80")
                .add(false, "f0 80 80 80").add(false, "f8 80 80 80 80").add(false, "fc 80 80 80 80 80"));
        String[] single = {"ed a0 80", "ed ad bf", "ed ae 80", "ed af bf", "ed b0 80", "ed be 80", "ed bf bf"};
        Group singles = new Group("Single UTF-16 surrogates");
        for (String s : single) {
            singles.add(false, s);
        }
        g.add(singles);
        Group pairs = new Group("Paired UTF-16 surrogates");
        for (String high : new String[] {"ed a0 80", "ed ad bf", "ed ae 80", "ed af bf"}) {
            for (String low : new String[] {"ed b0 80", "ed bf bf"}) {
                pairs.add(false, high + low);
            }
        }
        g.add(pairs);
        Group nonChars = new Group("Non-character code points (valid UTF-8)").add(true, "ef bf be").add(true, "ef bf bf");
        for (String z1 : new String[] {"f0", "f1", "f2", "f3", "f4"}) {
            for (String z2 : new String[] {"8f", "9f", "af", "bf"}) {
                if (z1.equals("f4") && !z2.equals("8f")) {
                    continue; // beyond U+10FFFF
                }
                for (String z3 : new String[] {"be", "bf"}) {
                    String zz = z1 + z2 + "bf" + z3;
                    if (!zz.equals("f08fbfbe") && !zz.equals("f08fbfbf")) { // overlong
                        nonChars.add(true, zz);
                    }
                }
            }
        }
        g.add(nonChars);
        Group specials = new Group("Unicode specials (i.e. replacement char)");
        for (String s : new String[] {"ef bf b9", "ef bf ba", "ef bf bb", "ef bf bc", "ef bf bd", "ef bf be", "ef bf bf"}) {
            specials.add(true, s);
        }
        g.add(specials);
        return g;
    }
}
