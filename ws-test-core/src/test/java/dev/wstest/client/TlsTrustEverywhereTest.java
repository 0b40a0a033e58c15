package dev.wstest.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wstest.conformance.ConformanceReport;
import dev.wstest.conformance.ConformanceRunner;
import dev.wstest.conformance.ConformanceSetupException;
import dev.wstest.conformance.Verdict;
import dev.wstest.raw.RawClient;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioResult;
import dev.wstest.scenario.ScenarioRunner;
import dev.wstest.scenario.ScenarioVariables;
import dev.wstest.server.WsServer;
import dev.wstest.tls.TlsTrust;
import dev.wstest.testing.SelfSignedCertificate;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One definition of each trust mode, the same on every path that opens wss://: WsClient, RawClient, the
 * conformance runner and a scenario's connect step. The server presents a self-signed certificate for
 * localhost/127.0.0.1 but listens on 127.0.0.2, so its certificate is for another host name.
 */
@Timeout(60)
class TlsTrustEverywhereTest {

    @TempDir
    static Path dir;
    static SelfSignedCertificate certificate;
    static WsServer otherName;

    @BeforeAll
    static void start() {
        certificate = SelfSignedCertificate.create(dir);
        otherName = WsServer.builder().host("127.0.0.2").tls(certificate.keyStore(), SelfSignedCertificate.PASSWORD)
                .start();
    }

    @AfterAll
    static void stop() {
        otherName.close();
    }

    static final String WRONG_NAME = "the server's certificate is not valid for the host name \"127.0.0.2\"";

    @Test
    @DisplayName("trustAll() connects on every path, whatever name the certificate is for")
    void trustAllEverywhere() throws Exception {
        try (WsClient client = WsClient.builder(otherName.uri("/a")).tls(TlsTrust.trustAll()).connect()) {
            assertThat(client.state()).isEqualTo(dev.wstest.record.ConnectionState.OPEN);
        }
        try (RawClient raw = RawClient.builder(otherName.uri("/b")).tls(TlsTrust.trustAll()).connect()) {
            assertThat(raw.handshakeResponse().status()).isEqualTo(101);
        }
        ConformanceReport report = ConformanceRunner.builder(otherName.uri("/c")).include("1.1.1")
                .tls(TlsTrust.trustAll()).run();
        assertThat(report.results()).singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.OK));
        ScenarioResult scenario = runScenario("connect ${URL} trust all\nsend text \"x\"\nexpect text \"x\"\n");
        assertThat(scenario.passed()).as(scenario.failure().map(Throwable::getMessage).orElse("")).isTrue();
    }

    @Test
    @DisplayName("the right certificate for a wrong host name fails on every path, with the same clear message")
    void certificatesVerifyTheHostNameEverywhere() throws Exception {
        TlsTrust trust = TlsTrust.certificates(certificate.certificateFile());

        Throwable client = catchThrowable(() -> WsClient.builder(otherName.uri("/a")).tls(trust).connect());
        assertThat(client).isInstanceOfSatisfying(WsConnectException.class,
                e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TLS));
        assertThat(client.getMessage()).contains(WRONG_NAME);

        Throwable raw = catchThrowable(() -> RawClient.builder(otherName.uri("/b")).tls(trust).connect());
        assertThat(raw).isInstanceOf(SSLException.class);
        assertThat(raw.getMessage()).contains(WRONG_NAME);

        assertThatThrownBy(() -> ConformanceRunner.builder(otherName.uri("/c")).include("1.1.1").tls(trust).run())
                .isInstanceOf(ConformanceSetupException.class).hasMessageContaining(WRONG_NAME);

        ScenarioResult scenario = runScenario("connect ${URL} trust \"" + certificate.certificateFile() + "\"\n");
        assertThat(scenario.passed()).isFalse();
        assertThat(scenario.failure().orElseThrow().getMessage()).contains(WRONG_NAME);
    }

    @Test
    @DisplayName("the JDK default refuses the self-signed certificate on every path")
    void jdkDefaultEverywhere() {
        assertThatThrownBy(() -> WsClient.builder(otherName.uri("/a")).connect())
                .isInstanceOf(WsConnectException.class).hasMessageContaining("not trusted");
        assertThatThrownBy(() -> RawClient.builder(otherName.uri("/b")).connect())
                .isInstanceOf(SSLException.class).hasMessageContaining("not trusted");
        assertThatThrownBy(() -> ConformanceRunner.builder(otherName.uri("/c")).include("1.1.1").run())
                .isInstanceOf(ConformanceSetupException.class).hasMessageContaining("not trusted");
    }

    private static ScenarioResult runScenario(String text) {
        ScenarioVariables vars = ScenarioVariables.builder().putAll(Map.of("URL", otherName.uri("/s").toString()))
                .build();
        return ScenarioRunner.builder().variables(vars).build()
                .run(ScenarioLoader.parse("tls.ws", text, vars).scenarios().get(0));
    }
}
