package dev.wstest.benchmarks.peers;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;

import dev.wstest.client.WsClient;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A client that sends text messages to an echo server and checks what comes back, written the way a test
 * would be: ws-test's recording client with its assertion, or a hand-written raw Tyrus or JDK client that
 * puts received messages in a queue and compares them.
 */
public interface EchoClient extends AutoCloseable {

    /** Budget for one echo; a benchmark that waits longer has found a bug, not a slow path. */
    long TIMEOUT_SECONDS = 10;

    /** Sends one message and waits for the same message to come back. */
    void roundTrip(String message) throws Exception;

    /** Sends {@code count} messages without waiting, then waits for all of them to come back in order. */
    void pipelined(String message, int count) throws Exception;

    @Override
    void close();

    static EchoClient connect(String kind, URI uri) throws Exception {
        switch (kind) {
            case "ws-test":
                return new WsTest(uri);
            case "tyrus":
                return new Tyrus(uri);
            case "jdk":
                return new Jdk(uri);
            default:
                throw new IllegalArgumentException("unknown client " + kind + "; one of ws-test, tyrus, jdk");
        }
    }

    /** ws-test: {@code sendText} and {@code assertThat(client).receivesText(...)}. */
    final class WsTest implements EchoClient {
        private final WsClient client;

        WsTest(URI uri) {
            client = WsClient.connect(uri);
        }

        @Override
        public void roundTrip(String message) {
            client.sendText(message);
            assertThat(client).receivesText(message);
        }

        @Override
        public void pipelined(String message, int count) {
            for (int i = 0; i < count; i++) {
                client.sendText(message);
            }
            for (int i = 0; i < count; i++) {
                assertThat(client).receivesText(message);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** Checks that what arrived is what was sent, like the equals-assertion of a hand-written test. */
    private static void check(String expected, String actual) {
        if (actual == null) {
            throw new AssertionError("no echo within " + TIMEOUT_SECONDS + " s");
        }
        if (!expected.equals(actual)) {
            throw new AssertionError("echo differs from what was sent");
        }
    }

    /** Raw Tyrus: a default {@link ClientManager} and a whole-message handler feeding a queue. */
    final class Tyrus implements EchoClient {
        private final ClientManager manager = ClientManager.createClient();
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final Session session;

        Tyrus(URI uri) throws DeploymentException, IOException {
            manager.setDefaultMaxTextMessageBufferSize(4 * 1024 * 1024);
            session = manager.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig config) {
                    s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                }
            }, ClientEndpointConfig.Builder.create().build(), uri);
        }

        @Override
        public void roundTrip(String message) throws Exception {
            session.getBasicRemote().sendText(message);
            check(message, received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }

        @Override
        public void pipelined(String message, int count) throws Exception {
            for (int i = 0; i < count; i++) {
                session.getBasicRemote().sendText(message);
            }
            for (int i = 0; i < count; i++) {
                check(message, received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (IOException ignored) {
                // the benchmark is over; nothing to report
            }
            manager.shutdown();
        }
    }

    /** The JDK's {@link java.net.http.WebSocket}: a listener that joins partial text and feeds a queue. */
    final class Jdk implements EchoClient {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final WebSocket ws;

        Jdk(URI uri) {
            ws = HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        received.add(text.toString());
                        text.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).join();
        }

        @Override
        public void roundTrip(String message) throws Exception {
            ws.sendText(message, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            check(message, received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }

        @Override
        public void pipelined(String message, int count) throws Exception {
            for (int i = 0; i < count; i++) {
                ws.sendText(message, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            for (int i = 0; i < count; i++) {
                check(message, received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
        }

        @Override
        public void close() {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the benchmark is over; nothing to report
            }
            ws.abort();
        }
    }
}
