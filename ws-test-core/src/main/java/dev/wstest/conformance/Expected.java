package dev.wstest.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One event a case expects from the server: a whole message (reassembled) or a pong. */
public final class Expected {

    /** Kinds of events compared. */
    public enum Kind { TEXT, BINARY, PONG, PING }

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

    /** A received event of the same kind and payload as this one. */
    public static Expected received(Kind kind, byte[] payload) {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Expected && ((Expected) o).kind == kind && Arrays.equals(((Expected) o).payload, payload);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(payload);
    }

    /** E.g. {@code TEXT "Hello"} or {@code BINARY 65536 bytes}. */
    @Override
    public String toString() {
        if (payload.length > 40 || kind == Kind.BINARY) {
            return kind + " " + payload.length + " bytes";
        }
        String s = new String(payload, StandardCharsets.UTF_8);
        return kind + " \"" + s + "\"";
    }
}
