package dev.wstest.junit5;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;
import static dev.wstest.junit5.testing.TestKit.testKit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.client.WsHandshakeException;
import dev.wstest.junit5.testing.Fixture;
import dev.wstest.junit5.testing.TestKit;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every way to get a server or a client injected, and what the annotations' attributes do. */
@Timeout(60)
class InjectionTest {

    /** Greets each connection with its path. */
    static class Greeter implements ServerBehaviour {
        @Override
        public void onOpen(ServerConnection connection) {
            connection.sendText("hello " + connection.path());
        }
    }

    /** A user's own Jakarta endpoint. */
    @ServerEndpoint("/shout")
    public static class ShoutEndpoint {
        @OnMessage
        public String shout(String text) {
            return text.toUpperCase(java.util.Locale.ROOT);
        }
    }

    @Fixture
    @WebSocketTest
    static class Fields {
        @EmbeddedServer(endpoints = ShoutEndpoint.class)
        static WsServer shouter;

        @EmbeddedServer(behaviour = EmbeddedServer.Broadcast.class)
        static WsServer hub;

        @EmbeddedServer(behaviour = Greeter.class, name = "greeter")
        WsServer perTest;

        @Connect(server = "shouter", path = "/shout")
        WsClient loud;

        @Connect(server = "hub", path = "/room")
        WsClient alice;

        @Connect(server = "hub", path = "/room", name = "bob's phone")
        WsClient bob;

        @Connect(server = "greeter", path = "/rooms/${room}?user=${user:-anonymous}")
        WsClient greeted;

        @Test
        void endpointClasses() {
            loud.sendText("hi");
            assertThat(loud).receivesText("HI");
            assertThat(loud.name()).isEqualTo("loud");
        }

        @Test
        void behaviours() {
            assertThat(shouter.name()).isEqualTo("shouter");
            // A broadcast reaches only connections the server has finished opening; a reply to bob's own
            // message shows that his has been. (Alice's is: the server handles her message after opening it.)
            bob.sendText("bob is here");
            assertThat(bob).receivesText("bob is here");
            alice.sendText("to everyone");
            assertThat(bob).receivesText("to everyone");
            assertThat(alice).receivesText("to everyone");
            assertThat(bob.name()).isEqualTo("bob's phone");
        }

        @Test
        void placeholdersInThePath() {
            assertThat(perTest.name()).isEqualTo("greeter");
            assertThat(greeted).receivesText("hello /rooms/kitchen");
            assertThat(perTest.handshakes().get(0).query()).contains("user=anonymous");
        }
    }

    @Test
    @DisplayName("fields: endpoint classes, behaviours, names, servers chosen by name, placeholders in paths")
    void fields() {
        TestKit.Run run = testKit().with("room", "kitchen").run(Fields.class);

        run.assertAllSucceeded(3);
    }

    @Fixture
    @WebSocketTest
    static class Parameters {
        @EmbeddedServer
        static WsServer echo;

        static WebSocketClients fromBeforeEach;

        @BeforeEach
        void keep(WebSocketClients clients) {
            fromBeforeEach = clients;
        }

        @Test
        void clientParameter(@Connect(path = "/p") WsClient client) {
            client.sendText("p");
            assertThat(client).receivesText("p");
            assertThat(client.name()).isEqualTo("client");
        }

        @Test
        void serverParameters(@EmbeddedServer(behaviour = Greeter.class) WsServer greeter,
                              @Connect(server = "greeter", path = "/g") WsClient client, WsServer echo) {
            assertThat(client).receivesText("hello /g");
            assertThat(echo).isSameAs(Parameters.echo);
        }

        @Test
        void onlyServerInScope(WsServer server) {
            assertThat(server).isSameAs(echo);
        }

        @Test
        void clientsInCode(WebSocketClients clients) {
            assertThat(clients).isSameAs(fromBeforeEach);
            List<WsClient> many = clients.connect(3, echo.uri("/many"));
            WsClient custom = clients.connect(echo.uri("/custom"), b -> b.name("custom").header("X-Test", "1"));
            WsClient byString = clients.connect("ws://127.0.0.1:${echo.port}/s");
            assertThat(many).extracting(WsClient::name).containsExactly("client-1", "client-2", "client-3");
            assertThat(clients.clients()).hasSize(5).contains(custom, byString);
            assertThat(echo.handshakes()).anySatisfy(h -> assertThat(h.headers().first("X-Test")).contains("1"));
        }
    }

