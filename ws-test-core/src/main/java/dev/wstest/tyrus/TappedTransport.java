package dev.wstest.tyrus;

import dev.wstest.record.FrameRecorder;
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
                delegate.close();
            }
        };
    }

    /** A connection whose read handler records each inbound buffer before Tyrus processes it. */
    public static Connection connection(Connection delegate, FrameRecorder recorder, Runnable onClose) {
        ReadHandler readHandler = delegate.getReadHandler();
        ReadHandler tapped = data -> {
            if (data != null) {
                recorder.inbound(data);
            }
            readHandler.handle(data);
        };
        return new Connection() {
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
        };
    }
}
