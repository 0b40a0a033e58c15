package dev.wstest.client.internal;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.Transport;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientSocket;

/**
 * Ties a connection attempt to its Grizzly connection, so that an attempt given up on (the handshake timed
 * out) closes its socket.
 *
 * <p>Why this is needed: with the shared transport ws-test uses, Tyrus's Grizzly client passes no timeout
 * handler ({@code GrizzlyClientSocket}: {@code sharedTransport ? null : ...}), so a handshake that times out
 * leaves its socket ESTABLISHED until the peer closes it. Nothing in the Tyrus SPI names the connection before
 * a response arrives. Grizzly's connection probes do: the upgrade request is written on the thread that
 * builds it from our {@link org.glassfish.tyrus.spi.UpgradeRequest} (Tyrus's client filter reads the headers
 * and writes in one call), so a probe on the shared transport sees that write with the attempt still marked
 * on the thread. The shared transport is a private static of {@code GrizzlyClientSocket} (Tyrus 2.2); if it
 * cannot be reached (another Tyrus version, a module path that forbids the access), attempts are not tied and
 * a timed-out socket stays open as in plain Tyrus.
 */
final class ConnectAttempts {

    private static final ThreadLocal<Attempt> WRITING = new ThreadLocal<>();
    private static final Field SHARED_TRANSPORT = sharedTransportField();
    private static final Set<Transport> PROBED = Collections.newSetFromMap(new WeakHashMap<>());

    private static final ConnectionProbe PROBE = new ConnectionProbe.Adapter() {
        @Override
        public void onWriteEvent(Connection connection, Buffer data, long size) {
            Attempt attempt = WRITING.get();
            if (attempt != null) {
                WRITING.remove();
                attempt.bind(connection);
            }
        }
    };

    private ConnectAttempts() {
    }

    private static Field sharedTransportField() {
        try {
            Field f = GrizzlyClientSocket.class.getDeclaredField("transport");
            f.setAccessible(true);
            return Transport.class.isAssignableFrom(f.getType()) ? f : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Makes sure the shared transport Tyrus connects on now has the probe (it is recreated after idling). */
    static void probeSharedTransport() {
        if (SHARED_TRANSPORT == null) {
            return;
        }
        try {
            Transport t = (Transport) SHARED_TRANSPORT.get(null);
            if (t != null) {
                synchronized (PROBED) {
                    if (PROBED.add(t)) {
                        t.getConnectionMonitoringConfig().addProbes(PROBE);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not reachable: attempts stay untied, as documented above
        }
    }

    /** One connection attempt. */
    static final class Attempt {
        private volatile Connection<?> connection;
        private volatile boolean abandoned;

        /** Called by the thread that is about to write this attempt's upgrade request. */
        void writing() {
            WRITING.set(this);
        }

        private void bind(Connection<?> c) {
            connection = c;
            if (abandoned) {
                c.terminateSilently();
            }
        }

        /** The attempt failed or timed out: close its socket now (or as soon as it is known). */
        void abandon() {
            abandoned = true;
            Connection<?> c = connection;
            if (c != null) {
                c.terminateSilently();
            }
        }
    }
}
