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
 * smoke-test tool would. With the argument {@code keep-transport} it uses Tyrus's shared client container and
 * calls {@code System.exit} without shutting it or the server down, as {@code ws-test run} does: the
 * difference in exit time is what open Grizzly transports cost at exit.
 */
public final class RawScenarioMain {

    private RawScenarioMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean keepTransport = args.length > 0 && args[0].equals("keep-transport");
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        boolean ok;
        PlainTyrusServer server = PlainTyrusServer.echo();
        try {
            ClientManager manager = ClientManager.createClient();
            if (keepTransport) {
                manager.getProperties().put(org.glassfish.tyrus.client.ClientProperties.SHARED_CONTAINER, true);
            }
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
            if (!keepTransport) {
                manager.shutdown();
            }
        } finally {
            if (!keepTransport) {
                server.close();
            }
        }
        System.out.println(ok ? "1 scenario passed" : "FAILED");
        System.exit(ok ? 0 : 1);
    }
}
