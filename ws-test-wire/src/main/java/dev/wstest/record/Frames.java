package dev.wstest.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** What the event records share: frame-size lists and value equality over their payload bytes. */
final class Frames {

    static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private Frames() {
    }

    /** The sizes to keep: none for a single frame (the payload length says it), an immutable copy otherwise. */
    static List<Integer> sizes(List<Integer> sizes) {
        return sizes == null || sizes.size() <= 1 ? null : List.copyOf(sizes);
    }

    /**
     * As {@link #sizes(List)}; a compressed message keeps its wire size even in one frame, since the payload
     * length (decompressed) does not say it.
     */
    static List<Integer> sizes(List<Integer> sizes, boolean compressed) {
        if (!compressed) {
            return sizes(sizes);
        }
        if (sizes == null || sizes.isEmpty()) {
            throw new IllegalArgumentException("a compressed message needs its frame sizes on the wire");
        }
        return List.copyOf(sizes);
    }

    static boolean same(WsEvent a, WsEvent b, byte[] payloadA, byte[] payloadB) {
        return a.seq() == b.seq() && a.sinceOpenNanos() == b.sinceOpenNanos() && a.direction() == b.direction()
                && a.frameSizes().equals(b.frameSizes()) && a.isCompressed() == b.isCompressed() && Arrays.equals(payloadA, payloadB);
    }

    static int hash(WsEvent e) {
        return Objects.hash(e.seq(), e.sinceOpenNanos(), e.direction(), e.type());
    }
}
