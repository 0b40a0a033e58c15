package dev.wstest.benchmarks.peers;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The baseline server: the same Tyrus engine on the same Grizzly listener settings as ws-test's embedded
 * server (loopback, ephemeral port, worker-thread strategy, a 2..16 worker pool), echoing the same way
 * (each part sent back as it arrives), but with nothing tapped and nothing recorded. The difference between
 * the two is what recording costs.
 */
public final class PlainTyrusServer extends TyrusServerContainer implements EchoServer {

    private final WebSocketEngine engine;
    private HttpServer http;
    private NetworkListener listener;

    private PlainTyrusServer() {
        super((Set<Class<?>>) null);
        this.engine = TyrusWebSocketEngine.builder(this).build();
    }

    /** Starts an echo server on 127.0.0.1 and an ephemeral port. */
    public static PlainTyrusServer echo() {
        PlainTyrusServer server = new PlainTyrusServer();
        try {
            server.register(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
            server.listen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    private void listen() throws IOException {
        http = new HttpServer();
        listener = new NetworkListener("plain-tyrus", "127.0.0.1", 0);
        http.addListener(listener);
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setPoolName("plain-tyrus").setCorePoolSize(2).setMaxPoolSize(16).setDaemon(true));
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(this, ""));
        http.start();
    }

    @Override
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + listener.getPort() + "/echo");
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "");
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, "");
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public int getPort() {
        return listener == null ? -1 : listener.getPort();
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    @Override
    public void close() {
        try {
            if (http != null) {
                http.shutdownNow();
            }
        } finally {
            super.stop();
        }
    }

    /** Sends every part back as it arrives, like ws-test's echo behaviour. Public: Tyrus instantiates it. */
    public static final class EchoEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
                try {
                    session.getBasicRemote().sendText(part, last);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
                try {
                    session.getBasicRemote().sendBinary(part, last);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
