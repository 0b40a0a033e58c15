package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.testing.SelfSignedCertificate;
import dev.wstest.server.WsServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class TlsOptionsTest {

    @TempDir
    Path dir;

    SelfSignedCertificate cert;
    WsServer server;

    @BeforeEach
    void start() {
        cert = SelfSignedCertificate.create(dir);
        server = WsServer.builder().tls(cert.keyStore(), SelfSignedCertificate.PASSWORD).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("an untrusted certificate is one line with the fix, exit 4")
    void untrusted() {
        Cli.Result r = Tool.run("", "send", server.uri("/").toString(), "hi");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONNECTION_FAILED);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("ws-test send: ").contains("TLS handshake failed",
                "Trust the server's certificate with --ca FILE, or use --insecure for a test server.")
                .doesNotContain("TlsTrust");
    }

    @Test
    @DisplayName("--ca trusts exactly that certificate; --insecure trusts any; both at once is refused")
    void trusted() {
        Cli.Result ca = Tool.run("", "send", server.uri("/").toString(), "hi", "--replies", "1",
                "--ca", cert.certificateFile().toString());
        assertThat(ca.exitCode()).as(ca.toString()).isZero();
        assertThat(ca.out()).isEqualTo("hi\n");
        Cli.Result insecure = Tool.run("", "ping", server.uri("/").toString(), "-c", "1", "--insecure");
        assertThat(insecure.exitCode()).as(insecure.toString()).isZero();
        Cli.Result both = Tool.run("", "ping", server.uri("/").toString(), "--insecure", "--ca",
                cert.certificateFile().toString());
        assertThat(both.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(both.err()).isEqualTo("ws-test ping: give either --insecure or --ca, not both\n");
    }

    @Test
    @DisplayName("-k means the same on every command: conformance -k and send -k connect to a certificate for"
            + " another host name; --ca with that certificate fails on both with the same line")
    void insecureAndCaMeanTheSameEverywhere() {
        try (WsServer otherName = WsServer.builder().host("127.0.0.2")
                .tls(cert.keyStore(), SelfSignedCertificate.PASSWORD).start()) {
            String url = otherName.uri("/").toString();
            Cli.Result conformance = Tool.run("", "conformance", url, "-k", "--include", "1.1.1");
            assertThat(conformance.exitCode()).as(conformance.toString()).isEqualTo(ExitCodes.OK);
            Cli.Result send = Tool.run("", "send", url, "hi", "--replies", "1", "-k");
            assertThat(send.exitCode()).as(send.toString()).isEqualTo(ExitCodes.OK);

            String ca = cert.certificateFile().toString();
            Cli.Result conformanceCa = Tool.run("", "conformance", url, "--ca", ca, "--include", "1.1.1");
            Cli.Result sendCa = Tool.run("", "send", url, "hi", "--ca", ca);
            for (Cli.Result r : new Cli.Result[] {conformanceCa, sendCa}) {
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONNECTION_FAILED);
                assertThat(r.err().lines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).contains("the TLS handshake failed: the server's certificate is not valid for"
                        + " the host name \"127.0.0.2\"", "Connect with a host name the certificate was issued for,"
                        + " or use --insecure for a test server.").doesNotContain("TlsTrust");
            }
        }
    }
}
