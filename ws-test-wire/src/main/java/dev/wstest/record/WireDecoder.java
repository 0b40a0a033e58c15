package dev.wstest.record;

import dev.wstest.protocol.Frame;
import dev.wstest.protocol.FrameDecoder;
import dev.wstest.protocol.WsProtocolException;
import java.nio.ByteBuffer;

/**
 * Adapts the protocol layer's {@link FrameDecoder} to the recorder: fed bytes exactly as they crossed the
 * wire (after TLS, before any WebSocket processing), it hands out whole frames, unmasked. Once the stream
 * cannot be decoded it reports why once and ignores the rest of that direction. Not thread-safe: each
 * direction has its own instance and its caller serialises access.
 */
final class WireDecoder {

    interface FrameSink {
        void frame(boolean fin, int rsv, int opcode, byte[] payload, long declaredLength);

        void garbage(String problem);
    }

    private final FrameDecoder decoder = new FrameDecoder(Integer.MAX_VALUE - 64);
    private boolean desynced;

    void feed(ByteBuffer data, FrameSink sink) {
        if (desynced) {
            return;
        }
        decoder.feed(data);
        try {
            Frame f;
            while ((f = decoder.next()) != null) {
                sink.frame(f.isFin(), f.rsv(), f.opcode(), f.payload(), f.payloadLength());
            }
        } catch (WsProtocolException e) {
            desynced = true;
            sink.garbage(e.getMessage() + "; the recorder stops decoding this direction");
        }
    }
}
