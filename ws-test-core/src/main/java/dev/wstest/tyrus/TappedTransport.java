package dev.wstest.tyrus;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.protocol.Frame;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.Side;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;
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
 * <p>It is also where the wire is kept strict and messages are kept within the size limit: the recorder
 * checks the peer's bytes before Tyrus sees them, and when it stops (strict rules found a violation, or a
 * frame header took a message over {@code maxMessageBytes}) the tap hands Tyrus only the bytes before the
 * offending frame, writes the close frame itself (1002, 1007 for invalid UTF-8, 1009 for a message too big),
 * and closes the connection. Tyrus never processes the offending frame, so it can neither deliver it nor
 * answer it in its own way (for a message too big: buffer it and fail with 1011 and a stack trace).
 *
 * <p>And it is where a closing handshake the test started is held open for the peer's answer
 * ({@link ClosingHandshake}): Tyrus closes the transport right after its close frame; the writer defers
 * that close, and the read side records what still arrives, until the answer is in or the wait runs out.
 */
@API(status = INTERNAL, since = "0.1")
public final class TappedTransport {

    private TappedTransport() {
    }

    /** A writer that records each outbound buffer before handing it on. */
    public static TappedWriter writer(Writer delegate, FrameRecorder recorder) {
        return writer(delegate, recorder, null);
    }

    /**
     * A writer that records each outbound buffer before handing it on, and whose close waits for the peer's
     * answer when the closing handshake says so.
     *
     * @param closing the connection's closing handshake; null to close whenever Tyrus does
     */
    public static TappedWriter writer(Writer delegate, FrameRecorder recorder, ClosingHandshake closing) {
        if (closing != null) {
            closing.attach(delegate);
        }
        return new TappedWriter(delegate, recorder, closing);
    }

    /**
     * A writer that records what it writes, and that the tap can shut after one last close frame: later
     * writes (Tyrus's own close frame, a send racing the failure) fail instead of reaching the wire.
     */
    public static final class TappedWriter extends Writer {
        private final Writer delegate;
        private final FrameRecorder recorder;
        private final ClosingHandshake closing;
        private final Object lock = new Object();
        private volatile String shutBecause;

        TappedWriter(Writer delegate, FrameRecorder recorder, ClosingHandshake closing) {
            this.delegate = delegate;
            this.recorder = recorder;
            this.closing = closing;
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

        /** Writes (and records) a last frame, if any, then refuses every further write. */
        void shutWith(byte[] lastFrame, String because) {
            synchronized (lock) {
                if (shutBecause != null) {
                    return;
                }
                if (lastFrame != null) {
                    ByteBuffer buffer = ByteBuffer.wrap(lastFrame);
                    recorder.outbound(buffer);
                    delegate.write(buffer, null);
                }
                shutBecause = because;
            }
        }

        /** Tyrus is done with the connection; the close waits while the closing handshake holds it open. */
        @Override
        public void close() throws IOException {
            if (closing == null || !closing.deferClose()) {
                delegate.close();
            }
        }
    }

    /**
     * A connection whose read handler records each inbound buffer before Tyrus processes it, and fails the
     * connection when the recorder stops (a protocol violation under strict rules, a message over the size
     * limit).
     */
    public static Connection connection(Connection delegate, FrameRecorder recorder, TappedWriter writer,
                                        Runnable onClose) {
        return connection(delegate, recorder, writer, onClose, null);
    }

    /**
     * As {@link #connection(Connection, FrameRecorder, TappedWriter, Runnable)}; while the closing handshake
     * holds the transport open after Tyrus is done, inbound bytes are recorded only.
     *
     * @param closing the connection's closing handshake (the one given to the writer); may be null
     */
    public static Connection connection(Connection delegate, FrameRecorder recorder, TappedWriter writer,
                                        Runnable onClose, ClosingHandshake closing) {
        ReadHandler readHandler = delegate.getReadHandler();
        AtomicBoolean failed = new AtomicBoolean();
        Connection[] self = new Connection[1];
        ReadHandler tapped = data -> {
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
     * Fails the connection as RFC 6455 section 7.1.7 says: a close frame with the recorder's stop code (for a
     * violation the rule in words as its reason, e.g. {@code §5.1: server frames must not be masked}), then the
     * TCP connection closed. No close frame when this side already sent one (a closing handshake was under
     * way): an endpoint sends one close frame. Tyrus is told last, with the same code, so the endpoint's
     * onClose sees it too.
     */
    private static void fail(Connection connection, FrameRecorder recorder, TappedWriter writer) {
        FrameRecorder.Stop stop = recorder.stop().orElseThrow();
        int code = stop.closeCode();
        String reason = stop.reason();
        boolean closeSent = recorder.log().firstAfter(0, e -> e.type() == EventType.CLOSE && e.isOutbound())
                .isPresent();
        Frame close = Frame.close(code, reason);
        if (recorder.log().side() == Side.CLIENT) {
            close = close.masked();
        }
        writer.shutWith(closeSent ? null : close.toBytes(), reason);
        connection.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }
}
