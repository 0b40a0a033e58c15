package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.peers.PlainTyrusServer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/**
 * The CLI start baseline: a raw Tyrus program doing what {@link CliStartSection#SCENARIO} does (start an echo
 * server, connect, three round trips of text, JSON and binary, a ping, close) and exiting, as a hand-written
 * smoke-test tool would.
 */
public final class RawScenarioMain {

    private RawScenarioMain() {
    }

    public static void main(String[] args) throws Exception {
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        boolean ok;
        try (PlainTyrusServer server = PlainTyrusServer.echo()) {
            ClientManager manager = ClientManager.createClient();
            Session session = manager.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig config) {
                    s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                    s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) received::add);
                    s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) received::add);
                }
            }, ClientEndpointConfig.Builder.create().build(), server.uri());
            session.getBasicRemote().sendText("hello");
            ok = "hello".equals(received.poll(2, TimeUnit.SECONDS));
            session.getBasicRemote().sendText("{\"id\": 1}");
            ok &= "{\"id\": 1}".equals(received.poll(2, TimeUnit.SECONDS));
            session.getBasicRemote().sendPing(ByteBuffer.wrap("hb".getBytes(StandardCharsets.UTF_8)));
            ok &= received.poll(2, TimeUnit.SECONDS) instanceof PongMessage;
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {(byte) 0xca, (byte) 0xfe}));
            ok &= ByteBuffer.wrap(new byte[] {(byte) 0xca, (byte) 0xfe}).equals(received.poll(2, TimeUnit.SECONDS));
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
            manager.shutdown();
        }
        System.out.println(ok ? "1 scenario passed" : "FAILED");
        System.exit(ok ? 0 : 1);
    }
}
