package dev.wstest.cli;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wstest.client.WsClient;
import dev.wstest.conformance.ConformanceRunner;
import dev.wstest.junit5.Connect;
import dev.wstest.junit5.WebSocketTest;
import dev.wstest.protocol.Frame;
import dev.wstest.raw.RawClient;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import dev.wstest.testing.MisbehavingServer;
import dev.wstest.testing.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * An attacker's look at everything ws-test writes: every CLI command and writer, and the API outputs a test
 * run shows (failure reports, exception messages and stack traces, transcripts), run with secrets in headers,
 * cookies, query parameters and --var values; then every byte written (stdout, stderr, every file, report
 * entries, messages) is searched for each secret, as it is and in the encoded forms it could take.
 */
@Timeout(300)
class NoSecretInAnyOutputTest {

    static final String HEADER = "hdrTok3n9f8e7d6c";
    static final String COOKIE = "ckS3ss10na1b2c3d4";
    static final String QUERY = "q+T0k/en=77aa";
    static final String QUERY_ENCODED = URLEncoder.encode(QUERY, StandardCharsets.UTF_8);
    static final String VAR = "varS3cret5e6f7a8b";
    static final String PASSWORD = "pwSecr3t1234";
    static final String BASIC = Base64.getEncoder().encodeToString(("alice:" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    /** Label to text, for every output collected. */
    final Map<String, String> outputs = new LinkedHashMap<>();

    void collect(String label, Cli.Result r) {
        outputs.put(label + " (stdout)", r.out());
        outputs.put(label + " (stderr)", r.err());
    }

    void collect(String label, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        outputs.put(label + " (message)", String.valueOf(t.getMessage()));
        outputs.put(label + " (stack trace)", trace.toString());
    }

    @Test
    @DisplayName("no secret in any byte written by any command, writer or API output")
    void noSecretAnywhere() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(Files.createDirectories(dir.resolve("tls")));
        try (WsServer echo = WsServer.echo();
             WsServer guarded = WsServer.builder().name("guarded").requireHeader("Authorization", "Bearer " + HEADER)
                     .start();
             WsServer greeter = WsServer.builder().name("greeter").behaviour(new ServerBehaviour() {
                 @Override
                 public void onOpen(ServerConnection c) {
                     c.sendText("welcome, your token is " + HEADER);
                     c.sendBinary(VAR.getBytes(StandardCharsets.UTF_8));
                 }
             }).start();
             WsServer tls = WsServer.builder().name("tls").tls(cert.keyStore(), SelfSignedCertificate.PASSWORD).start()) {
            String q = "?access_token=" + QUERY_ENCODED + "&room=1";
            String echoUrl = echo.uri("/chat" + q).toString();
            String guardedUrl = guarded.uri("/chat" + q).toString();
            String greeterUrl = greeter.uri("/chat" + q).toString();
            String tlsUrl = tls.uri("/chat" + q).toString();

            cliRun(echoUrl, guardedUrl);
            cliToolbox(echoUrl, guardedUrl, greeterUrl, tlsUrl);
            cliServers(echoUrl);
            cliStrictWire(q);
            cliConformance(echoUrl, guardedUrl, greeterUrl);
            apiOutputs(echo, echoUrl, guardedUrl, tlsUrl);
            junitExtension(echoUrl);
            outputs.put("echo server activity", echo.describeActivity());
            outputs.put("guarded server activity", guarded.describeActivity());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(dir.resolve("tls")) && !f.startsWith(dir.resolve("input")))::iterator) {
                outputs.put("file " + dir.relativize(f), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }

        assertThat(outputs.keySet()).as("the outputs searched").hasSizeGreaterThan(60)
                .anyMatch(k -> k.contains("TEST-ws-test.xml")).anyMatch(k -> k.contains("rec-txt.ws"))
                .anyMatch(k -> k.contains("p.ws")).anyMatch(k -> k.contains("c.html"));
        // the secrets did reach these outputs, and were hidden there
        assertThat(outputs.get("listen (stdout)")).contains("welcome, your token is <redacted ");
        assertThat(outputs.get("file r/TEST-ws-test.xml")).contains("<testcase name=\"fails\"", "<failure type=\"dev.wstest.scenario.ScenarioFailure\" message=",
                "access_token=&lt;redacted ");
        assertThat(outputs.get("file rec-txt.ws")).contains("access_token=${ACCESS_TOKEN}", "${AUTHORIZATION}");
        List<String> leaks = new ArrayList<>();
        for (String secret : forms()) {
            outputs.forEach((label, text) -> {
                if (text.contains(secret)) {
                    leaks.add(label + " contains \"" + secret + "\"");
                }
            });
        }
        outputs.forEach((label, text) -> {
            if (label.endsWith(".xml") && (text.contains("<properties") || text.contains("<property"))) {
                leaks.add(label + " carries properties (the JVM's command line and environment)");
            }
        });
        assertThat(leaks).as("secrets written (" + leaks.size() + " of " + outputs.size() + " outputs searched)")
                .isEmpty();
    }

    /** Each secret as it is and in the forms output could carry it. */
    static Set<String> forms() {
        Set<String> forms = new LinkedHashSet<>();
        for (String s : List.of(HEADER, COOKIE, QUERY, VAR, PASSWORD, BASIC)) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            forms.add(s);
            forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            forms.add(Base64.getEncoder().encodeToString(b).replace("=", ""));
            forms.add(Base64.getUrlEncoder().encodeToString(b).replace("=", ""));
            forms.add(hex(b)); // how the frame log shows a payload that is not text
        }
        return forms;
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    /** A text payload that breaks RFC 6455 (invalid UTF-8) after the secret: frame logs show it in hex. */
    static byte[] notUtf8(String secret) {
        byte[] text = (secret + "\u0000").getBytes(StandardCharsets.UTF_8);
        text[text.length - 1] = (byte) 0xff;
        return text;
    }

    private void cliRun(String echoUrl, String guardedUrl) throws Exception {
        Path input = Files.createDirectories(dir.resolve("input")); // what the user wrote, not searched
        Path scenario = Files.writeString(input.resolve("s.ws"), """
                scenario "passes"
                  connect ${URL} header "Authorization: Bearer ${TOKEN}" header "Cookie: session=${SESSION_ID}"
                  send text "my ${TOKEN}"
                  expect text "my ${TOKEN}"
                scenario "fails"
                  connect ${URL} header "Authorization: Bearer ${TOKEN}"
                  send text "hello ${TOKEN}"
                  expect text "never" within 200ms
                scenario "refused"
                  connect ${GUARDED} header "Authorization: Bearer wrong-${TOKEN}"
                """);
        Path env = Files.writeString(input.resolve("ci.env"), "SESSION_ID=" + COOKIE + "\n");
        Cli.Result r = Cli.run("run", scenario.toString(), "--reports-dir", dir.resolve("r").toString(),
                "--var", "TOKEN=" + VAR, "--var", "URL=" + echoUrl, "--var", "GUARDED=" + guardedUrl,
                "--env-file", env.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        collect("run", r);
        Cli.Result json = Cli.run("run", scenario.toString(), "--json",
                "--var", "TOKEN=" + VAR, "--var", "URL=" + echoUrl, "--var", "GUARDED=" + guardedUrl,
                "--env-file", env.toString());
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(json.out()).contains("\"type\":\"scenario\"");
        collect("run --json", json);
    }

    private void cliToolbox(String echoUrl, String guardedUrl, String greeterUrl, String tlsUrl) {
        String auth = "Authorization: Bearer " + HEADER;
        String cookie = "Cookie: session=" + COOKIE;
        for (String ext : List.of("txt", "html", "svg")) {
            Cli.Result s = Tool.run("text hello " + HEADER + "\nping\nquit\n", "session", echoUrl, "-H", auth,
                    "-H", cookie, "-vv", "--record", dir.resolve("rec-" + ext + ".ws").toString(),
                    "-o", dir.resolve("t." + ext).toString());
            assertThat(s.exitCode()).as(s.toString()).isZero();
            collect("session -o " + ext, s);
        }
        Cli.Result listen = Tool.run("", "listen", greeterUrl, "-H", auth, "--count", "2", "--json");
        assertThat(listen.exitCode()).as(listen.toString()).isZero();
        collect("listen --json", listen);
        Cli.Result listenPlain = Tool.run("", "listen", greeterUrl, "-H", auth, "--count", "2", "--pretty");
        collect("listen", listenPlain);
        Cli.Result send = Tool.run("", "send", echoUrl, "payload " + HEADER, "--replies", "1", "--json", "-H", cookie);
        assertThat(send.exitCode()).as(send.toString()).isZero();
        collect("send --json", send);
        Cli.Result ping = Tool.run("", "ping", echoUrl, "--count", "1", "-H", "Authorization: Basic " + BASIC);
        assertThat(ping.exitCode()).as(ping.toString()).isZero();
        collect("ping", ping);
        Cli.Result refused = Tool.run("", "send", guardedUrl, "hi", "-H", "Authorization: Bearer wrong" + HEADER);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.CONNECTION_FAILED);
        collect("send refused", refused);
        Cli.Result untrusted = Tool.run("", "send", tlsUrl, "hi", "-H", auth);
        assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(ExitCodes.CONNECTION_FAILED);
        collect("send untrusted TLS", untrusted);
        Cli.Result debug = Tool.run("", "send", tlsUrl, "hi", "-H", auth, "--debug");
        collect("send --debug", debug);
    }

    private void cliServers(String echoUrl) throws Exception {
        try (Tool.Background server = Tool.start("echo-server", "--require-header", "Authorization: Bearer " + HEADER,
                "--count", "2", "--timeout", "30s", "-v")) {
            String port = server.awaitOut("listening on ws://127\\.0\\.0\\.1:(\\d+)/", Duration.ofSeconds(20));
            String url = "ws://127.0.0.1:" + port + "/room?access_token=" + QUERY_ENCODED;
            try (WsClient c = WsClient.builder(url).header("Authorization", "Bearer " + HEADER).connect()) {
                c.sendText("secret " + HEADER);
                assertThat(c).receivesText("secret " + HEADER);
            }
            try {
                WsClient.builder(url).header("Authorization", "Bearer nope-" + HEADER).connect().close();
            } catch (RuntimeException refusedOnPurpose) {
                collect("refused by echo-server", refusedOnPurpose);
            }
            collect("echo-server", server.await(Duration.ofSeconds(40)));
        }
        try (Tool.Background proxy = Tool.start("proxy", "--target", echoUrl, "--record",
                dir.resolve("p.ws").toString(), "--count", "1", "--timeout", "30s", "-H", "Cookie: session=" + COOKIE)) {
            String port = proxy.awaitOut("proxy listening on ws://127\\.0\\.0\\.1:(\\d+)/", Duration.ofSeconds(20));
            try (WsClient c = WsClient.builder("ws://127.0.0.1:" + port + "/").header("Authorization", "Bearer " + HEADER)
                    .connect()) {
                c.sendText("via proxy " + HEADER);
                assertThat(c).receivesText("via proxy " + HEADER);
            }
            collect("proxy", proxy.await(Duration.ofSeconds(40)));
        }
    }

    /** The strict wire's outputs: violation lines, -vv frame headers, a violating payload in hex. */
    private void cliStrictWire(String q) throws Exception {
        String auth = "Authorization: Bearer " + HEADER;
        try (MisbehavingServer invalid = MisbehavingServer.sending(Frame.text(notUtf8(HEADER)).toBytes())) {
            Cli.Result session = Tool.run("text go\nsleep 10s\n", "session", invalid.uri() + q, "-H", auth, "-vv",
                    "-o", dir.resolve("strict.html").toString());
            assertThat(session.exitCode()).as(session.toString()).isEqualTo(ExitCodes.CONNECTION_BROKEN);
            assertThat(session.out()).contains("VIOLATION §8.1: text messages must be valid UTF-8", "frame header: FIN=1",
                    "0x<redacted ");
            collect("session -vv, server sends invalid UTF-8", session);
        }
        try (Tool.Background server = Tool.start("echo-server", "--count", "1", "--timeout", "30s", "-vv")) {
            String url = server.awaitOut("listening on (ws://127\\.0\\.0\\.1:\\d+/)", Duration.ofSeconds(20));
            try (RawClient raw = RawClient.builder(url + "strict" + q).header("Authorization", "Bearer " + HEADER)
                    .connect()) {
                raw.send(Frame.text(notUtf8(HEADER)).masked());
                raw.read(Duration.ofSeconds(10)); // the server's close 1007
            }
            Cli.Result printed = server.await(Duration.ofSeconds(40));
            assertThat(printed.out()).contains("VIOLATION §8.1: text messages must be valid UTF-8", "0x<redacted ");
            collect("echo-server -vv, client sends invalid UTF-8", printed);
        }
    }

    private void cliConformance(String echoUrl, String guardedUrl, String greeterUrl) {
        Cli.Result ok = Cli.run("conformance", echoUrl, "-H", "Authorization: Bearer " + HEADER, "--include", "1.1.1",
                "--json", dir.resolve("c.json").toString(), "--html", dir.resolve("c.html").toString(), "-v");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        collect("conformance", ok);
        collect("conformance refused", Cli.run("conformance", guardedUrl, "-H", "Authorization: Bearer x" + HEADER));
        collect("conformance not echoing", Cli.run("conformance", greeterUrl, "-H", "Authorization: Bearer " + HEADER));
    }

    private void apiOutputs(WsServer echo, String echoUrl, String guardedUrl, String tlsUrl) throws Exception {
        try (RawClient raw = RawClient.builder(echoUrl).header("Authorization", "Bearer " + HEADER)
                .header("Cookie", "session=" + COOKIE).connect()) {
            outputs.put("RawClient.handshakeRequest().toString()", raw.handshakeRequest().toString());
            raw.send(dev.wstest.protocol.Frame.text("raw " + HEADER).masked());
            raw.read(Duration.ofSeconds(5));
            outputs.put("RawClient.formatTranscript()", raw.formatTranscript());
        }
        try {
            RawClient.builder(guardedUrl).header("Authorization", "Bearer bad" + HEADER).connect().close();
        } catch (Exception e) {
            collect("RawHandshakeException", e);
        }
        try {
            RawClient.builder(tlsUrl).connect().close();
        } catch (Exception e) {
            collect("RawClient TLS error", e);
        }
        try {
            ConformanceRunner.builder(java.net.URI.create(guardedUrl)).header("Authorization", "Bearer bad" + HEADER)
                    .run();
        } catch (RuntimeException e) {
            collect("conformance set-up", e);
        }
        try {
            WsClient.builder(tlsUrl).header("Authorization", "Bearer " + HEADER).connect().close();
        } catch (RuntimeException e) {
            collect("WsClient TLS error", e);
        }
        try {
            WsClient.builder(guardedUrl).header("Authorization", "Bearer no" + HEADER).connect().close();
        } catch (RuntimeException e) {
            collect("WsHandshakeException", e);
        }
        try (WsClient c = WsClient.builder(echoUrl).header("Authorization", "Bearer " + HEADER)
                .header("Cookie", "session=" + COOKIE).defaultTimeout(Duration.ofMillis(200)).connect()) {
            outputs.put("Handshake.toString()", c.handshake().toString());
            outputs.put("WsClient.toString()", c.toString());
            c.sendText("echo " + HEADER);
            try {
                assertThat(c).receivesText("echo " + HEADER + "!");
            } catch (AssertionError e) {
                collect("assertion failure", e);
            }
            outputs.put("WsClient.formatLog()", c.formatLog());
        }
        outputs.put("ServerHandshake.toString()", echo.handshakes().toString());
    }

    /** Enables {@link ExtensionFixture} only when this test launches it. */
    static final class OnlyWhenLaunched implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter("wstest.secrets.fixture").isPresent()
                    ? ConditionEvaluationResult.enabled("launched by NoSecretInAnyOutputTest")
                    : ConditionEvaluationResult.disabled("a fixture of NoSecretInAnyOutputTest");
        }
    }

    /** A @WebSocketTest that fails, so that the extension publishes its failure report. */
    @WebSocketTest
    @ExtendWith(OnlyWhenLaunched.class)
    static class ExtensionFixture {
        @Connect(url = "${secret.url}", headers = {"Authorization: Bearer ${secret.header}",
            "Cookie: session=${secret.cookie}"})
        WsClient client;

        @Test
        void fails() {
            client.sendText("from the extension " + HEADER);
            assertThat(client).within(Duration.ofMillis(200)).receivesText("never");
        }
    }

    private void junitExtension(String echoUrl) {
        StringBuilder events = new StringBuilder();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                events.append(entry.getKeyValuePairs()).append('\n');
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                result.getThrowable().ifPresent(t -> {
                    StringWriter trace = new StringWriter();
                    t.printStackTrace(new PrintWriter(trace));
                    events.append(trace).append('\n');
                });
            }
        };
        Launcher launcher = LauncherFactory.create();
        PrintStream original = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(ExtensionFixture.class))
                    .configurationParameter("wstest.secrets.fixture", "true")
                    .configurationParameter("secret.url", echoUrl)
                    .configurationParameter("secret.header", HEADER)
                    .configurationParameter("secret.cookie", COOKIE).build(), listener);
        } finally {
            System.setOut(original);
        }
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertThat(printed).as("the extension printed its failure report").contains("ws-test report");
        outputs.put("JUnit extension: stdout", printed);
        outputs.put("JUnit extension: report entries and failures", events.toString());
    }
}
