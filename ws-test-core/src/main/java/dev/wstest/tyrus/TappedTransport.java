package dev.wstest.tyrus;

import dev.wstest.protocol.Frame;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.Side;
import dev.wstest.record.WsEvent;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>It is also where the wire is kept strict: the recorder checks the peer's bytes before Tyrus sees
 * them, and when strict rules find a violation the tap hands Tyrus only the bytes before the offending
 * frame, writes the close frame a strict endpoint sends (1002, or 1007 for invalid UTF-8) itself, and
 * closes the connection. Tyrus never processes the violating frame, so it can neither deliver it nor
 * answer it in its own way.
 */
public final class TappedTransport {

    private TappedTransport() {
    }

    /** A writer that records each outbound buffer before handing it on. */
    public static TappedWriter writer(Writer delegate, FrameRecorder recorder) {
        return new TappedWriter(delegate, recorder);
    }

    /**
     * A writer that records what it writes, and that the tap can shut after one last close frame: later
     * writes (Tyrus's own close frame, a send racing the failure) fail instead of reaching the wire.
     */
    public static final class TappedWriter extends Writer {
        private final Writer delegate;
        private final FrameRecorder recorder;
        private final Object lock = new Object();
        private volatile String shutBecause;

        TappedWriter(Writer delegate, FrameRecorder recorder) {
            this.delegate = delegate;
            this.recorder = recorder;
        }

        @Override
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
            write(buffer, completionHandler, null);
        }

        @Override
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler,
                          WriterInfo writerInfo) {
            // Recording and handing on under one lock, so the wire and the log agree on the order of frames
            // written from different threads, and nothing follows the tap's last close frame.
            synchronized (lock) {
                if (shutBecause != null) {
                    if (completionHandler != null) {
                        completionHandler.failed(new IOException("the connection was failed: " + shutBecause));
                    }
                    return;
                }
                recorder.outbound(buffer);
                if (writerInfo == null) {
                    delegate.write(buffer, completionHandler);
                } else {
                    delegate.write(buffer, completionHandler, writerInfo);
                }
            }
        }

        /** Writes (and records) a last frame, then refuses every further write. */
        void shutWith(byte[] lastFrame, String because) {
            synchronized (lock) {
                if (shutBecause != null) {
                    return;
                }
                ByteBuffer buffer = ByteBuffer.wrap(lastFrame);
                recorder.outbound(buffer);
                delegate.write(buffer, null);
                shutBecause = because;
            }
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    /**
     * A connection whose read handler records each inbound buffer before Tyrus processes it, and fails the
     * connection at a protocol violation when the recorder's rules are strict.
     */
    public static Connection connection(Connection delegate, FrameRecorder recorder, TappedWriter writer,
                                        Runnable onClose) {
        ReadHandler readHandler = delegate.getReadHandler();
        AtomicBoolean failed = new AtomicBoolean();
        Connection[] self = new Connection[1];
        ReadHandler tapped = data -> {
            if (data == null) {
                readHandler.handle(null);
                return;
            }
            int remaining = data.remaining();
            int accepted = recorder.inbound(data);
            if (accepted == remaining && !recorder.isFailed()) {
                readHandler.handle(data);
                return;
            }
            if (accepted > 0) {
                ByteBuffer before = data.duplicate();
                before.limit(before.position() + accepted);
                readHandler.handle(before);
            }
            if (recorder.isFailed() && failed.compareAndSet(false, true)) {
                fail(self[0], recorder, writer);
            }
        };
        self[0] = new Connection() {
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
            public void close(CloseReason reason) {
                // The transport is gone before Tyrus is told; whatever Tyrus writes while it winds down
                // (it may try a close frame) never reaches the peer and is not recorded.
                onClose.run();
                delegate.close(reason);
            }
        };
        return self[0];
    }

    /**
     * Fails the connection as RFC 6455 section 7.1.7 says: a close frame with the rule's code (the rule in
     * words as its reason), then the TCP connection closed. Tyrus is told last, with the same code, so the
     * endpoint's onClose sees it too.
     */
    private static void fail(Connection connection, FrameRecorder recorder, TappedWriter writer) {
        WsEvent.Violation violation = recorder.log().firstViolation().orElseThrow();
        int code = violation.rule().closeCode();
        String reason = violation.rule().toString();
        Frame close = Frame.close(code, reason);
        if (recorder.log().side() == Side.CLIENT) {
            close = close.masked();
        }
        writer.shutWith(close.toBytes(), reason);
        connection.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }
}