    @Test
    @DisplayName("parameters: @Connect, @EmbeddedServer, WsServer by name or alone, WebSocketClients")
    void parameters() {
        try (WsServer any = WsServer.echo()) {
            TestKit.Run run = testKit().with("echo.port", String.valueOf(any.port())).run(Parameters.class);

            run.assertAllSucceeded(4);
            assertThat(any.connections()).hasSize(1);
        }
    }

    @Fixture
    @WebSocketTest
    static class PlaceholderSources {
        @EmbeddedServer
        static WsServer server;

        @Connect(headers = {"X-Parameter: ${from.parameter}", "X-Property: ${wstest.test.property}",
                "X-Env: ${path}", "X-Fallback: ${not.defined:-plan b}", "X-Empty-Fallback: [${not.defined:-}]"})
        WsClient client;

        @Test
        void resolvesFromEachSource() {
            dev.wstest.record.Headers sent = server.awaitConnection(1, Duration.ofSeconds(2)).handshake().headers();
            assertThat(sent.first("X-Parameter")).contains("junit");
            assertThat(sent.first("X-Property")).contains("system");
            assertThat(sent.first("X-Env")).contains(System.getenv("PATH"));
            assertThat(sent.first("X-Fallback")).contains("plan b");
            assertThat(sent.first("X-Empty-Fallback")).contains("[]");
        }
    }

    @Test
    @DisplayName("placeholders come from configuration parameters, system properties, environment variables, fallbacks")
    void placeholderSources() {
        System.setProperty("wstest.test.property", "system");
        try {
            testKit().with("from.parameter", "junit").run(PlaceholderSources.class).assertAllSucceeded(1);
        } finally {
            System.clearProperty("wstest.test.property");
        }
    }

    @Fixture
    static class WithoutWebSocketTest {
        @EmbeddedServer
        static WsServer server;

        @Connect
        WsClient client;

        @Test
        void theAnnotationsAloneRegisterTheExtension(@Connect(name = "second") WsClient second) {
            assertThat(client.isOpen()).isTrue();
            assertThat(second.isOpen()).isTrue();
            assertThat(server.awaitConnection(2, Duration.ofSeconds(2))).isNotNull();
        }
    }

    @Test
    @DisplayName("@EmbeddedServer and @Connect work without @WebSocketTest on the class")
    void withoutWebSocketTest() {
        testKit().run(WithoutWebSocketTest.class).assertAllSucceeded(1);
    }

    @Fixture
    @WebSocketTest
    static class Refused {
        @EmbeddedServer(requireHeaders = "Authorization: Bearer s3cret")
        static WsServer guarded;

        @Connect(path = "/private")
        WsClient intruder;

        @Test
        void neverRuns() {
        }
    }

    @Test
    @DisplayName("a refused upgrade fails the test with the HTTP status, and the report shows the refusal")
    void refusedConnection() {
        TestKit.Run run = testKit().run(Refused.class);

        assertThat(run.onlyFailure()).isInstanceOfSatisfying(WsHandshakeException.class,
                e -> assertThat(e.status()).isEqualTo(401)).hasMessageContaining("intruder").hasMessageContaining("401");
        assertThat(run.reportEntries("ws-test.server.guarded")).singleElement().asString()
                .contains("GET /private -> 401");
    }

