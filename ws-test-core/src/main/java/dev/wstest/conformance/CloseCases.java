package dev.wstest.conformance;

import static dev.wstest.conformance.ConformanceCatalogue.c;
import static dev.wstest.conformance.ConformanceCatalogue.hex;
import static dev.wstest.conformance.ConformanceCatalogue.repeat;
import static dev.wstest.conformance.ConformanceCatalogue.utf8;
import static dev.wstest.conformance.Expected.text;

import dev.wstest.protocol.Frame;
import java.util.List;

/**
 * Autobahn's 7.x (close handling): case7_*.py. In every case the client starts the closing handshake;
 * a close code outside the accepted ones makes the case FAILED (Autobahn's {@code onConnectionLost}
 * turns WRONG CODE into FAILED for all of 7.1, 7.3, 7.5, 7.7 and 7.9).
 */
final class CloseCases {

    private CloseCases() {
    }

    private static final Category CAT = Category.CLOSE;

    static void addTo(List<ConformanceCase> all) {
        all.add(c("7.1.1", CAT, "Send a text message, then (after its echo) a close frame",
                "Echo of the message, then a close reply 1000 and the server closes TCP (RFC 6455 section 7.1.1)")
                .sends(d -> {
                    d.send(Frame.text("Hello World!"));
                    d.killAfter(1);
                }).expect(text("Hello World!")).wrongCodeIsFatal().build());
        closeThen(all, "7.1.2", "Send a close frame 1000, then a close frame without payload",
                "One close reply 1000; the second close is ignored (RFC 6455 section 5.5.1)", Frame.close());
        closeThen(all, "7.1.3", "Send a close frame 1000, then a ping",
                "The close reply and no pong: nothing is processed after a close (RFC 6455 section 5.5.1)",
                Frame.ping(new byte[0]));
        closeThen(all, "7.1.4", "Send a close frame 1000, then a text message",
                "The close reply and no echo: no data after a close (RFC 6455 section 5.5.1)", Frame.text("Hello World!"));
        all.add(c("7.1.5", CAT, "Send a text fragment, a close frame 1000, then the last fragment",
                "The close reply and no echo")
                .sends(d -> {
                    d.send(Frame.text("fragment1").fin(false));
                    d.close(1000, null);
                    d.send(Frame.continuation("fragment2"));
                    d.killAfter(1);
                }).suppressClose().wrongCodeIsFatal().build());
        byte[] big = repeat(utf8("BAsd7&jh23"), 256 * 1024);
        all.add(c("7.1.6", CAT, "Send a 256 KiB text message and \"Hello World!\", then at once a close frame and a ping",
                "Undefined whether the messages are echoed before the close reply; recorded only")
                .sends(d -> {
                    d.send(Frame.text(big), Frame.text("Hello World!"));
                    d.close(1000, null);
                    d.send(Frame.ping(new byte[0]));
                    d.killAfter(1);
                }).expect(text("Hello World!")).expect(Verdict.NON_STRICT).suppressClose().informational().build());

        close(all, "7.3.1", "Send a close frame without payload", "A close reply without payload or with 1000"
                + " (RFC 6455 section 5.5.1)", null, null, true, 1000);
        close(all, "7.3.2", "Send a close frame with a 1-byte payload (\"a\")", "The server must fail the connection:"
                + " a close payload starts with a 2-byte code (RFC 6455 section 5.5.1); close 1002 or drop TCP",
                null, utf8("a"), false, 1002);
        close(all, "7.3.3", "Send a close frame with code 1000 and no reason", "Close reply 1000", 1000, null, true, 1000);
        close(all, "7.3.4", "Send a close frame with code 1000 and a reason", "Close reply 1000", 1000,
                utf8("Hello World!"), true, 1000);
        close(all, "7.3.5", "Send a close frame with code 1000 and a 123-byte reason (125 bytes of payload)",
                "Close reply 1000", 1000, utf8("*".repeat(123)), true, 1000);
        close(all, "7.3.6", "Send a close frame with code 1000 and a 124-byte reason (126 bytes of payload)",
                "The server must fail the connection: control frames carry at most 125 bytes (RFC 6455 section"
                        + " 5.5); close 1002 or drop TCP", 1000, utf8("*".repeat(124)), false, 1002);
        close(all, "7.5.1", "Send a close frame whose reason is invalid UTF-8", "The server must fail the"
                + " connection: the reason MUST be UTF-8 (RFC 6455 section 5.5.1); close 1002 or 1007, or drop TCP",
                1000, hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64"), false, 1002, 1007);
        int[] valid = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
        for (int i = 0; i < valid.length; i++) {
            int code = valid[i];
            all.add(c("7.7." + (i + 1), CAT, "Send a close frame with valid code " + code,
                    "A clean close reply with 1000 or the same code (RFC 6455 section 7.4)")
                    .sends(d -> {
                        d.close(code, null);
                        d.killAfter(1);
                    }).clientCloses(1000, code).wrongCodeIsFatal().build());
        }
        int[] invalid = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};
        for (int i = 0; i < invalid.length; i++) {
            int code = invalid[i];
            all.add(c("7.9." + (i + 1), CAT, "Send a close frame with invalid code " + code,
                    "The server must fail the connection: " + code + " may not be sent (RFC 6455 section 7.4);"
                            + " close 1002 or drop TCP")
                    .sends(d -> {
                        d.close(code, null);
                        d.killAfter(1);
                    }).clientCloses(1002).requireClean(false).wrongCodeIsFatal().build());
        }
        for (int i = 0; i < 2; i++) {
            int code = i == 0 ? 5000 : 65535;
            all.add(c("7.13." + (i + 1), CAT, "Send a close frame with code " + code,
                    "Undefined by the RFC (codes above 4999 are not assigned); recorded only")
                    .sends(d -> {
                        d.close(code, null);
                        d.killAfter(1);
                    }).clientCloses(1000, code, 1002).requireClean(false).suppressClose().informational().build());
        }
    }

    private static void closeThen(List<ConformanceCase> all, String id, String description, String rule, Frame then) {
        all.add(c(id, CAT, description, rule)
                .sends(d -> {
                    d.close(1000, null);
                    d.send(then);
                    d.killAfter(1);
                }).suppressClose().wrongCodeIsFatal().build());
    }

    private static void close(List<ConformanceCase> all, String id, String description, String rule, Integer code,
                              byte[] reason, boolean clean, int... accepted) {
        all.add(c(id, CAT, description, rule)
                .sends(d -> {
                    d.close(code, reason);
                    d.killAfter(1);
                }).clientCloses(accepted).requireClean(clean).suppressClose().wrongCodeIsFatal().build());
    }
}
