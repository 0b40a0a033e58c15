package dev.wstest.benchmarks.e2e;

import dev.wstest.client.WsClient;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * Child JVM: holds many open connections. {@code open N} connects until N are open and answers
 * {@code OPEN N}. {@code ws-test} uses {@link WsClient}; {@code tyrus} uses one raw Tyrus ClientManager
 * with the shared container (Tyrus's own way to serve many connections from one transport).
 */
public final class ScaleClientMain {

    private ScaleClientMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean wsTest = args[0].equals("ws-test");
        URI uri = URI.create(args[1]);
        ClientManager manager = ClientManager.createClient();
        manager.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        List<Object> open = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("open ")) {
                int target = Integer.parseInt(line.substring(5).trim());
                while (open.size() < target) {
                    if (wsTest) {
                        open.add(WsClient.connect(uri));
                    } else {
                        open.add(manager.connectToServer(new Endpoint() {
                            @Override
                            public void onOpen(jakarta.websocket.Session session, EndpointConfig config) {
                                // holds the connection; nothing to do
                            }
                        }, ClientEndpointConfig.Builder.create().build(), uri));
                    }
                }
                System.out.println("OPEN " + open.size());
            }
        }
        // closing thousands of connections one by one would measure nothing; the OS closes them
        System.exit(0);
    }
}
