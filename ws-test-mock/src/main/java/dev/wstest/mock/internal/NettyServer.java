package dev.wstest.mock.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import dev.wstest.record.Headers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.apiguardian.api.API;

/**
 * The mock's listener: Netty reads the upgrade request (HttpRequestDecoder), the mock decides and writes every
 * byte of the answer itself, and after a 101 the connection's bytes go raw to the recorder. No Netty
 * WebSocket codec is involved, so any frame, legal or not, can be sent.
 */
@API(status = INTERNAL, since = "0.1")
public final class NettyServer {

    static final String HTTP = "http";
    private static final int MAX_REQUEST_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 64 * 1024;
    /** How long {@link #close()} waits for the event loop to free the port. */
    private static final java.time.Duration STOP_DEADLINE = java.time.Duration.ofSeconds(10);

    /** What the server tells its owner, on the event loop. */
    public interface Listener {
        /** An HTTP request arrived on a fresh connection; answer it through the exchange. */
        void request(UpgradeExchange exchange);

        /** A TLS handshake failed (for example: mutual TLS and the client has no certificate). */
        void tlsFailure(String peer, String message);
    }

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final Set<Channel> children = ConcurrentHashMap.newKeySet();

    private NettyServer(String host, int port, SSLContext tls, boolean needClientAuth, Listener listener) {
        this.group = EventLoops.acquire();
        try {
            serverChannel = new ServerBootstrap().group(group).channelFactory(ListeningChannel::new)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            children.add(ch);
                            ch.closeFuture().addListener(f -> children.remove(ch));
                            if (tls != null) {
                                SSLEngine engine = tls.createSSLEngine();
                                engine.setUseClientMode(false);
                                engine.setNeedClientAuth(needClientAuth);
                                ch.pipeline().addLast("tls", new SslHandler(engine));
                            }
                            ch.pipeline().addLast(HTTP, new HttpRequestDecoder(new HttpDecoderConfig()
                                    .setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADERS)));
                            ch.pipeline().addLast("upgrade", new RequestReader(listener));
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
        } catch (Exception e) { // bind failures arrive as undeclared checked exceptions (BindException)
            EventLoops.release();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Binds and starts listening; the server accepts connections when this returns. */
    public static NettyServer start(String host, int port, SSLContext tls, boolean needClientAuth, Listener listener) {
        return new NettyServer(host, port, tls, needClientAuth, listener);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Whether the calling thread is one of the I/O threads (shared by every mock of the JVM), where nothing may
     * wait for I/O: the code of a {@code MockBehaviour} callback runs there.
     */
    public boolean onIoThread() {
        for (EventExecutor e : group) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /** Stops listening, drops every connection (no close frame) and, for the last server, stops the threads. */
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        awaitPortFreed();
        for (Channel c : children) {
            c.close().awaitUninterruptibly();
        }
        EventLoops.release();
    }

    /**
     * Returns once the port no longer listens. Netty's close future completes when the JDK channel is closed,
     * but the JDK frees a channel registered with a selector only when that selector deregisters it, on the
     * event loop's next select (the loops are shared with the other mocks, so they keep running). Until then the
     * kernel still accepts connections that nobody serves: a client under test that reconnects to a closed mock
     * would hang instead of being refused. Each task handed to the loop wakes its selector; once the channel is
     * deregistered, one more task completes after the JDK freed the socket (it does so on the same pass).
     */
    private void awaitPortFreed() {
        ListeningChannel channel = (ListeningChannel) serverChannel;
        long deadline = System.nanoTime() + STOP_DEADLINE.toNanos();
        boolean freed;
        do {
            freed = !channel.selectorHolds();
            if (!channel.eventLoop().submit(() -> { }).awaitUninterruptibly(
                    Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
        } while (!freed && System.nanoTime() < deadline);
        if (!freed) {
            throw new IllegalStateException("the mock's listener on port " + channel.boundPort()
                    + " did not stop within " + STOP_DEADLINE.toSeconds() + " s");
        }
    }

    /** The NIO server channel, with a view of whether the JDK still holds its socket for a selector. */
    private static final class ListeningChannel extends NioServerSocketChannel {
        private volatile int boundPort = -1;

        boolean selectorHolds() {
            return javaChannel().isRegistered();
        }

        int boundPort() {
            return boundPort;
        }

        @Override
        protected void doBind(java.net.SocketAddress localAddress) throws Exception {
            super.doBind(localAddress);
            boundPort = javaChannel().socket().getLocalPort();
        }
    }

    /** Reads the one HTTP request a connection may send before it is upgraded or answered. */
    static final class RequestReader extends ChannelInboundHandlerAdapter {
        private final Listener listener;
        private HttpRequest request;
        private boolean done;

        RequestReader(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest r && request == null) {
                    request = r; // headers exactly as sent: no aggregator adds its own
                }
                if (msg instanceof LastHttpContent && request != null && !done) {
                    done = true; // one request per connection: the first is answered, pipelined ones ignored
                    answer(ctx, request);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void answer(ChannelHandlerContext ctx, HttpRequest request) {
            UpgradeExchange exchange = new UpgradeExchange(ctx, request);
            if (request.decoderResult().isFailure()) {
                String why = String.valueOf(request.decoderResult().cause().getMessage());
                exchange.answer(400, "Bad Request", Headers.of("Content-Type", "text/plain; charset=utf-8"),
                        ("malformed HTTP request: " + why + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            listener.request(exchange);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
                listener.tlsFailure(String.valueOf(ctx.channel().remoteAddress()), tlsMessage(done.cause()));
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause.getCause() instanceof SSLException)) {
                ctx.close(); // handshake failures are reported by the completion event above
            }
        }
    }

    private static String tlsMessage(Throwable cause) {
        Throwable c = cause;
        while (c.getCause() != null && c.getMessage() == null) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    /** After the 101: hands every byte to the recorder, then tells the connection's listener. */
    static final class FrameReader extends ChannelInboundHandlerAdapter {
        private final ConnectionIo io;

        FrameReader(ConnectionIo io) {
            this.io = io;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                try {
                    if (buf.isReadable()) {
                        io.recorder().inbound(buf.nioBuffer());
                    }
                } finally {
                    buf.release();
                }
                io.listener().inbound();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            io.recorder().transportClosed();
            io.listener().closed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            io.recorder().error("connection error: " + cause.getMessage());
            ctx.close();
        }
    }
}
