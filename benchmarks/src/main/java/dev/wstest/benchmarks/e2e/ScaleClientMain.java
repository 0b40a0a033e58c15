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
 * with the shared container (Tyrus's own way to serve many connections from one transport). A connection
 * that fails to open is retried (up to three times) and counted: {@code OPEN N FAILED F}. {@code heap} answers
 * {@code HEAP bytes}, the live heap after full GCs.
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
        int failed = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("open ")) {
                int target = Integer.parseInt(line.substring(5).trim());
                int failedHere = 0;
                while (open.size() < target && failedHere < 3) {
                    try {
                        open.add(wsTest ? WsClient.connect(uri) : manager.connectToServer(new Endpoint() {
                            @Override
                            public void onOpen(jakarta.websocket.Session session, EndpointConfig config) {
                                // holds the connection; nothing to do
                            }
                        }, ClientEndpointConfig.Builder.create().build(), uri));
                        failedHere = 0;
                    } catch (RuntimeException | jakarta.websocket.DeploymentException | java.io.IOException e) {
                        failed++;
                        failedHere++;
                        System.err.println("connection " + (open.size() + 1) + " failed: " + e);
                    }
                }
                System.out.println("OPEN " + open.size() + " FAILED " + failed);
            } else if (line.equals("heap")) {
                System.out.println("HEAP " + ProcStatus.liveHeap());
            }
        }
        // closing thousands of connections one by one would measure nothing; the OS closes them
        System.exit(0);
    }
}
