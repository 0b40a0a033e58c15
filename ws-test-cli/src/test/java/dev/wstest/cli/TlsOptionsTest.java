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
}
