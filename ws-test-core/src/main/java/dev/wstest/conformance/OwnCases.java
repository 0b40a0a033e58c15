package dev.wstest.conformance;

import static dev.wstest.conformance.ConformanceCatalogue.c;
import static dev.wstest.conformance.ConformanceCatalogue.hex;
import static dev.wstest.conformance.ConformanceCatalogue.utf8;
import static dev.wstest.conformance.Expected.text;

import dev.wstest.protocol.Frame;
import java.util.List;

/**
 * ws-test's own cases, which Autobahn's client cannot send (it always masks and always uses the minimal
 * length encoding), judged by the same rules. Ids "ws.N", outside Autobahn's numbering.
 */
final class OwnCases {

    private OwnCases() {
    }

    private static final Category CAT = Category.WS_TEST;

    static void addTo(List<ConformanceCase> all) {
        all.add(c("ws.1", CAT, "Send an UNMASKED text frame \"Hello, world!\"",
                "The server must fail the connection: a server MUST close the connection upon receiving an unmasked"
                        + " frame (RFC 6455 section 5.1), close 1002")
                .sends(d -> {
                    d.sendAsIs(Frame.text("Hello, world!"));
                    d.killAfter(1);
                }).serverFails(1002).build());
        all.add(c("ws.2", CAT, "Send an UNMASKED ping", "The server must fail the connection (RFC 6455 section 5.1),"
                + " close 1002")
                .sends(d -> {
                    d.sendAsIs(Frame.ping(utf8("unmasked")));
                    d.killAfter(1);
                }).serverFails(1002).build());
        all.add(c("ws.3", CAT, "Send \"Hello\" with a 16-bit length field (non-minimal encoding)",
                "Undefined: senders MUST use the minimal length encoding (RFC 6455 section 5.2); receivers may"
                        + " accept or fail; recorded only")
                .sends(d -> {
                    d.send(Frame.text("Hello").lengthEncoding(Frame.LengthEncoding.BITS_16));
                    d.killAfter(1);
                }).expect(text("Hello")).informational().build());
        all.add(c("ws.4", CAT, "Send \"Hello\" with a 64-bit length field (non-minimal encoding)",
                "Undefined: senders MUST use the minimal length encoding (RFC 6455 section 5.2); recorded only")
                .sends(d -> {
                    d.send(Frame.text("Hello").lengthEncoding(Frame.LengthEncoding.BITS_64));
                    d.killAfter(1);
                }).expect(text("Hello")).informational().build());
        all.add(c("ws.5", CAT, "Send a frame header declaring a 64-bit length with the top bit set",
                "The server must fail the connection: the most significant bit of a 64-bit length MUST be 0"
                        + " (RFC 6455 section 5.2); close 1002 or 1009")
                .sends(d -> {
                    d.sendRaw(hex("82 ff 80 00 00 00 00 00 00 01 01 02 03 04"));
                    d.killAfter(1);
                }).serverFails(1002, 1009).build());
        all.add(c("ws.6", CAT, "Send two text messages in one TCP write", "Echo of both messages, in order, then a"
                + " clean close with 1000")
                .sends(d -> {
                    d.send(Frame.text("first"), Frame.text("second"));
                    d.killAfter(1);
                }).expect(text("first"), text("second")).build());
        all.add(c("ws.7", CAT, "Send a text frame in chops of 1 byte",
                "Echo of the message: the server must reassemble the frame from single bytes")
                .sends(d -> {
                    d.sendChopped(Frame.text("byte by byte"), 1);
                    d.killAfter(1);
                }).expect(text("byte by byte")).build());
    }
}
