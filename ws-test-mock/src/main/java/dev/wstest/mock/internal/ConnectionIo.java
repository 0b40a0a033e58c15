package dev.wstest.mock.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.record.FrameRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * The socket of one accepted WebSocket connection, after the 101. Every byte written goes through
 * {@link #write} and is recorded as it goes out; every byte read is recorded before the listener hears of
 * it. All methods may be called from any thread; the work happens on the connection's event loop, in the
 * order asked.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConnectionIo {

    /** What the connection tells its owner, on the event loop. */
    public interface Listener {
        /** Bytes arrived and were recorded: look at the log's new events. */
        void inbound();

        /** The TCP connection is gone. */
        void closed();
    }

    private final Channel channel;
    private final FrameRecorder recorder;
    private volatile Listener listener;

    ConnectionIo(Channel channel, FrameRecorder recorder) {
        this.channel = channel;
        this.recorder = recorder;
    }

    void listener(Listener l) {
        this.listener = l;
    }

    Listener listener() {
        return listener;
    }

    public FrameRecorder recorder() {
        return recorder;
    }

    /** Whether the TCP connection is still there. */
    public boolean isActive() {
        return channel.isActive();
    }

    /** Runs the task on the connection's event loop (now if already there). */
    public void execute(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /** Runs the task on the event loop after the delay. */
    public Future<?> schedule(Duration delay, Runnable task) {
        return channel.eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs the task every period, the first time after one period, until cancelled or the connection ends. */
    public Future<?> every(Duration period, Runnable task) {
        long nanos = period.toNanos();
        return channel.eventLoop().scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Writes and flushes these bytes as one write, recording them. Call on the event loop. */
    public void write(byte[] bytes) {
        if (!channel.isActive()) {
            return;
        }
        recorder.outbound(ByteBuffer.wrap(bytes));
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    /** Closes TCP (FIN, or RST with {@code reset}) after what was written so far. Call on the event loop. */
    public void closeTcp(boolean reset) {
        if (reset) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        } else {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Shuts down the sending side (FIN) after what was written so far; reading goes on. */
    public void shutdownOutput() {
        if (channel instanceof SocketChannel socket) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> socket.shutdownOutput());
        }
    }

    /** Starts or stops reading from the socket. */
    public void reading(boolean on) {
        channel.config().setAutoRead(on);
        if (on) {
            channel.read();
        }
    }

    /** The client's address, for messages. */
    public String peer() {
        return String.valueOf(channel.remoteAddress());
    }
}
