package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * One event of a case, as Autobahn|Testsuite records them: a whole message (reassembled), a ping or pong
 * from the server, or a timeout marker a case records when a pause passed with the connection still open
 * (6.4.x: the server did not fail the connection yet).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Expected {

    /** Kinds of events compared. */
    public enum Kind { TEXT, BINARY, PONG, PING, TIMEOUT }

    private final Kind kind;
    private final byte[] payload;

    private Expected(Kind kind, byte[] payload) {
        this.kind = kind;
        this.payload = payload;
    }

    public static Expected text(String text) {
        return new Expected(Kind.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Expected text(byte[] utf8) {
        return new Expected(Kind.TEXT, utf8.clone());
    }

    public static Expected binary(byte[] data) {
        return new Expected(Kind.BINARY, data.clone());
    }

    public static Expected pong(byte[] payload) {
        return new Expected(Kind.PONG, payload.clone());
    }

    public static Expected pong(String payload) {
        return pong(payload.getBytes(StandardCharsets.UTF_8));
    }

    public static Expected ping(byte[] payload) {
        return new Expected(Kind.PING, payload.clone());
    }

    /** The marker a case records when a pause ended with the connection still open, e.g. "A". */
    public static Expected timeout(String tag) {
        return new Expected(Kind.TIMEOUT, tag.getBytes(StandardCharsets.UTF_8));
    }

    /** A received event of the given kind; the payload is taken as it is, not copied. */
    static Expected received(Kind kind, byte[] payload) {
        return new Expected(kind, payload);
    }

    public Kind kind() {
        return kind;
    }

    public byte[] payload() {
        return payload.clone();
    }

    public int size() {
        return payload.length;
    }

    /** Whether this is a text or binary message. */
    public boolean isMessage() {
        return kind == Kind.TEXT || kind == Kind.BINARY;
    }

    byte[] payloadUnsafe() {
        return payload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expected && ((Expected) o).kind == kind && Arrays.equals(((Expected) o).payload, payload);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(payload);
    }

    /** E.g. {@code TEXT "Hello"}, {@code BINARY 65536 bytes} or {@code TIMEOUT A}. */
    @Override
    public String toString() {
        if (kind == Kind.TIMEOUT) {
            return "TIMEOUT " + new String(payload, StandardCharsets.UTF_8);
        }
        if (payload.length > 40 || kind == Kind.BINARY) {
            return kind + " " + payload.length + " bytes";
        }
        String s = new String(payload, StandardCharsets.UTF_8);
        return kind + " \"" + s + "\"";
    }
}
