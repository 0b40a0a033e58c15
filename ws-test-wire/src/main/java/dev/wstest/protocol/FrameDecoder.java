package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.apiguardian.api.API;

/**
 * Incremental frame decoder for one direction of a connection: feed it bytes as they arrive, take whole
 * frames out with {@link #next()}. Any header is accepted (reserved bits, reserved opcodes, masked or
 * not, non-minimal lengths); only what cannot be a frame is rejected with {@link WsProtocolException}:
 * a 64-bit length with its most significant bit set, or a payload above the configured limit. After such
 * an error the stream is unusable and every further call throws again.
 *
 * <p>Decoded frames keep the masking key they arrived with and hand out the unmasked payload. Built on
 * {@link FrameReader}, so each payload byte is copied once, into the frame. Not thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FrameDecoder {

    /** The payload limit of {@link #FrameDecoder()}: 64 MiB. */
    public static final long DEFAULT_MAX_PAYLOAD = 64L * 1024 * 1024;

    private final FrameReader reader;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final FrameReader.Handler enqueue = (header, payload) -> {
        frames.add(Frame.decoded(header.fin(), header.rsv(), header.opcode(), payload, header.maskKeyBytes(),
                header.lengthEncoding()));
        return true;
    };
    private long fed;
    private long returned;
    private WsProtocolException failure;

    public FrameDecoder() {
        this(DEFAULT_MAX_PAYLOAD);
    }

    /** @param maxPayload the largest payload accepted, at most {@code Integer.MAX_VALUE - 16} */
    public FrameDecoder(long maxPayload) {
        this.reader = new FrameReader(maxPayload);
    }

    public void feed(byte[] data, int offset, int length) {
        feed(ByteBuffer.wrap(data, offset, length));
    }

    /** Feeds the buffer's remaining bytes; its position is not changed. */
    public void feed(ByteBuffer data) {
        fed += data.remaining();
        if (failure != null) {
            return;
        }
        try {
            reader.feed(data, enqueue);
        } catch (WsProtocolException e) {
            failure = e;
        }
    }

    /** Bytes fed but not yet returned as frames. */
    public int buffered() {
        return (int) (fed - returned);
    }

    /**
     * The next whole frame, or null if more bytes are needed.
     *
     * @throws WsProtocolException if the buffered bytes cannot be a frame
     */
    public Frame next() {
        Frame f = frames.poll();
        if (f != null) {
            returned += FrameCodec.encodedLength(f);
            return f;
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    String describeNeed() {
        return reader.partialFrameBytes() < 2 ? "a frame header needs at least 2" : "the header or payload is cut short";
    }
}
