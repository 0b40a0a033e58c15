package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apiguardian.api.API;

/**
 * Decompresses the messages one endpoint sends with permessage-deflate (RFC 7692 section 7.2.2): appends
 * the {@code 00 00 ff ff} the sender removed and inflates raw DEFLATE. With context takeover the window
 * carries over from message to message. Any window size (8-15 bits) decodes with the same inflater.
 * Not thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PerMessageInflater implements AutoCloseable {

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final Inflater inflater = new Inflater(true);
    private final boolean noContextTakeover;
    private final long maxMessageBytes;
    private final byte[] buffer = new byte[32 * 1024];
    private long messageBytes;

    /**
     * @param noContextTakeover the sender resets its context after every message
     * @param maxMessageBytes the largest decompressed message accepted (a guard against deflate bombs)
     */
    public PerMessageInflater(boolean noContextTakeover, long maxMessageBytes) {
        this.noContextTakeover = noContextTakeover;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The message a compressed payload (all its frames' payloads concatenated) stands for.
     *
     * @throws WsProtocolException if the payload is not valid DEFLATE data
     * @throws TooBig if it inflates beyond the limit
     */
    public byte[] decompress(byte[] payload) {
        return decompress(payload, true);
    }

    /**
     * The part of a message that one frame's compressed payload stands for; the frames of a message are
     * given in order, the last with {@code last} set (which appends the removed tail and ends the message).
     * The limit counts the whole message.
     *
     * @throws WsProtocolException if the payload is not valid DEFLATE data
     * @throws TooBig if the message inflates beyond the limit
     */
    public byte[] decompress(byte[] framePayload, boolean last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, framePayload.length * 3));
        try {
            inflate(framePayload, out);
            if (last) {
                inflate(TAIL, out);
            }
        } catch (DataFormatException e) {
            restart();
            throw new WsProtocolException("the compressed message is not valid DEFLATE data: " + e.getMessage(), e);
        }
        if (last) {
            messageBytes = 0;
            if (noContextTakeover || inflater.finished()) {
                inflater.reset(); // a final block ends the stream; the next message starts a new one
            }
        }
        return out.toByteArray();
    }

    private void restart() {
        inflater.reset();
        messageBytes = 0;
    }

    private void inflate(byte[] in, ByteArrayOutputStream out) throws DataFormatException {
        if (inflater.finished()) {
            return;
        }
        inflater.setInput(in);
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                break;
            }
            if (messageBytes + n > maxMessageBytes) {
                restart();
                throw new TooBig(maxMessageBytes);
            }
            messageBytes += n;
            out.write(buffer, 0, n);
        }
    }

    /** A compressed message inflated to more than the inflater's limit. */
    public static final class TooBig extends WsProtocolException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooBig(long limit) {
            super("the compressed message inflates to more than " + limit + " bytes");
            this.limit = limit;
        }

        /** The limit it went over. */
        public long limit() {
            return limit;
        }
    }

    /** Releases the native zlib state. Idempotent. */
    @Override
    public void close() {
        inflater.end();
    }
}
