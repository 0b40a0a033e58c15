package dev.wstest.server;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.record.EventType;
import dev.wstest.record.LogLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broadcast server with one connection that stops reading does not slow the others: broadcasts go out
 * without blocking, and a connection whose sends do not complete within the send timeout is dropped.
 */
@Timeout(60)
class SlowConsumerTest {

    static final int MESSAGES = 200;
    static final int SIZE = 64 * 1024;

    @Test
    @DisplayName("a client that stops reading is dropped (1006); the healthy one gets every message")
    void stalledClientDoesNotSlowTheOthers() throws Exception {
        try (WsServer hub = WsServer.builder().behaviour(ServerBehaviour.broadcast())
                .sendTimeout(Duration.ofMillis(500)).start();
             Socket stalled = upgradeAndStopReading(hub);
             // 400 frames of 64 KiB are more than the default log limits keep (16 MiB): keep them all to count them
             WsClient healthy = WsClient.builder(hub.uri("/")).defaultTimeout(Duration.ofSeconds(20))
                     .logLimits(LogLimits.keepAll()).connect()) {
            hub.awaitConnection(2, Duration.ofSeconds(5));
            String big = "x".repeat(SIZE);
            for (int i = 0; i < MESSAGES; i++) {
                healthy.sendText(i + big);
            }
            assertThat(healthy).receivesMessages(MESSAGES);
            assertThat(healthy.receivedTexts()).hasSize(MESSAGES);

            ServerConnection dropped = hub.connections().get(0);
            dropped.log().awaitUntil(() -> dropped.closeStatus().isPresent(), Duration.ofSeconds(5));
            assertThat(dropped.closeStatus()).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo(1006));
            assertThat(dropped.log().events(e -> e.type() == EventType.ERROR))
                    .anySatisfy(e -> assertThat(e.text()).startsWith("dropped by the server: a send did not complete"
                            + " within 500 ms (the client stopped reading?)"));
            assertThat(hub.connections().get(1).isOpen()).isTrue();
        }
    }

    /** Opens a WebSocket by hand and then never reads: its TCP buffers fill up. */
    private static Socket upgradeAndStopReading(WsServer hub) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), hub.port());
        s.setReceiveBufferSize(4096);
        OutputStream out = s.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] head = new byte[4];
        int n = 0;
        while (!Arrays.equals(head, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("no upgrade response");
            }
            System.arraycopy(head, 1, head, 0, 3);
            head[3] = (byte) b;
            n++;
        }
        return s;
    }
}
