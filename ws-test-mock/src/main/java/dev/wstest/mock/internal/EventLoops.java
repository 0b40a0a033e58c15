package dev.wstest.mock.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One Netty event loop group for every mock server of the JVM, so that thousands of connections cost a few
 * threads, not one each. Counted by its users: the group starts with the first running mock and is shut
 * down (its threads ended) when the last one closes, so a closed mock leaves no thread behind.
 */
final class EventLoops {

    private static final int THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static EventLoopGroup group;
    private static int users;

    private EventLoops() {
    }

    static synchronized EventLoopGroup acquire() {
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("ws-test-mock", true),
                    NioIoHandler.newFactory());
        }
        users++;
        return group;
    }

    /** Gives the group back; the last user's call returns once its threads have stopped (at most 5 s). */
    static void release() {
        EventLoopGroup stopping = null;
        synchronized (EventLoops.class) {
            if (--users == 0) {
                stopping = group;
                group = null;
            }
        }
        if (stopping != null) {
            stopping.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