    /** A user's own composed annotation. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @WebSocketTest
    @org.junit.jupiter.api.Tag("chat")
    @interface ChatTest {
    }

    @Fixture
    @ChatTest
    static class Composed {
        @Test
        void extensionIsActive(WebSocketClients clients) {
            try (WsServer server = clients.manage(WsServer.echo())) {
                assertThat(clients.connect(server.uri()).isOpen()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("@WebSocketTest works inside a composed annotation")
    void composedAnnotation() {
        testKit().run(Composed.class).assertAllSucceeded(1);
    }

    @Fixture
    @WebSocketTest
    static class HandshakeOptions {
        @EmbeddedServer(requireHeaders = "Authorization: Bearer ${token}", subprotocols = {"chat.v2", "chat.v1"})
        static WsServer guarded;

        @Connect(headers = "Authorization: Bearer ${token}", subprotocols = {"chat.v3", "chat.v2"})
        WsClient member;

        @Test
        void headersAndSubprotocols(WebSocketClients clients) {
            assertThat(member).hasSubprotocol("chat.v2");
            assertThatHandshakeRefused(() -> clients.connect(guarded.uri())).hasStatus(401);
        }
    }

    @Test
    @DisplayName("required headers, request headers and subprotocols from the annotations")
    void handshakeOptions() {
        TestKit.Run run = testKit().with("token", "s3cret").run(HandshakeOptions.class);

        run.assertAllSucceeded(1);
    }

    @Fixture
    @WebSocketTest
    static class Configured {
        @EmbeddedServer
        static WsServer server;

        @Connect
        WsClient client;

        @Connect(connectTimeout = "1s", expectTimeout = "${quick.timeout}")
        WsClient quick;

        @Test
        void usesTheConfiguredExpectTimeout(WebSocketClients clients) {
            assertThat(client.defaultTimeout()).isEqualTo(Duration.ofMillis(750));
            assertThat(clients.connect(server.uri()).defaultTimeout()).isEqualTo(Duration.ofMillis(750));
        }

        @Test
        void theAnnotationOverridesIt() {
            assertThat(quick.defaultTimeout()).isEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    @DisplayName("wstest.expect.timeout sets how long injected clients' expectations wait; @Connect overrides it")
    void configuredTimeouts() {
        TestKit.Run run = testKit().with("wstest.expect.timeout", "750ms").with("wstest.connect.timeout", "3s")
                .with("quick.timeout", "300ms").run(Configured.class);

        run.assertAllSucceeded(2);
    }

    @Fixture
    @WebSocketTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassInstance {
        @EmbeddedServer
        static WsServer server;

        @Connect
        WsClient client;

        WsClient previous;

        @Test
        void first() {
            check();
        }

        @Test
        void second() {
            check();
        }

        private void check() {
            assertThat(client).isNotSameAs(previous);
            assertThat(client.isOpen()).isTrue();
            previous = client;
        }
    }

    @Test
    @DisplayName("with @TestInstance(PER_CLASS), instance fields get a new client for each test")
    void perClassInstance() {
        TestKit.Run run = testKit().run(PerClassInstance.class);

        run.assertAllSucceeded(2);
    }

    // ------------------------------------------------------------------------------------------ TLS

    static KeyStore keyStore;

    @Fixture
    @WebSocketTest
    static class SecureServer {
        @BeforeAll
        static void start(WebSocketClients clients) {
            clients.manage(WsServer.builder().name("secure").tls(keyStore, "changeit".toCharArray()).start());
        }

        @Connect(server = "secure")
        WsClient client;

        @Test
        void connects() {
            assertThat(client.uri().getScheme()).isEqualTo("wss");
            client.sendText("secret");
            assertThat(client).receivesText("secret");
        }
    }

    @Fixture
    @WebSocketTest
    static class TrustOnTheAnnotation {
        @BeforeAll
        static void start(WebSocketClients clients) {
            clients.manage(WsServer.builder().name("secure").tls(keyStore, "changeit".toCharArray()).start());
        }

        @Test
        void trustAll(@Connect(server = "secure", trustAll = true) WsClient client) {
            assertThat(client.isOpen()).isTrue();
        }

        @Test
        void trustExactlyTheServersCertificate(
                @Connect(server = "secure", trustCertificates = "${secure.certificate}") WsClient client) {
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    @DisplayName("@Connect(trustAll = true) and @Connect(trustCertificates = ...) accept a self-signed certificate")
    void trustOnTheAnnotation(@TempDir Path dir) throws Exception {
        keyStore = selfSigned(dir);
        Path pem = dir.resolve("server.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(keyStore.getCertificate("server").getEncoded()) + "\n-----END CERTIFICATE-----\n");

        testKit().with("secure.certificate", pem.toString()).run(TrustOnTheAnnotation.class).assertAllSucceeded(2);
    }

    @Test
    @DisplayName("wstest.tls.trust-all lets injected clients accept a self-signed certificate; by default they don't")
    void trustAll(@TempDir Path dir) throws Exception {
        keyStore = selfSigned(dir);

        TestKit.Run trusting = testKit().with("wstest.tls.trust-all", "true").run(SecureServer.class);
        TestKit.Run verifying = testKit().run(SecureServer.class);

        trusting.assertAllSucceeded(1);
        assertThat(verifying.onlyFailure()).isInstanceOfSatisfying(WsConnectException.class,
                e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TLS));
    }

    /** A throwaway certificate for 127.0.0.1, made with the JDK's keytool. */
    private static KeyStore selfSigned(Path dir) throws Exception {
        Path file = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass",
                "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }
}
