package dev.wstest.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.protocol.ClosePayload;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import dev.wstest.protocol.WsProtocolException;
import dev.wstest.server.WsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The raw client against the embedded Tyrus echo server and against hand-written sockets. */
@Timeout(60)
class RawClientTest {

    private static WsServer server;

    @BeforeAll
    static void start() {
        server = WsServer.echo();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("handshake, masked text echo, close handshake and EOF probe")
    void echoAndClose() throws Exception {
        try (RawClient c = RawClient.builder(server.uri()).connect()) {
            assertThat(c.handshakeResponse().status()).isEqualTo(101);
            c.send(Frame.text("hello").masked());
            RawClient.Received r = c.read(Duration.ofSeconds(5));
            assertThat(r.outcome()).isEqualTo(RawClient.Outcome.FRAME);
            assertThat(r.frame().payloadAsText()).isEqualTo("hello");
            assertThat(r.frame().isMasked()).as("server frames are unmasked").isFalse();
            c.send(Frame.close(1000, "done").masked());
            RawClient.Received close = c.read(Duration.ofSeconds(5));
            assertThat(close.frame().opcode()).isEqualTo(Opcode.CLOSE);
            assertThat(ClosePayload.decode(close.frame().payload()).code()).hasValue(1000);
            assertThat(c.awaitEof(Duration.ofSeconds(5))).as("server closes TCP:%n%s", c.formatTranscript()).isTrue();
            assertThat(c.read(Duration.ofMillis(10)).outcome()).isEqualTo(RawClient.Outcome.EOF);
            assertThat(c.formatTranscript()).contains("->", "TEXT fin masked 5 bytes \"hello\"", "<-", "CLOSE");
        }
    }

    @Test
    @DisplayName("a read with nothing to read returns TIMEOUT after its deadline, not before and not never")
    void readDeadline() throws Exception {
        try (RawClient c = RawClient.builder(server.uri()).connect()) {
            long t0 = System.nanoTime();
            RawClient.Received r = c.read(Duration.ofMillis(200));
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.outcome()).isEqualTo(RawClient.Outcome.TIMEOUT);
            assertThat(r.detail()).contains("200 ms");
            assertThat(took).isGreaterThanOrEqualTo(190);
            assertThat(c.awaitEof(Duration.ofMillis(100))).isFalse();
        }
    }

    @Test
    @DisplayName("a non-101 answer is a RawHandshakeException with status and problems")
    void refusedHandshake() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[4096];
                    in.read(buf);
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (Exception ignored) {
                    // the test asserts on the client side
                }
            });
            t.start();
            assertThatThrownBy(() -> RawClient.connect("ws://127.0.0.1:" + ss.getLocalPort() + "/nope"))
                    .isInstanceOf(RawHandshakeException.class)
                    .hasMessageContaining("status 404 Not Found (expected 101")
                    .satisfies(e -> assertThat(((RawHandshakeException) e).response().status()).isEqualTo(404));
            t.join(5000);
        }
    }

    @Test
    @DisplayName("a server that never answers the handshake fails within the connect timeout")
    void silentServer() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> RawClient.builder("ws://127.0.0.1:" + ss.getLocalPort() + "/")
                    .connectTimeout(Duration.ofMillis(300)).connect())
                    .isInstanceOf(WsProtocolException.class).hasMessageContaining("within 300 ms");
        }
    }
}
