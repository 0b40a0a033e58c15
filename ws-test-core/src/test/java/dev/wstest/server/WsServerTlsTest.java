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
