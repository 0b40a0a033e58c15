package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;
import org.apiguardian.api.API;

/**
 * Compresses the messages one endpoint sends with permessage-deflate (RFC 7692 section 7.2.1): raw
 * DEFLATE, each message ended with a sync flush whose trailing {@code 00 00 ff ff} is removed. With
 * context takeover the LZ77 window carries over from message to message; without it every message starts
 * afresh.
 *
 * <p>{@link Deflater} always uses a 32 KiB window. For a smaller negotiated window (2^bits bytes) the input
 * is compressed in pieces of at most 2^bits bytes with a full flush after each, which resets the window,
 * so that no back-reference reaches further than the peer's inflater keeps. Not thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PerMessageDeflater implements AutoCloseable {

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final Deflater deflater;
    private final int windowBits;
    private final boolean noContextTakeover;
    private final byte[] buffer = new byte[16 * 1024];

    /**
     * @param windowBits the largest window the peer allows, 8-15
     * @param noContextTakeover reset the compression context after every message
     * @param level a {@link Deflater} level, e.g. {@link Deflater#DEFAULT_COMPRESSION}
     */
    public PerMessageDeflater(int windowBits, boolean noContextTakeover, int level) {
        DeflateParameters.checkBits("window bits", windowBits);
        this.windowBits = windowBits;
        this.noContextTakeover = noContextTakeover;
        this.deflater = new Deflater(level, true);
    }

    /** The compressed payload of one message, without the {@code 00 00 ff ff} tail. */
    public byte[] compress(byte[] message) {
        return compress(message, true);
    }

    /**
     * The compressed payload of one frame of a message sent in several; the frames are given in order, the
     * last with {@code last} set, whose payload loses the {@code 00 00 ff ff} tail. Earlier frames end with
     * a sync flush of their own (kept whole), so each frame can be sent as soon as it is compressed.
     */
    public byte[] compress(byte[] part, boolean last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, part.length / 2));
        if (windowBits == DeflateParameters.MAX_WINDOW_BITS) {
            deflate(part, 0, part.length, Deflater.SYNC_FLUSH, out);
        } else {
            int piece = 1 << windowBits;
            int off = 0;
            do {
                int n = Math.min(piece, part.length - off);
                deflate(part, off, n, Deflater.FULL_FLUSH, out);
                off += n;
            } while (off < part.length);
        }
        if (last && noContextTakeover) {
            deflater.reset();
        }
        byte[] all = out.toByteArray();
        if (!last) {
            return all;
        }
        if (all.length == 0) {
            // zlib writes nothing when a flush follows a flush; an empty stored block says "no bytes"
            return new byte[] {0x00};
        }
        if (all.length < TAIL.length || !endsWithTail(all)) {
            throw new IllegalStateException("a flushed DEFLATE stream must end with 00 00 ff ff");
        }
        return java.util.Arrays.copyOf(all, all.length - TAIL.length);
    }

    private void deflate(byte[] in, int off, int len, int flush, ByteArrayOutputStream out) {
        deflater.setInput(in, off, len);
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
    }

    private static boolean endsWithTail(byte[] b) {
        for (int i = 0; i < TAIL.length; i++) {
            if (b[b.length - TAIL.length + i] != TAIL[i]) {
                return false;
            }
        }
        return true;
    }

    /** Releases the native zlib state. Idempotent. */
    @Override
    public void close() {
        deflater.end();
    }
}
