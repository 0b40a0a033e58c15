package dev.wstest.mock.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.protocol.HandshakeKeys;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.LogLimits;
import dev.wstest.record.WireRules;
import dev.wstest.record.Headers;
import dev.wstest.record.Side;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * One HTTP request on a fresh connection, as the mock sees it, and the two ways to answer it: an HTTP
 * answer written byte for byte and followed by closing the socket, or a 101 after which the connection
 * speaks WebSocket. Call the answer methods on the event loop ({@link #schedule} gets there later).
 */
@API(status = INTERNAL, since = "0.1")
public final class UpgradeExchange {

    private final ChannelHandlerContext ctx;
    private final String method;
    private final String target;
    private final Headers headers;
    private boolean answered;

    UpgradeExchange(ChannelHandlerContext ctx, HttpRequest request) {
        this.ctx = ctx;
        this.method = request.method().name();
        this.target = request.uri();
        Map<String, List<String>> map = new LinkedHashMap<>();
        request.headers().iteratorAsString().forEachRemaining(e -> map.computeIfAbsent(e.getKey(),
                k -> new ArrayList<>()).add(e.getValue()));
        this.headers = Headers.of(map);
    }

    public String method() {
        return method;
    }

    /** The path of the request target, without the query. */
    public String path() {
        String t = target;
        int q = t.indexOf('?');
        String p = q < 0 ? t : t.substring(0, q);
        if (p.startsWith("http://") || p.startsWith("https://") || p.startsWith("ws://") || p.startsWith("wss://")) {
            int slash = p.indexOf('/', p.indexOf("//") + 2);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        return p.isEmpty() ? "/" : p;
    }

    /** The raw query without {@code ?}, or null. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    public Headers headers() {
        return headers;
    }

    public String peer() {
        return String.valueOf(ctx.channel().remoteAddress());
    }

    /**
     * Why this request is not a WebSocket upgrade a server may accept (RFC 6455 4.2.1), with the status to
     * refuse it with, or null when it is one.
     */
    public Refusal problem() {
        if (!"GET".equals(method)) {
            return new Refusal(405, "the upgrade must be a GET, was " + method);
        }
        if (headers.all("Upgrade").stream().noneMatch(v -> v.trim().equalsIgnoreCase("websocket"))) {
            return new Refusal(426, "not a WebSocket upgrade (no \"Upgrade: websocket\" header)");
        }
        boolean connectionUpgrade = headers.all("Connection").stream().flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(t -> t.trim().equalsIgnoreCase("upgrade"));
        if (!connectionUpgrade) {
            return new Refusal(400, "the Connection header does not contain \"Upgrade\"");
        }
        if (!headers.first("Sec-WebSocket-Version").map(String::trim).orElse("").equals("13")) {
            return new Refusal(426, "Sec-WebSocket-Version must be 13, was "
                    + headers.first("Sec-WebSocket-Version").orElse("(none)"));
        }
        String key = headers.first("Sec-WebSocket-Key").orElse("").trim();
        try {
            if (Base64.getDecoder().decode(key).length != 16) {
                return new Refusal(400, "Sec-WebSocket-Key must be 16 bytes in base64, was \"" + key + "\"");
            }
        } catch (IllegalArgumentException e) {
            return new Refusal(400, "Sec-WebSocket-Key is not base64: \"" + key + "\"");
        }
        return null;
    }

    /** A status and why. */
    public record Refusal(int status, String why) {
    }

    /** The Sec-WebSocket-Accept the key asks for. */
    public String expectedAccept() {
        return HandshakeKeys.acceptFor(headers.first("Sec-WebSocket-Key").orElse("").trim());
    }

    /** Runs the task on this connection's event loop after the delay. */
    public void schedule(Duration delay, Runnable task) {
        if (delay.isZero()) {
            task.run();
        } else {
            ctx.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Whether the connection is still there. */
    public boolean isActive() {
        return ctx.channel().isActive();
    }

    /**
     * Writes an HTTP/1.1 answer exactly as given, adding {@code Content-Length} and {@code Connection: close}
     * unless the headers have them, then closes the socket.
     */
    public void answer(int status, String reason, Headers responseHeaders, byte[] body) {
        if (answered) {
            return;
        }
        answered = true;
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        responseHeaders.toMap().forEach((name, values) -> values.forEach(v -> head.append(name).append(": ")
                .append(v).append("\r\n")));
        if (!responseHeaders.contains("Content-Length")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (!responseHeaders.contains("Connection")) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(out.toByteArray())).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Answers 101 with these header lines (after Upgrade and Connection) and switches the connection to
     * WebSocket: from here on every byte is recorded by a fresh server-side recorder whose clock starts now.
     *
     * @param onEvent  called after every recorded event (to wake waiters)
     * @param limits   how much of the conversation the log keeps
     * @param rules    what the client's frames are checked against
     * @param listener makes the connection's listener, before any byte is read
     * @param known    told of the connection before the 101 goes out, so that a client holding its 101 finds its
     *                 connection in the server's records
     */
    public ConnectionIo accept(List<String[]> headerLines, Runnable onEvent, LogLimits limits, WireRules rules,
                               Function<ConnectionIo, ConnectionIo.Listener> listener,
                               java.util.function.Consumer<ConnectionIo> known) {
        if (answered) {
            throw new IllegalStateException("already answered");
        }
        answered = true;
        StringBuilder head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\n");
        for (String[] h : headerLines) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        head.append("\r\n");
        FrameRecorder recorder = new FrameRecorder(Side.SERVER, onEvent, limits, rules);
        ConnectionIo io = new ConnectionIo(ctx.channel(), recorder);
        io.listener(listener.apply(io));
        known.accept(io);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(head.toString().getBytes(StandardCharsets.ISO_8859_1)));
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), "ws", new NettyServer.FrameReader(io));
        p.remove(ctx.name());
        p.remove(NettyServer.HTTP); // forwards any bytes it had buffered to the frame reader
        return io;
    }
}
