package dev.wstest.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
    @DisplayName("a TLS server with it is trusted by trust(), with host name verification on")
    void tlsHandshake() throws Exception {
        GeneratedCertificate cert = GeneratedCertificate.localhost();
        try (SSLServerSocket server = listen(cert, "127.0.0.1")) {
            assertThat(handshake(cert.trust(), "127.0.0.1", server)).isEqualTo(cert.certificate());
        }
        // trusted, but issued for other names: 127.0.0.2 is not in the certificate
        try (SSLServerSocket other = listen(cert, "127.0.0.2")) {
            assertThatThrownBy(() -> handshake(cert.trust(), "127.0.0.2", other))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.2");
        }
    }

    private static SSLServerSocket listen(GeneratedCertificate cert, String host) throws Exception {
        SSLServerSocket server = (SSLServerSocket) cert.keyManagerContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName(host));
        Thread accept = new Thread(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.startHandshake();
                s.getOutputStream().write(1);
                s.getOutputStream().flush();
            } catch (Exception e) {
                // the client refused the certificate: nothing to serve
            }
        });
        accept.setDaemon(true);
        accept.start();
        return server;
    }

    /** A client handshake with endpoint identification, as wss:// clients do; returns the server's certificate. */
    private static Object handshake(TlsTrust trust, String host, SSLServerSocket server) throws Exception {
        try (SSLSocket s = (SSLSocket) trust.sslContext().getSocketFactory().createSocket(host,
                server.getLocalPort())) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            return s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    @DisplayName("identity(): the key a side presents; with TlsTrust.sslContext(identity) a mutual-TLS handshake passes")
    void identityForMutualTls() throws Exception {
        GeneratedCertificate server = GeneratedCertificate.localhost();
        GeneratedCertificate client = GeneratedCertificate.client();
        TlsIdentity id = client.identity();
        assertThat(client.identity()).isSameAs(id);
        assertThat(id.certificate()).isEqualTo(client.certificate());
        assertThat(id.toString()).isEqualTo("CN=ws-test client").doesNotContain("PRIVATE");
        SSLContext serverSide = client.trust().sslContext(server.identity()); // trusts only the client certificate
        try (SSLServerSocket listener = (SSLServerSocket) serverSide.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getByName("127.0.0.1"))) {
            listener.setNeedClientAuth(true);
            Object[] seen = new Object[1];
            Thread accept = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    seen[0] = s.getSession().getPeerCertificates()[0];
                    s.getOutputStream().write(1);
                } catch (Exception e) {
                    seen[0] = e;
                }
            });
            accept.start();
            try (SSLSocket s = (SSLSocket) server.trust().sslContext(id).getSocketFactory().createSocket("127.0.0.1",
                    listener.getLocalPort())) {
                s.startHandshake();
                assertThat(s.getInputStream().read()).isEqualTo(1);
            }
            accept.join(10_000);
            assertThat(seen[0]).as("the server saw the client's certificate").isEqualTo(client.certificate());
        }
        assertThat(server.trust().sslContext(id)).as("built once per identity").isSameAs(server.trust().sslContext(id));
        assertThat(server.trust().sslContext(null)).isSameAs(server.trust().sslContext());
    }

    @Test
    @DisplayName("TlsIdentity from a key store file, and a clear error for one that cannot be read")
    void identityFromKeyStore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.p12");
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            GeneratedCertificate.client().keyStore().store(out, GeneratedCertificate.keyStorePassword());
        }
        TlsIdentity id = TlsIdentity.keyStore(file, GeneratedCertificate.keyStorePassword());
        assertThat(id.certificate()).isEqualTo(GeneratedCertificate.client().certificate());
        assertThat(id.keyManagers()).isNotEmpty();
        assertThatThrownBy(() -> TlsIdentity.keyStore(dir.resolve("missing.p12"), new char[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read key store");
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
