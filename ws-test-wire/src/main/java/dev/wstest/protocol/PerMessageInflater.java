package dev.wstest.protocol;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the messages one endpoint sends with permessage-deflate (RFC 7692 section 7.2.2): appends
 * the {@code 00 00 ff ff} the sender removed and inflates raw DEFLATE. With context takeover the window
 * carries over from message to message. Any window size (8-15 bits) decodes with the same inflater.
 * Not thread-safe.
 */
public final class PerMessageInflater implements AutoCloseable {

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final Inflater inflater = new Inflater(true);
    private final boolean noContextTakeover;
    private final long maxMessageBytes;
    private final byte[] buffer = new byte[32 * 1024];

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
     * @throws WsProtocolException if the payload is not valid DEFLATE data or inflates beyond the limit
     */
    public byte[] decompress(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, payload.length * 3));
        try {
            inflate(payload, out);
            inflate(TAIL, out);
        } catch (DataFormatException e) {
            inflater.reset();
            throw new WsProtocolException("the compressed message is not valid DEFLATE data: " + e.getMessage(), e);
        }
        if (noContextTakeover || inflater.finished()) {
            inflater.reset(); // a final block ends the stream; the next message starts a new one
        }
        return out.toByteArray();
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
            if (out.size() + (long) n > maxMessageBytes) {
                inflater.reset();
                throw new WsProtocolException("the compressed message inflates to more than " + maxMessageBytes
                        + " bytes");
            }
            out.write(buffer, 0, n);
        }
    }

    /** Releases the native zlib state. Idempotent. */
    @Override
    public void close() {
        inflater.end();
    }
}
