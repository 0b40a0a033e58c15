package dev.wstest.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.protocol.DeflateOffer;
import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.HandshakeKeys;
import dev.wstest.protocol.PerMessageDeflater;
import dev.wstest.protocol.PerMessageInflater;
import dev.wstest.server.WsServer;
import dev.wstest.testing.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The raw client offering permessage-deflate, and its large writes against a server that answers while it reads. */
@Timeout(60)
class RawClientDeflateTest {

    @Test
    @DisplayName("python3-websockets accepts the offer: compressed messages both ways, with context takeover")
    void againstPython() throws Exception {
        try (Peer peer = Peer.start(Peer.Kind.PYTHON_WEBSOCKETS);
             RawClient c = RawClient.builder(peer.uri("/echo")).permessageDeflate(DeflateOffer.standard()).connect()) {
            DeflateParameters p = c.deflate().orElseThrow();
            assertThat(p.clientMaxWindowBits()).as("websockets limits the client's window by default").isLessThan(15);
            try (PerMessageDeflater out = p.deflater(DeflateParameters.Role.CLIENT, Deflater.DEFAULT_COMPRESSION);
                 PerMessageInflater in = p.inflater(DeflateParameters.Role.SERVER, 1 << 20)) {
                for (int i = 0; i < 3; i++) {
                    byte[] msg = sample(20_000, i);
                    c.send(Frame.text(out.compress(msg)).rsv(0b100).masked());
                    RawClient.Received r = c.read(Duration.ofSeconds(5));
                    assertThat(r.isFrame()).as(c.formatTranscript()).isTrue();
                    assertThat(r.frame().rsv()).as("the echo is compressed too").isEqualTo(0b100);
                    assertThat(in.decompress(r.frame().payload())).isEqualTo(msg);
                }
            }
            assertThat(c.formatTranscript()).contains("extensions: permessage-deflate");
        }
    }

    @Test
    @DisplayName("a server that ignores the offer: no deflate, handshake fine")
    void declined() throws Exception {
        try (WsServer server = WsServer.echo();
             RawClient c = RawClient.builder(server.uri()).permessageDeflate(DeflateOffer.standard()).connect()) {
            assertThat(c.deflate()).isEmpty();
            assertThat(c.handshakeRequest().extensions()).containsExactly("permessage-deflate; client_max_window_bits");
        }
    }

    @Test
    @DisplayName("a response RFC 7692 forbids fails the handshake, naming the rule")
    void badResponse() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> answer(ss, "permessage-deflate; foo=1"));
            t.start();
            assertThatThrownBy(() -> RawClient.builder("ws://127.0.0.1:" + ss.getLocalPort() + "/")
                    .permessageDeflate(DeflateOffer.standard()).connect())
                    .isInstanceOf(RawHandshakeException.class).hasMessageContaining("unknown parameter foo");
            t.join(5000);
        }
    }

    private static void answer(ServerSocket ss, String extensions) {
        try (Socket s = ss.accept()) {
            InputStream in = s.getInputStream();
            String request = readHead(in);
            String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
            s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\nSec-WebSocket-Extensions: "
                    + extensions + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            s.getInputStream().read();
        } catch (IOException ignored) {
            // the test asserts on the client side
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a blocked socket write ignores interrupts
    @DisplayName("a 16 MiB frame to a server that mirrors bytes as they arrive does not block both sides")
    void largeWriteToMirror() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread mirror = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    String request = readHead(in);
                    String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                            .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n); // blocks as soon as the client stops reading
                    }
                } catch (IOException ignored) {
                    // the client closed
                }
            });
            mirror.setDaemon(true);
            mirror.start();
            byte[] big = new byte[16 << 20];
            try (RawClient c = RawClient.connect("ws://127.0.0.1:" + ss.getLocalPort() + "/")) {
                c.send(Frame.binary(big).masked());
                RawClient.Received r = c.read(Duration.ofSeconds(20));
                assertThat(r.isFrame()).isTrue();
                assertThat(r.frame().payloadLength()).isEqualTo(big.length);
            }
        }
    }

    /** JSON-like text that compresses like real traffic (the same generator as ws-test-wire's PerMessageDeflateTest). */
    private static byte[] sample(int size, long seed) {
        java.util.Random r = new java.util.Random(seed);
        String[] words = {"{\"id\":", "\"name\":\"", "alice", "bob", "\"tags\":[", "\"score\":", "],", "},", "true",
                "false", "null", "websocket", "deflate", "window"};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(size + 32);
        while (out.size() < size) {
            out.writeBytes(words[r.nextInt(words.length)].getBytes(StandardCharsets.UTF_8));
            out.writeBytes(Integer.toString(r.nextInt(100_000)).getBytes(StandardCharsets.UTF_8));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }
}
