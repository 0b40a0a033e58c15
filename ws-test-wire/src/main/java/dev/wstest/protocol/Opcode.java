package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * WebSocket frame opcodes (RFC 6455 section 5.2). Frames carry the opcode as a plain {@code int} so that
 * the reserved values 3-7 and 11-15 can be encoded and decoded too; this class names them.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Opcode {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private Opcode() {
    }

    /** Whether the opcode is a control opcode (8-15, high bit set). */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** Whether the opcode is reserved for future use: 3-7 (non-control) or 11-15 (control). */
    public static boolean isReserved(int opcode) {
        return (opcode >= 0x3 && opcode <= 0x7) || (opcode >= 0xB && opcode <= 0xF);
    }

    /** "TEXT", "PING", ... or "RESERVED(0x3)". */
    public static String name(int opcode) {
        switch (opcode) {
            case CONTINUATION: return "CONT";
            case TEXT: return "TEXT";
            case BINARY: return "BINARY";
            case CLOSE: return "CLOSE";
            case PING: return "PING";
            case PONG: return "PONG";
            default: return "RESERVED(0x" + Integer.toHexString(opcode & 0xf) + ")";
        }
    }

    static int check(int opcode) {
        if (opcode < 0 || opcode > 0xF) {
            throw new IllegalArgumentException("opcode " + opcode + " does not fit in 4 bits (0-15)");
        }
        return opcode;
    }
}
