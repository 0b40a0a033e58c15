package dev.wstest.conformance;

import static dev.wstest.conformance.ConformanceCatalogue.c;
import static dev.wstest.conformance.ConformanceCatalogue.hex;
import static dev.wstest.conformance.ConformanceCatalogue.utf8;
import static dev.wstest.conformance.Expected.pong;
import static dev.wstest.conformance.Expected.text;

import dev.wstest.protocol.Frame;
import java.util.List;

/**
 * Autobahn's 3.x (reserved bits), 4.x (opcodes) and 5.x (fragmentation): case3_*.py, case4_*.py,
 * case5_*.py. "One write", "frame by frame" and "chops of 1 byte" are Autobahn's plain sends,
 * {@code sync=True} and {@code chopsize=1}.
 */
final class FrameRuleCases {

    private FrameRuleCases() {
    }

    /** How a case writes its frames. */
    private enum Send {
        ONE_WRITE("in one write"), FRAME_BY_FRAME("frame by frame"), CHOPPED("in chops of 1 byte");

        final String words;

        Send(String words) {
            this.words = words;
        }

        void send(CaseDriver d, Frame... frames) {
            switch (this) {
                case ONE_WRITE:
                    d.send(frames);
                    break;
                case FRAME_BY_FRAME:
                    d.sendEach(frames);
                    break;
                default:
                    for (Frame f : frames) {
                        d.sendChopped(f, 1);
                    }
            }
        }
    }

    private static final String HELLO = "Hello, world!";
    private static final Frame EMPTY_PING = Frame.ping(new byte[0]);

    static void addTo(List<ConformanceCase> all) {
        reservedBits(all);
        opcodes(all);
        fragmentation(all);
    }

    private static ConformanceCase.Builder failing(String id, Category cat, String description, String rule,
                                                   Send how, Frame... frames) {
        return c(id, cat, description, rule).sends(d -> {
            how.send(d, frames);
            d.killAfter(1);
        }).serverFails(1002);
    }

    /** Echo of a valid message, then a bad frame: OK if the echo came first, NON-STRICT if not. */
    private static ConformanceCase.Builder echoThenFail(String id, Category cat, String description, Send how,
                                                        Frame... frames) {
        return failing(id, cat, description + ", " + how.words, "Echo of the first message, then the connection"
                + " failed (1002) before the ping is answered (OK); failed before the echo (NON-STRICT)", how, frames)
                .expect(text(HELLO)).expect(Verdict.NON_STRICT);
    }

    private static void reservedBits(List<ConformanceCase> all) {
        String rule = "The server must fail the connection: RSV bits MUST be 0 unless an extension defines them"
                + " (RFC 6455 section 5.2), close 1002";
        Category cat = Category.RESERVED_BITS;
        all.add(failing("3.1", cat, "Send a small text message with RSV = 1", rule, Send.ONE_WRITE,
                Frame.text(HELLO).rsv(1)).build());
        Send[] how = {Send.ONE_WRITE, Send.FRAME_BY_FRAME, Send.CHOPPED};
        for (int i = 0; i < 3; i++) {
            int rsv = i + 2;
            all.add(echoThenFail("3." + rsv, cat, "Send a small text message, then again with RSV = " + rsv
                    + ", then a ping", how[i], Frame.text(HELLO), Frame.text(HELLO).rsv(rsv), EMPTY_PING).build());
        }
        all.add(failing("3.5", cat, "Send a small binary message with RSV = 5", rule, Send.ONE_WRITE,
                Frame.binary(hex("00 ff fe fd fc fb 00 ff")).rsv(5)).build());
        all.add(failing("3.6", cat, "Send a binary frame \"Hello, world!\" with RSV = 6 (Autobahn describes a ping;"
                + " its case sends opcode 2)", rule, Send.ONE_WRITE, Frame.binary(utf8(HELLO)).rsv(6)).build());
        all.add(failing("3.7", cat, "Send a close frame without payload with RSV = 7", rule, Send.ONE_WRITE,
                Frame.close().rsv(7)).build());
    }

    private static void opcodes(List<ConformanceCase> all) {
        String rule = "The server must fail the connection on a reserved opcode (RFC 6455 section 5.2), close 1002";
        Category cat = Category.OPCODES;
        for (int g = 0; g < 2; g++) {
            String kind = g == 0 ? "non-control" : "control";
            int base = g == 0 ? 3 : 11;
            String prefix = "4." + (g + 1) + ".";
            all.add(failing(prefix + 1, cat, "Send a frame with reserved " + kind + " opcode " + base, rule,
                    Send.ONE_WRITE, Frame.of(base, new byte[0])).build());
            all.add(failing(prefix + 2, cat, "Send a frame with reserved " + kind + " opcode " + (base + 1)
                    + " and a payload", rule, Send.ONE_WRITE, Frame.of(base + 1, utf8("reserved opcode payload"))).build());
            all.add(echoThenFail(prefix + 3, cat, "Send a small text message, a frame with reserved " + kind
                    + " opcode " + (base + 2) + ", then a ping", Send.ONE_WRITE, Frame.text(HELLO),
                    Frame.of(base + 2, new byte[0]), EMPTY_PING).build());
            all.add(echoThenFail(prefix + 4, cat, "Send a small text message, a frame with reserved " + kind
                    + " opcode " + (base + 3) + " and a payload, then a ping", Send.ONE_WRITE, Frame.text(HELLO),
                    Frame.of(base + 3, utf8(HELLO)), EMPTY_PING).build());
            all.add(echoThenFail(prefix + 5, cat, "Send a small text message, a frame with reserved " + kind
                    + " opcode " + (base + 4) + " and a payload, then a ping", Send.CHOPPED, Frame.text(HELLO),
                    Frame.of(base + 4, utf8(HELLO)), EMPTY_PING).build());
        }
    }

