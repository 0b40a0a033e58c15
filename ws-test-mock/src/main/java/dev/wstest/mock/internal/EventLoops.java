package dev.wstest.mock.internal;

import dev.wstest.record.Waiters;
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
            group = new MultiThreadIoEventLoopGroup(THREADS, new IoThreads(), NioIoHandler.newFactory());
        }
        users++;
        return group;
    }

    /**
     * The I/O threads: daemons named {@code ws-test-mock-*}, on which a wait fails at once
     * ({@link Waiters#forbidWaitingOnThisThread}). The code of a {@code MockBehaviour} runs here; a wait in it
     * (an assertion on a client or on the mock, {@code awaitConnection}) would block the thread that delivers
     * what it waits for, and with it every other mock connection of the JVM, until its deadline.
     */
    private static final class IoThreads extends DefaultThreadFactory {
        static final String NO_WAITING = "a wait on the mock's I/O thread (in a MockBehaviour callback, or an"
                + " assertion that waits) would block the thread that delivers what it waits for, and every mock"
                + " connection of the JVM with it; it fails at once instead. Wait from the test's thread"
                + " (mock.awaitConnection(...), assertThat(connection).receivesText(...)), and in the callback"
                + " only act (connection.sendText(...), connection.perform(...), connection.close(...))";

        IoThreads() {
            super("ws-test-mock", true);
        }

        @Override
        protected Thread newThread(Runnable r, String name) {
            return super.newThread(() -> {
                Waiters.forbidWaitingOnThisThread(NO_WAITING);
                r.run();
            }, name);
        }
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
