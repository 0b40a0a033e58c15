package dev.wstest.internal;

import dev.wstest.protocol.FrameHeaderReader;
import dev.wstest.protocol.Opcode;
import java.nio.ByteBuffer;

/**
 * The inbound message size limit of one connection, checked on the frame headers as they arrive: a message
 * whose frames together declare more than the limit is refused before its payload is buffered anywhere. Tyrus
 * would buffer such a frame up to its incoming buffer size and then fail with "Buffer overflow." (close 1011
 * and a logged stack trace); with this guard Tyrus never sees it.
 */
public final class MessageSizeGuard {

    private final long limit;
    private final String owner;
    private final FrameHeaderReader headers = new FrameHeaderReader();
    private long messageBytes;
    private int messageOpcode = -1;
    private String problem;
    private boolean refused;

    /**
     * @param limit largest message in bytes
     * @param owner whose limit it is, for the message: "this client's", "this server's"
     */
    public MessageSizeGuard(long limit, String owner) {
        this.limit = limit;
        this.owner = owner;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /**
     * Reads the chunk's frame headers (position unchanged).
     *
     * @return -1 if every message so far is within the limit, else the offset (relative to the position) where
     *         the frame that goes over it starts; {@link #problem()} then says what happened
     */
    public int check(ByteBuffer chunk) {
        if (problem != null) {
            return 0; // refused: nothing after the offending frame counts
        }
        return headers.feed(chunk, (start, fin, opcode, length) -> {
            if (opcode >= 0x8) {
                return true; // control frames are at most 125 bytes and not part of a message
            }
            if (opcode != Opcode.CONTINUATION) {
                messageOpcode = opcode;
                messageBytes = 0;
            }
            messageBytes = length > limit ? length : messageBytes + length;
            if (messageBytes > limit) {
                problem = "message too big: a " + (messageOpcode == Opcode.TEXT ? "text" : messageOpcode == Opcode.BINARY
                        ? "binary" : "") + " message of " + (fin ? "" : "at least ") + messageBytes + " bytes, above "
                        + owner + " limit of " + limit + " bytes (maxMessageBytes); closing with 1009";
                return false;
            }
            return true;
        });
    }

    /** Marks the refusal as acted on; true the first time only. */
    public boolean refuse() {
        if (refused || problem == null) {
            return false;
        }
        refused = true;
        return true;
    }

    /** Why the connection was refused, once {@link #check} found a message over the limit; null before. */
    public String problem() {
        return problem;
    }
}