    private static void fragmentation(List<ConformanceCase> all) {
        Category cat = Category.FRAGMENTATION;
        String ctlRule = "The server must fail the connection: control frames MUST NOT be fragmented (RFC 6455"
                + " section 5.5), close 1002";
        all.add(failing("5.1", cat, "Send a ping in 2 fragments", ctlRule, Send.ONE_WRITE,
                Frame.ping(utf8("fragment1")).fin(false), Frame.continuation("fragment2")).build());
        all.add(failing("5.2", cat, "Send a pong in 2 fragments", ctlRule, Send.ONE_WRITE,
                Frame.pong(utf8("fragment1")).fin(false), Frame.continuation("fragment2")).build());
        Frame f1 = Frame.text("fragment1").fin(false);
        Frame f2 = Frame.continuation("fragment2");
        Send[] how = Send.values();
        int n = 3;
        for (Send s : how) {
            all.add(c("5." + n++, cat, "Send a text message in 2 fragments, " + s.words,
                    "Echo of the reassembled message (RFC 6455 section 5.4), then a clean close with 1000")
                    .sends(d -> {
                        s.send(d, f1, f2);
                        d.closeAfter(1);
                    }).expect(text("fragment1fragment2")).build());
        }
        Frame ping = Frame.ping(utf8("ping payload"));
        for (Send s : how) {
            all.add(c("5." + n++, cat, "Send a text message in 2 fragments with a ping between them, " + s.words,
                    "The pong, then the echo: control frames MAY be injected between fragments and are answered at"
                            + " once (RFC 6455 section 5.4)")
                    .sends(d -> {
                        s.send(d, f1, ping, f2);
                        d.closeAfter(1);
                    }).expect(pong("ping payload"), text("fragment1fragment2")).build());
        }
        String contRule = "The server must fail the connection: a continuation frame without a message to continue"
                + " (RFC 6455 section 5.4), close 1002";
        for (boolean fin : new boolean[] {true, false}) {
            for (Send s : how) {
                all.add(failing("5." + n++, cat, "Send a continuation frame with FIN = " + fin + " where there is"
                        + " nothing to continue, then a text message, " + s.words, contRule, s,
                        Frame.continuation("non-continuation payload").fin(fin), Frame.text(HELLO)).build());
            }
        }
        all.add(failing("5.15", cat, "Send a text message in 2 fragments, then a continuation frame with FIN = false"
                + " where there is nothing to continue, then a text frame, in one write", "Echo of the message,"
                + " then the connection failed (1002) (OK); failed before the echo (NON-STRICT)", Send.ONE_WRITE,
                f1, f2, Frame.continuation("fragment3").fin(false), Frame.text("fragment4"))
                .expect(text("fragment1fragment2")).expect(Verdict.NON_STRICT).build());
        for (boolean fin : new boolean[] {false, true}) {
            Frame cont = Frame.continuation("fragment1").fin(fin);
            Frame t2 = Frame.text("fragment2").fin(false);
            Frame c3 = Frame.continuation("fragment3");
            all.add(failing(fin ? "5.17" : "5.16", cat, "Twice: a continuation frame with FIN = " + fin + " (nothing"
                    + " to continue), then a text message in 2 fragments", contRule, Send.ONE_WRITE, cont, t2, c3,
                    cont, t2, c3).build());
        }
        all.add(failing("5.18", cat, "Send a text message in 2 fragments whose second frame is a text frame"
                + " (not a continuation)", "The server must fail the connection: frames after the first of a"
                + " message are continuations (RFC 6455 section 5.4), close 1002", Send.ONE_WRITE,
                Frame.text("fragment1").fin(false), Frame.text("fragment2")).build());
        for (Send s : new Send[] {Send.ONE_WRITE, Send.FRAME_BY_FRAME}) {
            all.add(c(s == Send.ONE_WRITE ? "5.19" : "5.20", cat, "Send a text message in 5 fragments: 2 fragments and"
                    + " a ping, wait 1 s, 2 fragments, a ping and the last fragment" + (s == Send.ONE_WRITE ? ""
                    : ", frame by frame"), "Both pongs (the first before the message is complete), then the echo"
                    + " of the reassembled message, then a clean close with 1000")
                    .sends(d -> {
                        s.send(d, Frame.text("fragment1").fin(false), Frame.continuation("fragment2").fin(false),
                                Frame.ping(utf8("pongme 1!")));
                        d.pause(1);
                        s.send(d, Frame.continuation("fragment3").fin(false), Frame.continuation("fragment4").fin(false),
                                Frame.ping(utf8("pongme 2!")), Frame.continuation("fragment5"));
                        d.closeAfter(1);
                    }).expect(pong("pongme 1!"), pong("pongme 2!"),
                            text("fragment1fragment2fragment3fragment4fragment5")).mostlyWaits().build());
        }
    }
}
