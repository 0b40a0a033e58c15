package dev.wstest.server;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.tls.GeneratedCertificate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** wss:// on the embedded server with the generated certificate. */
@Timeout(60)
class WsServerTlsTest {

    @Test
    @DisplayName("tls(): wss:// with the generated certificate; trust() trusts exactly it, never everything")
    void tlsWithoutArguments() {
        try (WsServer server = WsServer.builder().tls().start()) {
            assertThat(server.uri().getScheme()).isEqualTo("wss");
            assertThat(server.certificate()).contains(GeneratedCertificate.localhost().certificate());
            assertThat(server.trust().isTrustAll()).isFalse();
            assertThat(server.trust()).as("one per server").isSameAs(server.trust());
            try (WsClient client = WsClient.builder(server.uri("/x")).tls(server.trust()).connect()) {
                client.sendText("over tls");
                assertThat(client).receivesText("over tls");
            }
            assertThatThrownBy(() -> WsClient.connect(server.uri("/")))
                    .as("the JDK trust store does not know the generated certificate")
                    .isInstanceOfSatisfying(WsConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TLS));
        }
    }

    @Test
    @DisplayName("trust() on a ws:// server says how to get wss://")
    void trustWithoutTls() {
        try (WsServer server = WsServer.echo()) {
            assertThatThrownBy(server::trust).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("serves ws://; WsServer.builder().tls() serves wss://");
            assertThat(server.certificate()).isEmpty();
        }
    }

    @Test
    @DisplayName("a wss:// server with the generated certificate is trusted by its trust(), host names verified")
    void generatedCertificate() {
        GeneratedCertificate cert = GeneratedCertificate.localhost();
        try (WsServer server = WsServer.builder().tls(cert.keyManagerContext()).start();
             WsClient client = WsClient.builder(server.uri("/")).tls(cert.trust()).connect()) {
            client.sendText("over tls");
            assertThat(client).receivesText("over tls");
        }
        // trusted, but issued for other names: 127.0.0.2 is not in the certificate
        try (WsServer other = WsServer.builder().host("127.0.0.2").tls(cert.keyManagerContext()).start()) {
            assertThatThrownBy(() -> WsClient.builder(other.uri("/")).tls(cert.trust()).connect())
                    .isInstanceOfSatisfying(WsConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TLS));
        }
    }
}
