package dev.wstest.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.conformance.ConformanceReport;
import dev.wstest.conformance.ConformanceRunner;
import dev.wstest.conformance.Verdict;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import dev.wstest.server.WsServer;
import dev.wstest.testing.SelfSignedCertificate;
import dev.wstest.tls.TlsTrust;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The raw client and the conformance runner over wss:// against the embedded TLS server. */
@Timeout(60)
class RawClientTlsTest {

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
    @DisplayName("a self-signed certificate is refused by default: TLS verifies unless told otherwise")
    void verifiesByDefault() {
        assertThatThrownBy(() -> RawClient.builder(server.uri("/raw")).connect()).isInstanceOf(SSLException.class);
    }

    @Test
    @DisplayName("trusting exactly that certificate: handshake, frames and EOF probe over TLS")
    void trustedCertificate() throws Exception {
        try (RawClient c = RawClient.builder(server.uri("/raw")).tls(TlsTrust.certificates(certificate.certificateFile()))
                .connect()) {
            c.send(Frame.binary(new byte[] {1, 2, 3}).masked());
            assertThat(c.read(Duration.ofSeconds(5)).frame().payload()).containsExactly(1, 2, 3);
            c.send(Frame.close(1000, "").masked());
            assertThat(c.read(Duration.ofSeconds(5)).frame().opcode()).isEqualTo(Opcode.CLOSE);
            assertThat(c.awaitEof(Duration.ofSeconds(5))).as(c.formatTranscript()).isTrue();
        }
    }

    @Test
    @DisplayName("the conformance runner over wss://")
    void conformanceOverTls() {
        ConformanceReport r = ConformanceRunner.builder(server.uri("/raw")).include("1.1.*", "2.*")
                .tls(TlsTrust.certificates(certificate.certificateFile())).run();
        assertThat(r.results()).hasSize(19).allSatisfy(c -> assertThat(c.verdict()).as(c.explain()).isEqualTo(Verdict.OK));
    }
}
