package dev.wstest.server;

import dev.wstest.record.FrameRecorder;
import dev.wstest.tyrus.TappedTransport;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Hosts the Tyrus server engine on a Grizzly listener bound where we say. Tyrus's stock
 * {@code org.glassfish.tyrus.server.Server} binds 0.0.0.0 and turns port 0 into 8025; tests need loopback
 * and an ephemeral port. The engine is wrapped so that every handshake and every byte is recorded.
 */
final class EmbeddedContainer extends TyrusServerContainer {

    private static final ThreadLocal<ServerConnection> OPENING = new ThreadLocal<>();

    /**
     * The Grizzly connection whose bytes this thread read last. Tyrus hands the upgrade to the engine on the
     * thread that read the request, and its SPI never names the TCP connection; this probe does, so that a
     * connection whose client stopped reading can be dropped at once (Tyrus can only close gracefully, which
     * waits for the unsent data to drain).
     */
    private static final ThreadLocal<org.glassfish.grizzly.Connection<?>> LAST_READ = new ThreadLocal<>();
    private static final ConnectionProbe READS = new ConnectionProbe.Adapter() {
        @Override
        public void onReadEvent(org.glassfish.grizzly.Connection connection, Buffer data, int size) {
            LAST_READ.set(connection);
        }
    };

    /**
     * Grizzly announces every listener start and stop at INFO; in a test suite that starts hundreds of
     * servers this drowns the output. Quieted unless the user configured these loggers themselves. Held
     * here because java.util.logging only keeps weak references to loggers.
     */
    private static final List<java.util.logging.Logger> QUIETED = quiet(
            "org.glassfish.grizzly.http.server.NetworkListener", "org.glassfish.grizzly.http.server.HttpServer");

