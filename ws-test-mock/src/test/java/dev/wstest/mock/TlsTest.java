package dev.wstest.mock;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.mock.MockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.mock.ClientPeer.Events;
import dev.wstest.mock.ClientPeer.Kind;
import dev.wstest.raw.RawClient;
import dev.wstest.tls.GeneratedCertificate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** wss:// with the certificate generated at start-up, and mutual TLS. */
@Timeout(120)
class TlsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("wss://: our client trusts exactly the mock's certificate (host names verified), never trust-all")
    void wssWithWsClient() {
        try (MockWsServer mock = MockWsServer.builder().tls().stub(Stub.onText("hi").sendText("secure hi")).start()) {
            assertThat(mock.uri("/x").getScheme()).isEqualTo("wss");
            try (WsClient c = mock.newClient("/x").connect()) {
                c.sendText("hi");
                assertThat(c).receivesText("secure hi");
            }
            try (WsClient c = WsClient.builder(mock.uri("/")).tls(mock.trust()).connect()) {
                assertThat(c).isOpen();
            }
            assertThat(mock.trust().isTrustAll()).isFalse();
            assertThatThrownBy(() -> WsClient.connect(mock.uri("/")))
                    .as("the JDK's default trust store does not know the generated certificate")
                    .isInstanceOfSatisfying(WsConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TLS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("wss://: python and node verify the mock with its certificate as their only CA")
    void wssWithPeers(Kind kind) throws IOException {
        try (MockWsServer mock = MockWsServer.builder().tls().stub(Stub.onConnect().sendText("over tls")).start()) {
            Path ca = write("mock.pem", mock.certificate().orElseThrow().certificatePem());
            ObjectNode spec = ClientPeer.spec(mock.uri("/")).put("ca", ca.toString());
            steps(spec, kind);
            Events e = ClientPeer.run(kind, spec);
            assertThat(e.texts()).as(e.toString()).containsExactly("over tls");
        }
    }

    @Test
    @DisplayName("wss://: a certificate for other names is refused by python (host name checked)")
    void hostNameChecked() throws IOException {
        GeneratedCertificate other = GeneratedCertificate.generate("elsewhere", java.util.List.of("elsewhere.test"),
                java.util.List.of(), GeneratedCertificate.Usage.SERVER);
        try (MockWsServer mock = MockWsServer.builder().tls(other).start()) {
            Path ca = write("other.pem", other.certificatePem());
            Events e = ClientPeer.run(Kind.PYTHON, ClientPeer.spec(mock.uri("/")).put("ca", ca.toString()));
            assertThat(e.first("connect_error").get("message").asText()).as(e.toString()).contains("IP address mismatch");
        }
    }

    @Test
    @DisplayName("mutual TLS: the JDK client with the generated client certificate connects; without, it is refused")
    void mutualTlsWithJdk() throws Exception {
        try (MockWsServer mock = MockWsServer.builder().tls().requireClientCertificate()
                .stub(Stub.onConnect().sendText("hello, certified client")).start()) {
            WebSocket ws = HttpClient.newBuilder().sslContext(mock.clientSslContext()).build().newWebSocketBuilder()
                    .buildAsync(mock.uri("/"), new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS);
            assertThat(mock).connection(1).isOpen();
            ws.abort();

            HttpClient bare = HttpClient.newBuilder().sslContext(mock.trust().sslContext()).build();
            assertThatThrownBy(() -> bare.newWebSocketBuilder().buildAsync(mock.uri("/"), new WebSocket.Listener() { })
                    .get(5, TimeUnit.SECONDS))
                    .as("trusting the mock is not enough: it wants a client certificate")
                    .hasRootCauseInstanceOf(javax.net.ssl.SSLException.class);
            assertThat(mock).hasFailedTlsHandshake().hasAcceptedConnections(1);
            assertThat(mock.tlsFailures()).first().satisfies(f -> assertThat(f.message()).isNotBlank());
            assertThat(mock.describeActivity()).contains("Failed TLS handshakes:");
        }
    }

    @Test
    @DisplayName("mutual TLS: WsClient presents the generated client certificate; without it, the mock refuses it")
    void mutualTlsWithWsClient() {
        try (MockWsServer mock = MockWsServer.builder().tls().requireClientCertificate()
                .stub(Stub.onConnect().sendText("certified")).start()) {
            try (WsClient c = mock.newClient("/").connect()) {
                assertThat(c).receivesText("certified");
            }
            try (WsClient c = WsClient.builder(mock.uri("/")).tls(mock.trust())
                    .clientCertificate(GeneratedCertificate.client().identity()).connect()) {
                assertThat(c).isOpen();
            }
            // Tyrus does not pass the server's TLS alert on to the waiting connect (TLS 1.3 sends it after the
            // client's handshake is done), so the client without a certificate ends in its connect timeout; the
            // mock says why.
            assertThatThrownBy(() -> WsClient.builder(mock.uri("/")).tls(mock.trust())
                    .connectTimeout(java.time.Duration.ofSeconds(1)).connect())
                    .isInstanceOf(WsConnectException.class);
            assertThat(mock).hasFailedTlsHandshake().hasAcceptedConnections(2);
            assertThat(mock.tlsFailures()).singleElement().satisfies(f -> assertThat(f.message())
                    .containsIgnoringCase("certificate"));
        }
    }

    @Test
    @DisplayName("mutual TLS: the raw client presents the certificate too; another client certificate is refused")
    void mutualTlsWithRawClient() throws Exception {
        try (MockWsServer mock = MockWsServer.builder().tls().requireClientCertificate().start()) {
            try (RawClient raw = RawClient.builder(mock.uri("/")).tls(mock.trust())
                    .clientCertificate(GeneratedCertificate.client().identity()).connect()) {
                assertThat(raw.handshakeResponse().status()).isEqualTo(101);
            }
            GeneratedCertificate stranger = GeneratedCertificate.generate("stranger", java.util.List.of(),
                    java.util.List.of(), GeneratedCertificate.Usage.CLIENT);
            assertThatThrownBy(() -> RawClient.builder(mock.uri("/")).tls(mock.trust())
                    .clientCertificate(stranger.identity()).connect())
                    // TLS 1.3: the server judges the client certificate after the client's Finished, so the client
                    // sees the alert (SSLException) or, when its upgrade request is already on the way, a broken pipe
                    .isInstanceOfAny(javax.net.ssl.SSLException.class, java.net.SocketException.class);
            assertThat(mock).hasFailedTlsHandshake();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("mutual TLS: python and node present the client certificate, or are refused without it")
    void mutualTlsWithPeers(Kind kind) throws IOException {
        try (MockWsServer mock = MockWsServer.builder().tls().requireClientCertificate()
                .stub(Stub.onConnect().sendText("certified")).start()) {
            Path ca = write("mock.pem", mock.certificate().orElseThrow().certificatePem());
            Path cert = write("client.pem", GeneratedCertificate.client().certificatePem());
            Path key = write("client.key", GeneratedCertificate.client().privateKeyPem());
            ObjectNode with = ClientPeer.spec(mock.uri("/")).put("ca", ca.toString()).put("cert", cert.toString())
                    .put("key", key.toString());
            steps(with, kind);
            Events ok = ClientPeer.run(kind, with);
            assertThat(ok.texts()).as(ok.toString()).containsExactly("certified");

            ObjectNode without = ClientPeer.spec(mock.uri("/")).put("ca", ca.toString());
            steps(without, kind);
            Events refused = ClientPeer.run(kind, without);
            assertThat(refused.texts()).as(refused.toString()).isEmpty();
            assertThat(mock).hasFailedTlsHandshake().hasAcceptedConnections(1);
        }
    }

    @Test
    @DisplayName("misuse: trust() without a generated certificate, mutual TLS without TLS, clientSslContext() without it")
    void misuse() {
        try (MockWsServer plain = MockWsServer.start()) {
            assertThatThrownBy(plain::trust).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("serves ws://; use MockWsServer.builder().tls()");
            assertThatThrownBy(plain::clientSslContext).hasMessageContaining("requireClientCertificate()");
        }
        assertThatThrownBy(() -> MockWsServer.builder().requireClientCertificate().start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("add tls() to the builder");
    }

    /** Receive one message, then close. */
    private static void steps(ObjectNode spec, Kind kind) {
        var steps = spec.putArray("steps");
        steps.addObject().put(kind == Kind.PYTHON ? "recv" : "expect", 1);
        steps.addObject().putArray("close").add(1000).add("done");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
