package dev.wstest.client.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.tls.TlsIdentity;
import dev.wstest.tls.TlsTrust;
import dev.wstest.tyrus.NoIdleTimeout;
import java.lang.reflect.Method;
import java.util.List;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientProperties;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientSocket;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * Shares Tyrus {@link ClientManager}s between clients with the same transport settings.
 *
 * <p>Each ClientManager owns executor pools (a scheduled pool of up to 10 threads and a cached pool) that
 * live while any of its sessions is open. One manager per client therefore costs about three threads per
 * open connection (measured: 200 open clients added 603 threads); one manager per setting keeps the count
 * flat. Settings Tyrus only reads from the manager (handshake timeout, TLS, buffer size) form the key.
 * At most {@value #MAX_MANAGERS} are kept; an evicted manager lives on until its clients close.
 *
 * <p>A shared manager needs one more precaution: Tyrus shuts a manager's executors down whenever its last
 * session ends and creates new ones on the next use. With connections opened and closed back to back, a
 * new session can pick up the executor being shut down and its handshake then never completes (seen as
 * "Handshake response not received" after a 101 in a loop of 1,000 connections). So each manager is
 * created "on top of" a second, never-connected ClientManager whose executors the sessions use; that one
 * sees no sessions end and so never shuts them down. Its threads are daemons and idle when unused.
 *
 * <p>The Grizzly transport all managers share is closed when the JVM exits (a shutdown hook, registered
 * with the first manager). Its selector threads wait inside native code, and a JVM that exits while user
 * threads are in native code waits up to 300 ms for them (HotSpot's {@code VM_Exit}); closing the
 * transport first lets a program that used a client, the CLI or a test JVM, end at once.
 */
@API(status = INTERNAL, since = "0.1")
public final class ClientManagers {

    private static final int MAX_MANAGERS = 32;

    private static final Map<Key, ClientManager> MANAGERS = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ClientManager> eldest) {
            return size() > MAX_MANAGERS;
        }
    };

    private static boolean releaseAtExit;

    private ClientManagers() {
    }

    /**
     * Closes the Grizzly transport the clients share; connections still open on it are dropped, and the next
     * connect starts a new transport. Called at JVM exit.
     */
    public static void closeSharedTransport() {
        try {
            Method close = GrizzlyClientSocket.class.getDeclaredMethod("closeSharedTransport");
            close.setAccessible(true);
            close.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Tyrus changed: the exit then waits for the transport's threads, as before
        }
    }

    /**
     * The manager for these settings.
     *
     * @param tls      the trust for wss:// (its certificates and its host-name rule); null for ws://
     * @param identity the certificate to present when the server asks for one (mutual TLS), or null
     */
    public static ClientManager get(Duration connectTimeout, int maxFrameBytes, TlsTrust tls, TlsIdentity identity) {
        Key key = new Key(connectTimeout.toMillis(), maxFrameBytes, tls == null ? null
                : identity == null ? tls : List.of(tls, identity));
        synchronized (MANAGERS) {
            if (!releaseAtExit) {
                releaseAtExit = true;
                Runtime.getRuntime().addShutdownHook(new Thread(ClientManagers::closeSharedTransport,
                        "ws-test-client-transport-release"));
            }
            return MANAGERS.computeIfAbsent(key, k -> create(connectTimeout, maxFrameBytes, tls, identity));
        }
    }

    private static ClientManager create(Duration connectTimeout, int maxFrameBytes, TlsTrust tls,
                                        TlsIdentity identity) {
        ClientManager executorHost = ClientManager.createClient();
        // Sessions take their idle timeout from this container; see NoIdleTimeout for why "none" is -1.
        executorHost.setDefaultMaxSessionIdleTimeout(NoIdleTimeout.NONE);
        ClientManager manager = ClientManager.createClient(TappingClientContainer.class.getName(), executorHost);
        // The tap refuses messages over the limit before Tyrus sees them (WireRules.maxMessageBytes); Tyrus's
        // own limits sit just above it, so that Tyrus never fails with its "Buffer overflow." (1011) instead.
        manager.setDefaultMaxTextMessageBufferSize(maxFrameBytes + 1);
        manager.setDefaultMaxBinaryMessageBufferSize(maxFrameBytes + 1);
        Map<String, Object> props = manager.getProperties();
        props.put(ClientProperties.SHARED_CONTAINER, true);
        // Read when the shared transport is first created: a bounded worker pool for all clients.
        props.put(GrizzlyClientProperties.WORKER_THREAD_POOL_CONFIG, ThreadPoolConfig.defaultConfig()
                .setPoolName("ws-test-client").setCorePoolSize(2).setMaxPoolSize(16).setDaemon(true));
        props.put(ClientProperties.HANDSHAKE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        props.put(ClientProperties.INCOMING_BUFFER_SIZE, maxFrameBytes + 64);
        if (tls != null) {
            SslEngineConfigurator ssl = new SslEngineConfigurator(tls.sslContext(identity), true, false, false);
            // Tyrus then asks the engine for endpoint identification, exactly as TlsTrust.applyTo does.
            ssl.setHostVerificationEnabled(tls.verifiesHostNames());
            props.put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
        }
        return manager;
    }

    private static final class Key {
        final long timeoutMillis;
        final int maxFrameBytes;
        final Object tlsKey;

        Key(long timeoutMillis, int maxFrameBytes, Object tlsKey) {
            this.timeoutMillis = timeoutMillis;
            this.maxFrameBytes = maxFrameBytes;
            this.tlsKey = tlsKey;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return timeoutMillis == k.timeoutMillis && maxFrameBytes == k.maxFrameBytes
                    && Objects.equals(tlsKey, k.tlsKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(timeoutMillis, maxFrameBytes, tlsKey);
        }
    }
}