    private static List<java.util.logging.Logger> quiet(String... names) {
        List<java.util.logging.Logger> loggers = new java.util.ArrayList<>();
        for (String name : names) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(java.util.logging.Level.WARNING);
            }
            loggers.add(logger);
        }
        return List.copyOf(loggers);
    }

    /** How long {@link #stop()} waits for the selector threads to free the port. */
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(10);

    private final WsServer server;
    private final WebSocketEngine engine;
    private final WebSocketEngine tapped;
    private HttpServer http;
    private NetworkListener listener;

    EmbeddedContainer(WsServer server, int maxMessageBytes) {
        super((Set<Class<?>>) null);
        this.server = server;
        // The tap refuses messages over the limit before Tyrus sees them (WireRules.maxMessageBytes); Tyrus's
        // own limits sit just above it, so that Tyrus never fails with its "Buffer overflow." (1011) instead.
        setDefaultMaxTextMessageBufferSize(maxMessageBytes + 1);
        setDefaultMaxBinaryMessageBufferSize(maxMessageBytes + 1);
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(maxMessageBytes + 64).build();
        this.tapped = new TappingEngine();
    }

    /** The connection whose endpoint is being opened on this thread (Tyrus opens it inside createConnection). */
    static ServerConnection opening() {
        return OPENING.get();
    }

    // Deployment, handshakes and endpoint creation consult the default configurator: see ConfiguratorFallback.

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        ConfiguratorFallback.call(() -> {
            engine.register(endpointClass, "");
            return null;
        });
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        ConfiguratorFallback.call(() -> {
            engine.register(config, "");
            return null;
        });
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return tapped;
    }

    void startListening(String host, int port, SSLContext tls) throws IOException {
        http = new HttpServer();
        listener = new NetworkListener("ws-test", host, port);
        if (tls != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls, false, false, false));
        }
        http.addListener(listener);
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        // A bounded pool: test servers serve short callbacks, and an unbounded pool grows with CPU contention
        // (seen on a loaded 2-core machine) instead of with the work to do.
        listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setPoolName("ws-test-server").setCorePoolSize(2).setMaxPoolSize(16).setDaemon(true));
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(this, ""));
        http.start();
        listener.getTransport().getConnectionMonitoringConfig().addProbes(READS);
    }

    @Override
    public int getPort() {
        return listener == null ? -1 : listener.getPort();
    }

    /**
     * Stops listening before it returns. Grizzly's {@code shutdownNow()} only starts the stop: the listening
     * channel is closed on the selector thread, and the JDK frees a channel registered with a selector only when
     * that selector deregisters it. Until then the port still listens and the kernel accepts connections that
     * nobody serves: a test that closes the server and expects its client's reconnect to be refused would see a
     * hang instead. The selector threads run in the transport's kernel pool (which the transport forgets once
     * stopped, so it is taken first); its termination is the moment the port is free.
     */
    @Override
    public void stop() {
        try {
            if (http != null) {
                ExecutorService kernel = listener.getTransport().getKernelThreadPool();
                http.shutdownNow();
                awaitTermination(kernel);
            }
        } finally {
            super.stop();
        }
    }

    private void awaitTermination(ExecutorService kernel) {
        if (kernel == null) {
            return;
        }
        try {
            if (!kernel.awaitTermination(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("ws-test server \"" + server.name() + "\": its listener on port "
                        + listener.getPort() + " did not stop within " + STOP_DEADLINE.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    private final class TappingEngine implements WebSocketEngine {

        @Override
        public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
            String refusal = server.refusal(request);
            if (refusal != null) {
                response.setStatus(401);
                response.setReasonPhrase("Unauthorized");
                response.getHeaders().put("Content-Length", List.of("0"));
                response.getHeaders().put("Connection", List.of("close"));
                response.getHeaders().put("X-WS-Test-Refusal", List.of(refusal));
                server.recordHandshake(request, 401);
                return new Refused();
            }
            UpgradeInfo info = ConfiguratorFallback.call(() -> engine.upgrade(request, response));
            if (info.getStatus() == UpgradeStatus.NOT_APPLICABLE) {
                return info; // not a WebSocket request; Grizzly's HTTP handler answers it
            }
            ServerHandshake handshake = server.recordHandshake(request, response.getStatus());
            if (info.getStatus() != UpgradeStatus.SUCCESS) {
                return info;
            }
            // Registered before Grizzly writes the 101: once a client's connect() returns, a broadcast from
            // another connection already counts this one in (messages for it wait until its endpoint opens).
            ServerConnection connection = server.newConnection(handshake, extensionsAnswered(response),
                    LAST_READ.get());
            return new UpgradeInfo() {
                @Override
                public UpgradeStatus getStatus() {
                    return UpgradeStatus.SUCCESS;
                }

                @Override
                public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
                    FrameRecorder recorder = connection.recorder();
                    OPENING.set(connection);
                    try {
                        TappedTransport.TappedWriter tappedWriter = TappedTransport.writer(writer, recorder,
                                connection.closingHandshake());
                        Connection c = ConfiguratorFallback.call(() -> info.createConnection(tappedWriter,
                                closeListener));
                        return TappedTransport.connection(c, recorder, tappedWriter, recorder::transportClosed,
                                connection.closingHandshake());
                    } finally {
                        OPENING.remove();
                        // Published only now that the endpoint's onOpen has run (Tyrus calls it inside
                        // createConnection): a test that awaits the connection can send on it at once.
                        server.publish(connection);
                    }
                }
            };
        }

        @Override
        public void register(Class<?> endpointClass, String contextPath) throws DeploymentException {
            ConfiguratorFallback.call(() -> {
                engine.register(endpointClass, contextPath);
                return null;
            });
        }

        @Override
        public void register(ServerEndpointConfig serverConfig, String contextPath) throws DeploymentException {
            ConfiguratorFallback.call(() -> {
                engine.register(serverConfig, contextPath);
                return null;
            });
        }
    }

    /** The values of the Sec-WebSocket-Extensions header in the 101 response: what Tyrus negotiated. */
    private static List<String> extensionsAnswered(UpgradeResponse response) {
        List<String> values = new java.util.ArrayList<>();
        response.getHeaders().forEach((name, v) -> {
            if (name != null && name.equalsIgnoreCase("Sec-WebSocket-Extensions") && v != null) {
                values.addAll(v);
            }
        });
        return values;
    }

    private static final class Refused implements WebSocketEngine.UpgradeInfo {
        @Override
        public WebSocketEngine.UpgradeStatus getStatus() {
            return WebSocketEngine.UpgradeStatus.HANDSHAKE_FAILED;
        }

        @Override
        public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
            return null;
        }
    }
}
