package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The case categories, numbered as in Autobahn|Testsuite (which has no 8 and no 11), and ws-test's own
 * cases ("ws"), which Autobahn's client cannot send.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Category {
    FRAMING("1", "Framing", "text and binary messages of the boundary lengths 0-65536, and frame header rules"),
    PINGS_AND_PONGS("2", "Pings and pongs", "pongs echo ping payloads; control frames carry at most 125 bytes"),
    RESERVED_BITS("3", "Reserved bits", "RSV1-3 set without a negotiated extension must fail the connection"),
    OPCODES("4", "Opcodes", "reserved opcodes 3-7 and 11-15 must fail the connection"),
    FRAGMENTATION("5", "Fragmentation", "fragmented messages, control frames between fragments, bad continuations"),
    UTF8("6", "UTF-8 handling", "text messages must be valid UTF-8, checked across fragments, failing fast"),
    CLOSE("7", "Close handling", "close codes, reasons, payload lengths, and frames after the close"),
    LIMITS("9", "Limits and performance", "messages up to 16 MiB, in frames down to 64 bytes or chops down to 64"
            + " bytes, and 1000 messages one after the other"),
    AUTO_FRAGMENTATION("10", "Auto-fragmentation", "a 64 KiB message in frames of 1300 bytes"),
    COMPRESSION("12", "Compression (payloads)", "permessage-deflate with the default offer: 1000 compressed messages"
            + " of 16 bytes to 128 KiB, whole or auto-fragmented, for five kinds of payload"),
    COMPRESSION_PARAMETERS("13", "Compression (parameters)", "permessage-deflate with every combination of context"
            + " takeover and window size offered and accepted, 1000 compressed messages each"),
    WS_TEST("ws", "ws-test's own", "what Autobahn's client cannot send: unmasked client frames, non-minimal and"
            + " impossible length encodings, several messages in one write, a frame byte by byte");

    private final String number;
    private final String title;
    private final String checks;

    Category(String number, String title, String checks) {
        this.number = number;
        this.title = title;
        this.checks = checks;
    }

    /** "1", "2", ... as in case ids. */
    public String number() {
        return number;
    }

    public String title() {
        return title;
    }

    /** One line on what the category checks. */
    public String checks() {
        return checks;
    }

    @Override
    public String toString() {
        return number + " " + title;
    }
}
