package dev.wstest.benchmarks.e2e;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;

import dev.wstest.benchmarks.peers.PlainTyrusServer;
import dev.wstest.client.WsClient;
import dev.wstest.server.WsServer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.tyrus.client.ClientManager;

/**
 * Child JVM: where one test's time goes, outside JUnit. What a generated test of {@link GeneratedTests} does,
 * phase by phase and timed apart, many times over in a warm JVM: ws-test (connect a {@code WsClient} to a
 * {@code WsServer.echo()}, {@code sendText}, {@code receivesText}, {@code close()}) against the hand-written
 * raw Tyrus test (a {@code ClientManager} and a plain Tyrus echo server, a latch). Prints {@code PHASES kind
 * connect send receive close} in ms per test.
 */
public final class PerTestPhasesMain {

    private PerTestPhasesMain() {
    }

    public static void main(String[] args) throws Exception {
        int warmUp = Integer.parseInt(args[0]);
        int measured = Integer.parseInt(args[1]);
        try (WsServer server = WsServer.echo(); PlainTyrusServer plain = PlainTyrusServer.echo()) {
            ClientManager manager = ClientManager.createClient();
            URI wsUri = server.uri("/echo");
            long[] ws = new long[4];
            long[] raw = new long[4];
            for (int i = 0; i < warmUp + measured; i++) {
                boolean count = i >= warmUp;
                wsTest(wsUri, "message " + i, count ? ws : new long[4]);
                rawTyrus(manager, plain.uri(), "message " + i, count ? raw : new long[4]);
            }
            manager.shutdown();
            print("ws-test", ws, measured);
            print("raw", raw, measured);
        }
        System.exit(0);
    }

    private static void print(String kind, long[] nanos, int n) {
        StringBuilder sb = new StringBuilder("PHASES ").append(kind);
        for (long t : nanos) {
            sb.append(' ').append(t / 1e6 / n);
        }
        System.out.println(sb);
    }

    private static void wsTest(URI uri, String message, long[] t) {
        long t0 = System.nanoTime();
        WsClient client = WsClient.connect(uri);
        long t1 = System.nanoTime();
        client.sendText(message);
        long t2 = System.nanoTime();
        assertThat(client).receivesText(message);
        long t3 = System.nanoTime();
        client.close();
        long t4 = System.nanoTime();
        add(t, t0, t1, t2, t3, t4);
    }

    private static void rawTyrus(ClientManager manager, URI uri, String message, long[] t) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        AtomicReference<String> received = new AtomicReference<>();
        long t0 = System.nanoTime();
        Session session = manager.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    received.set(text);
                    latch.countDown();
                });
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
        long t1 = System.nanoTime();
        session.getBasicRemote().sendText(message);
        long t2 = System.nanoTime();
        if (!latch.await(2, TimeUnit.SECONDS) || !message.equals(received.get())) {
            throw new AssertionError("no echo of " + message);
        }
        long t3 = System.nanoTime();
        session.close();
        long t4 = System.nanoTime();
        add(t, t0, t1, t2, t3, t4);
    }

    private static void add(long[] t, long t0, long t1, long t2, long t3, long t4) {
        t[0] += t1 - t0;
        t[1] += t2 - t1;
        t[2] += t3 - t2;
        t[3] += t4 - t3;
    }
}
