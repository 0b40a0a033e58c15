package dev.wstest.internal;

import dev.wstest.protocol.CloseCodes;
import dev.wstest.protocol.Frame;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.Side;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.Writer;
import org.glassfish.tyrus.spi.WriterInfo;

/**
 * Wraps the Tyrus transport SPI (the {@link Writer} Tyrus writes frames to and the {@link ReadHandler} the
 * container hands received bytes to) so that a {@link FrameRecorder} sees every byte after the handshake.
 * This is the only place ws-test learns about frames; it sits below Tyrus's frame processing, so nothing
 * Tyrus handles on its own (pings, pong replies, close echoes, fragments) escapes the log.
 */
public final class TappedTransport {

    private TappedTransport() {
    }

    /** A writer that records each outbound buffer before handing it on. */
    public static Writer writer(Writer delegate, FrameRecorder recorder) {
        return writer(delegate, recorder, null);
    }

    /**
     * A writer that records each outbound buffer before handing it on, and whose close waits for the peer's
     * answer when the closing handshake says so.
     */
    public static Writer writer(Writer delegate, FrameRecorder recorder, ClosingHandshake closing) {
        if (closing != null) {
            closing.attach(delegate);
        }
        return new Writer() {
            @Override
            public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
                recorder.outbound(buffer);
                delegate.write(buffer, completionHandler);
            }

            @Override
            public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler,
                              WriterInfo writerInfo) {
                recorder.outbound(buffer);
                delegate.write(buffer, completionHandler, writerInfo);
            }

            @Override
            public void close() throws java.io.IOException {
                if (closing == null || !closing.deferClose()) {
                    delegate.close();
                }
            }
        };
    }

    /** A connection whose read handler records each inbound buffer before Tyrus processes it. */
    public static Connection connection(Connection delegate, FrameRecorder recorder, Runnable onClose) {
        return connection(delegate, recorder, onClose, null, null);
    }

    /**
     * A connection whose read handler records each inbound buffer before Tyrus processes it and refuses a
     * message over the guard's limit: the bytes from the offending frame on reach neither the log nor Tyrus,
     * the log gets one line saying why, and the connection is closed with 1009.
     */
    public static Connection connection(Connection delegate, FrameRecorder recorder, Runnable onClose,
                                        MessageSizeGuard guard, ClosingHandshake closing) {
        return new Tapped(delegate, recorder, onClose, guard, closing);
    }

    private static final class Tapped implements Connection {
        private final Connection delegate;
        private final FrameRecorder recorder;
        private final Runnable onClose;
        private final MessageSizeGuard guard;
        private final ClosingHandshake closing;
        private final ReadHandler readHandler;
        private final ReadHandler tapped = this::read;

        Tapped(Connection delegate, FrameRecorder recorder, Runnable onClose, MessageSizeGuard guard,
               ClosingHandshake closing) {
            this.delegate = delegate;
            this.recorder = recorder;
            this.onClose = onClose;
            this.guard = guard;
            this.closing = closing;
            this.readHandler = delegate.getReadHandler();
        }

        private void read(ByteBuffer data) {
            if (data == null) {
                readHandler.handle(null);
                return;
            }
            if (closing != null && closing.isHolding()) {
                // Tyrus has finished with this connection; we only wait for the peer's close frame
                recorder.inbound(data);
                closing.recorded();
                return;
            }
            int cut = guard == null ? -1 : guard.check(data);
            if (cut < 0) {
                recorder.inbound(data);
                readHandler.handle(data);
                return;
            }
            ByteBuffer before = data.duplicate();
            before.limit(before.position() + cut);
            if (before.hasRemaining()) {
                recorder.inbound(before);
                readHandler.handle(before);
            }
            if (guard.refuse()) {
                recorder.error(guard.problem());
                refuseTooBig();
            }
        }

        /**
         * Closes with 1009. Tyrus's server connection sends the close frame itself when closed with a reason;
         * its client connection closes the socket first, so on the client the frame is written here.
         */
        private void refuseTooBig() {
            String reason = "message too big: limit " + guard.limit() + " bytes";
            if (recorder.log().side() == Side.CLIENT) {
                byte[] frame = Frame.close(CloseCodes.MESSAGE_TOO_BIG, reason).masked().toBytes();
                delegate.getWriter().write(ByteBuffer.wrap(frame), new CompletionHandler<>() { });
            }
            close(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.TOO_BIG, reason));
        }

        @Override
        public ReadHandler getReadHandler() {
            return tapped;
        }

        @Override
        public Writer getWriter() {
            return delegate.getWriter();
        }

        @Override
        public CloseListener getCloseListener() {
            return delegate.getCloseListener();
        }

        @Override
        public void close(jakarta.websocket.CloseReason reason) {
            // The transport is gone before Tyrus is told; whatever Tyrus writes while it winds down
            // (it may try a close frame) never reaches the peer and is not recorded.
            onClose.run();
            delegate.close(reason);
        }
    }
}
