package dev.wstest.conformance;

import static dev.wstest.conformance.ConformanceCatalogue.c;
import static dev.wstest.conformance.ConformanceCatalogue.fill;
import static dev.wstest.conformance.ConformanceCatalogue.hex;
import static dev.wstest.conformance.ConformanceCatalogue.utf8;
import static dev.wstest.conformance.Expected.binary;
import static dev.wstest.conformance.Expected.pong;
import static dev.wstest.conformance.Expected.text;

import dev.wstest.protocol.Frame;
import java.util.List;

/** Autobahn's 1.x (framing) and 2.x (pings and pongs): case1_*.py, case2_*.py. */
final class FramingCases {

    private FramingCases() {
    }

    private static final int[] LENGTHS = {0, 125, 126, 127, 128, 65535, 65536};

    static void addTo(List<ConformanceCase> all) {
        for (int i = 0; i < LENGTHS.length; i++) {
            int n = LENGTHS[i];
            double kill = n > 128 ? 10 : 1;
            byte[] t = fill(n, '*');
            all.add(c("1.1." + (i + 1), Category.FRAMING, "Send a text message with a payload of length " + n,
                    "Echo of the text message (" + n + " bytes; RFC 6455 section 5.2 length encoding), then a clean"
                            + " close with 1000")
                    .sends(d -> {
                        d.send(Frame.text(t));
                        d.killAfter(kill);
                    }).expect(text(t)).build());
            byte[] b = fill(n, 0xfe);
            all.add(c("1.2." + (i + 1), Category.FRAMING, "Send a binary message with a payload of length " + n,
                    "Echo of the binary message (" + n + " bytes), then a clean close with 1000")
                    .sends(d -> {
                        d.send(Frame.binary(b));
                        d.killAfter(kill);
                    }).expect(binary(b)).build());
        }
        byte[] t8 = fill(65536, '*');
        all.add(c("1.1.8", Category.FRAMING, "Send a 65536-byte text message in chops of 997 bytes",
                "Echo of the text message: a frame may arrive in any number of TCP segments")
                .sends(d -> {
                    d.sendChopped(Frame.text(t8), 997);
                    d.killAfter(10);
                }).expect(text(t8)).build());
        byte[] b8 = fill(65536, 0xfe);
        all.add(c("1.2.8", Category.FRAMING, "Send a 65536-byte binary message in chops of 997 bytes",
                "Echo of the binary message").sends(d -> {
                    d.sendChopped(Frame.binary(b8), 997);
                    d.killAfter(10);
                }).expect(binary(b8)).build());
        pings(all);
    }

    private static void pings(List<ConformanceCase> all) {
        String pongRule = "A pong with the ping's payload (RFC 6455 section 5.5.3), then a clean close with 1000";
        ping(all, "2.1", "Send a ping without payload", new byte[0], 0, 1, pongRule);
        ping(all, "2.2", "Send a ping with a small text payload", utf8("Hello, world!"), 0, 1, pongRule);
        ping(all, "2.3", "Send a ping with a small binary (non UTF-8) payload", hex("00 ff fe fd fc fb 00 ff"), 0, 1,
                pongRule);
        ping(all, "2.4", "Send a ping with a 125-byte binary payload", fill(125, 0xfe), 0, 1, pongRule);
        byte[] p126 = fill(126, 0xfe);
        all.add(c("2.5", Category.PINGS_AND_PONGS, "Send a ping with a 126-byte binary payload",
                "The server must fail the connection: control frames carry at most 125 bytes (RFC 6455 section"
                        + " 5.5), close 1002")
                .sends(d -> {
                    d.send(Frame.ping(p126));
                    d.killAfter(1);
                }).serverFails(1002).build());
        ping(all, "2.6", "Send a ping with a 125-byte binary payload in chops of 1 byte", fill(125, 0xfe), 1, 2, pongRule);
        all.add(c("2.7", Category.PINGS_AND_PONGS, "Send an unsolicited pong without payload, then close",
                "Nothing: an unsolicited pong is ignored (RFC 6455 section 5.5.3); a clean close with 1000")
                .sends(d -> {
                    d.send(Frame.pong(new byte[0]));
                    d.close(1000, null);
                    d.closeAfter(1);
                }).build());
        all.add(c("2.8", Category.PINGS_AND_PONGS, "Send an unsolicited pong with payload, then close",
                "Nothing: an unsolicited pong is ignored (RFC 6455 section 5.5.3); a clean close with 1000")
                .sends(d -> {
                    d.send(Frame.pong(utf8("unsolicited pong payload")));
                    d.close(1000, null);
                    d.closeAfter(1);
                }).build());
        all.add(c("2.9", Category.PINGS_AND_PONGS, "Send an unsolicited pong with payload, then a ping with payload",
                "Only the pong answering the ping, then a clean close with 1000")
                .sends(d -> {
                    d.send(Frame.pong(utf8("unsolicited pong payload")), Frame.ping(utf8("ping payload")));
                    d.closeAfter(1);
                }).expect(pong("ping payload")).build());
        Expected[] tenPongs = new Expected[10];
        Frame[] tenPings = new Frame[10];
        for (int i = 0; i < 10; i++) {
            tenPongs[i] = pong("payload-" + i);
            tenPings[i] = Frame.ping(utf8("payload-" + i));
        }
        String tenRule = "A pong for each ping, in order (Autobahn checks this although RFC 6455 section 5.5.3 lets"
                + " a server answer only the most recent ping), then a clean close with 1000";
        all.add(c("2.10", Category.PINGS_AND_PONGS, "Send 10 pings with payload", tenRule)
                .sends(d -> {
                    d.send(tenPings);
                    d.closeAfter(3);
                }).expect(tenPongs).build());
        all.add(c("2.11", Category.PINGS_AND_PONGS, "Send 10 pings with payload, each in chops of 1 byte", tenRule)
                .sends(d -> {
                    for (Frame f : tenPings) {
                        d.sendChopped(f, 1);
                    }
                    d.closeAfter(3);
                }).expect(tenPongs).build());
    }

    private static void ping(List<ConformanceCase> all, String id, String description, byte[] payload, int chop,
                             double closeAfter, String rule) {
        all.add(c(id, Category.PINGS_AND_PONGS, description, rule)
                .sends(d -> {
                    if (chop > 0) {
                        d.sendChopped(Frame.ping(payload), chop);
                    } else {
                        d.send(Frame.ping(payload));
                    }
                    d.closeAfter(closeAfter);
                }).expect(pong(payload)).build());
    }
}
