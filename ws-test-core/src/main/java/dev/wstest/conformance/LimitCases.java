package dev.wstest.conformance;

import static dev.wstest.conformance.ConformanceCatalogue.c;
import static dev.wstest.conformance.ConformanceCatalogue.fill;
import static dev.wstest.conformance.ConformanceCatalogue.hex;
import static dev.wstest.conformance.ConformanceCatalogue.repeat;
import static dev.wstest.conformance.ConformanceCatalogue.size;
import static dev.wstest.conformance.ConformanceCatalogue.utf8;
import static dev.wstest.conformance.Expected.text;

import dev.wstest.protocol.Frame;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Autobahn's 9.x (limits and performance: case9_1_1.py to case9_8_X.py) and 10.1.1 (auto-fragmentation).
 * As in Autobahn, a 9.x case is OK when the echo has the type and length sent, within its time limit; a
 * server that refuses the size (close 1009) is FAILED.
 */
final class LimitCases {

    private LimitCases() {
    }

    private static final Category CAT = Category.LIMITS;
    private static final byte[] TEXT_PATTERN = utf8("BAsd7&jh23");
    private static final byte[] BINARY_PATTERN = hex("00 fe 23 fa f0");

    static void addTo(List<ConformanceCase> all) {
        int[] sizes = {64 << 10, 256 << 10, 1 << 20, 4 << 20, 8 << 20, 16 << 20};
        int[] waits = {10, 10, 100, 100, 100, 100};
        // payloads are made when a case runs, so that the catalogue does not hold 100 MiB of them
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            single(all, "9.1." + (i + 1), "Send a text message of " + size(n), false, n, 0, waits[i]);
            single(all, "9.2." + (i + 1), "Send a binary message of " + size(n), true, n, 0, waits[i]);
        }
        for (int i = 0; i < 9; i++) {
            int frag = 64 << (2 * i);
            fragmented(all, "9.3." + (i + 1), "Send a 4 MiB text message in frames of " + size(frag), false, frag);
            fragmented(all, "9.4." + (i + 1), "Send a 4 MiB binary message in frames of " + size(frag), true, frag);
        }
        for (int i = 0; i < 6; i++) {
            int chop = 64 << i;
            single(all, "9.5." + (i + 1), "Send a 1 MiB text message in chops of " + chop + " bytes", false, 1 << 20,
                    chop, 1000);
            single(all, "9.6." + (i + 1), "Send a 1 MiB binary message in chops of " + chop + " bytes", true, 1 << 20,
                    chop, 1000);
        }
        int[] lengths = {0, 16, 64, 256, 1024, 4096};
        int[] roundTripWaits = {60, 60, 60, 120, 240, 480};
        for (int i = 0; i < lengths.length; i++) {
            oneAtATime(all, "9.7." + (i + 1), fill(lengths[i], '*'), false, roundTripWaits[i]);
            oneAtATime(all, "9.8." + (i + 1), fill(lengths[i], 0xfe), true, roundTripWaits[i]);
        }
        byte[] t64 = fill(65536, '*');
        all.add(c("10.1.1", Category.AUTO_FRAGMENTATION, "Send a 64 KiB text message in frames of 1300 bytes",
                "Echo of the reassembled message, then a clean close with 1000")
                .sends(d -> {
                    d.sendMessage(t64, false, 1300);
                    d.killAfter(10);
                }).expect(text(t64)).build());
    }

    private static String rule(String what) {
        return "Echo of the " + what + " within the case's time limit, then a clean close with 1000 (a server that"
                + " refuses the size, e.g. with 1009, is FAILED)";
    }

    private static void single(List<ConformanceCase> all, String id, String description, boolean binary,
                               int length, int chop, int waitSeconds) {
        all.add(c(id, CAT, description, rule(binary ? "binary message" : "text message")).judgedByScript()
                .timeLimit(waitSeconds + 5)
                .sends(d -> {
                    Frame frame = binary ? Frame.binary(repeat(BINARY_PATTERN, length))
                            : Frame.text(repeat(TEXT_PATTERN, length));
                    if (chop > 0) {
                        d.sendChopped(frame, chop);
                    } else {
                        d.send(frame);
                    }
                    d.closeAfter(waitSeconds);
                    judgeEcho(d, d.awaitMessage(), binary, length, null, waitSeconds);
                }).build());
    }

    private static void fragmented(List<ConformanceCase> all, String id, String description, boolean binary,
                                   int fragmentSize) {
        all.add(c(id, CAT, description, rule(binary ? "binary message" : "text message")).judgedByScript()
                .timeLimit(105)
                .sends(d -> {
                    byte[] payload = fill(4 << 20, binary ? 0xfe : '*');
                    d.sendMessage(payload, binary, fragmentSize);
                    d.closeAfter(100);
                    judgeEcho(d, d.awaitMessage(), binary, payload.length, payload, 100);
                }).build());
    }

    private static void judgeEcho(CaseDriver d, Optional<Expected> echo, boolean binary, int length, byte[] sent,
                                  int waitSeconds) {
        if (echo.isEmpty()) {
            d.judge(Verdict.FAILED, "did not receive the message within " + waitSeconds + " s");
            return;
        }
        Expected m = echo.get();
        if (m.kind() != (binary ? Expected.Kind.BINARY : Expected.Kind.TEXT)) {
            d.judge(Verdict.FAILED, "expected a " + (binary ? "binary" : "text") + " message, got " + m.kind());
        } else if (m.size() != length) {
            d.judge(Verdict.FAILED, "expected a message of " + length + " bytes, got " + m.size());
        } else if (sent != null && !Arrays.equals(sent, m.payloadUnsafe())) {
            d.judge(Verdict.OK, "received a message of " + length + " bytes (its content differs from what was sent;"
                    + " Autobahn checks only the length)");
        } else {
            d.judge(Verdict.OK, "received the message of " + length + " bytes");
        }
        d.close(1000, null);
    }

    private static void oneAtATime(List<ConformanceCase> all, String id, byte[] payload, boolean binary,
                                   int waitSeconds) {
        String kind = binary ? "binary" : "text";
        all.add(c(id, CAT, "Send 1000 " + kind + " messages of " + payload.length + " bytes, each after the echo"
                + " of the one before", "Echo of every message, in order, within " + waitSeconds + " s in all")
                .judgedByScript().timeLimit(waitSeconds + 5)
                .sends(d -> {
                    d.closeAfter(waitSeconds);
                    Frame frame = binary ? Frame.binary(payload) : Frame.text(payload);
                    for (int n = 1; n <= 1000; n++) {
                        d.send(frame);
                        Optional<Expected> echo = d.awaitMessage();
                        if (echo.isEmpty()) {
                            d.judge(Verdict.FAILED, "received " + (n - 1) + " of 1000 echoes within " + waitSeconds + " s");
                            return;
                        }
                        Expected m = echo.get();
                        if (m.kind() != (binary ? Expected.Kind.BINARY : Expected.Kind.TEXT) || m.size() != payload.length) {
                            d.judge(Verdict.FAILED, "echo " + n + " differs from what was sent: " + m);
                            d.close(1000, null);
                            return;
                        }
                    }
                    d.judge(Verdict.OK, "received all 1000 echoes in time");
                    d.close(1000, null);
                }).build());
    }
}
