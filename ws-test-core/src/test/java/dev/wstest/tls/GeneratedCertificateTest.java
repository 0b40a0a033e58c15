package dev.wstest.tls;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.server.WsServer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GeneratedCertificateTest {

    @Test
    @DisplayName("localhost(): self-signed for localhost, 127.0.0.1 and ::1, server use, cached per JVM")
    void localhost() throws Exception {
        GeneratedCertificate cert = GeneratedCertificate.localhost();
        assertThat(GeneratedCertificate.localhost()).isSameAs(cert);
        X509Certificate x = cert.certificate();
        x.checkValidity();
        x.verify(x.getPublicKey());
        assertThat(x.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(x.getIssuerX500Principal()).isEqualTo(x.getSubjectX500Principal());
        assertThat(x.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).collect(Collectors.toList()))
                .containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(x.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(x.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(cert.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(cert.toString()).contains("CN=localhost", "SHA-256").doesNotContain("PRIVATE");
    }

    @Test
    @DisplayName("client(): a different key, for client authentication")
    void client() throws Exception {
        GeneratedCertificate client = GeneratedCertificate.client();
        assertThat(client.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(client.certificate().getPublicKey()).isNotEqualTo(GeneratedCertificate.localhost().certificate()
                .getPublicKey());
    }

    @Test
    @DisplayName("a wss:// server with it is trusted by trust(), with host name verification on")
    void tlsHandshake() {
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

    @Test
    @DisplayName("generate() makes a fresh key pair each time")
    void generate() {
        GeneratedCertificate a = GeneratedCertificate.generate("a", List.of("a.test"), List.of(),
                GeneratedCertificate.Usage.SERVER);
        GeneratedCertificate b = GeneratedCertificate.generate("a", List.of("a.test"), List.of(),
                GeneratedCertificate.Usage.SERVER);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }
}
