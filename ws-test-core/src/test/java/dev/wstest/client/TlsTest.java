package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.server.WsServer;
import dev.wstest.testing.SelfSignedCertificate;
import dev.wstest.tls.TlsTrust;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TlsTest {

    @TempDir
    static Path dir;
    static SelfSignedCertificate certificate;
    static WsServer server;

    @BeforeAll
    static void start() {
        certificate = SelfSignedCertificate.create(dir);
        server = WsServer.builder().tls(certificate.keyStore(), SelfSignedCertificate.PASSWORD).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void serverReportsWssUri() {
        assertThat(server.uri().getScheme()).isEqualTo("wss");
    }

    @Test
    @DisplayName("a self-signed certificate fails by default, with a TLS reason and the fix in the message")
    void failsByDefault() {
        assertThatThrownBy(() -> WsClient.connect(server.uri("/tls")))
                .isInstanceOfSatisfying(WsConnectException.class,
                        e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TLS))
                .hasMessageContaining("the TLS handshake failed")
                .hasMessageContaining("JDK default trust store")
                .hasMessageContaining("TlsTrust.certificates(...)");
    }

    @Test
    @DisplayName("trusting exactly that certificate connects, with host name verification on")
    void passesWithTheCertificateTrusted() {
        try (WsClient client = WsClient.builder(server.uri("/tls"))
                .tls(TlsTrust.certificates(certificate.certificateFile())).connect()) {
            client.sendText("secret");
            assertThat(client).receivesText("secret");
        }
    }

    @Test
    @DisplayName("host name verification stays on: a trusted certificate for another name is refused")
    void verifiesHostName() {
        // 127.0.0.2 is loopback too, but not a name the certificate was issued for (localhost, 127.0.0.1)
        try (WsServer otherName = WsServer.builder().host("127.0.0.2")
                .tls(certificate.keyStore(), SelfSignedCertificate.PASSWORD).start()) {
            assertThatThrownBy(() -> WsClient.builder(otherName.uri("/tls"))
                    .tls(TlsTrust.certificates(certificate.certificateFile())).connect())
                    .isInstanceOfSatisfying(WsConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TLS));
            try (WsClient anyway = WsClient.builder(otherName.uri("/tls")).tls(TlsTrust.trustAll()).connect()) {
                assertThat(anyway).as("trustAll also skips host name verification").isOpen();
            }
        }
    }

    @Test
    @DisplayName("trustAll() connects to anything, and only when asked for")
    void trustAll() {
        try (WsClient client = WsClient.builder(server.uri("/tls")).tls(TlsTrust.trustAll()).connect()) {
            assertThat(client).isOpen();
        }
        assertThat(TlsTrust.trustAll().toString()).contains("TRUST ALL");
        assertThat(TlsTrust.jdkDefault().isTrustAll()).isFalse();
    }
}
