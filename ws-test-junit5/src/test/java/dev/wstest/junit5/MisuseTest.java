package dev.wstest.junit5;

import static dev.wstest.junit5.testing.TestKit.testKit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.testing.Fixture;
import dev.wstest.junit5.testing.TestKit;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.WsServer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Every misuse fails with {@link ExtensionConfigurationException} (fields, configuration) or
 * {@link ParameterResolutionException} (parameters), naming the field or parameter and saying how to fix it.
 */
@Timeout(60)
class MisuseTest {

    // ------------------------------------------------------------------------------------------ fields

    @Fixture @WebSocketTest
    static class ServerFieldOfWrongType {
        @EmbeddedServer static String server;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class FinalServerField {
        @EmbeddedServer final WsServer server = null;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class StaticClientField {
        @EmbeddedServer static WsServer server;
        @Connect static WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class ClientFieldOfWrongType {
        @EmbeddedServer static WsServer server;
        @Connect String client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class ServerAndClientOnOneField {
        @EmbeddedServer @Connect WsClient both;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class InitializedServerField {
        @EmbeddedServer static WsServer server = WsServer.echo();

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class UrlAndPath {
        @EmbeddedServer static WsServer server;
        @Connect(url = "ws://127.0.0.1:1/", path = "/chat") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class NoServerInScope {
        @Connect(path = "/chat") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class SeveralServersInScope {
        @EmbeddedServer static WsServer chat;
        @EmbeddedServer static WsServer feed;
        @Connect WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class UnknownServerName {
        @EmbeddedServer static WsServer chat;
        @Connect(server = "feed") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class DuplicateServerNames {
        @EmbeddedServer static WsServer chat;
        @EmbeddedServer(name = "chat") static WsServer other;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class UnknownPlaceholder {
        @Connect(url = "ws://127.0.0.1:${chat.port}/chat") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class UnclosedPlaceholder {
        @Connect(url = "ws://127.0.0.1:${chat.port/chat") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class SpringStyleDefault {
        @Connect(url = "${chat.url:ws://localhost:8080}/chat") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class NotAWebSocketUrl {
        @Connect(url = "http://127.0.0.1:8080/chat") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class MalformedHeader {
        @EmbeddedServer static WsServer server;
        @Connect(headers = "Authorization Bearer s3cret") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class BadTimeoutOnTheAnnotation {
        @EmbeddedServer static WsServer server;
        @Connect(expectTimeout = "soon") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class TimeoutWithoutUnit {
        @EmbeddedServer static WsServer server;
        @Connect(connectTimeout = "${wait:-5}") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class TwoKindsOfTrust {
        @EmbeddedServer static WsServer server;
        @Connect(trustAll = true, trustCertificates = "ca.pem") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class MissingCertificateFile {
        @EmbeddedServer static WsServer server;
        @Connect(trustCertificates = "no/such/ca.pem") WsClient client;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class NotAnEndpointClass {
        @EmbeddedServer(endpoints = String.class) static WsServer server;

        @Test void test() { }
    }

    static class NeedsArguments implements ServerBehaviour {
        NeedsArguments(String greeting) {
        }
    }

    @Fixture @WebSocketTest
    static class BehaviourWithoutNoArgConstructor {
        @EmbeddedServer(behaviour = NeedsArguments.class) static WsServer server;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class InnerClassBehaviour {
        class Inner implements ServerBehaviour {
        }

        @EmbeddedServer(behaviour = Inner.class) static WsServer server;

        @Test void test() { }
    }

    @Fixture @WebSocketTest @TestInstance(TestInstance.Lifecycle.PER_CLASS) @Execution(ExecutionMode.CONCURRENT)
    static class SharedInstanceRunningConcurrently {
        @EmbeddedServer static WsServer server;
        @Connect WsClient client;

        @Test void test() { }
    }

    // ------------------------------------------------------------------------------------------ parameters

    @Fixture @WebSocketTest
    static class ConstructorParameter {
        ConstructorParameter(WebSocketClients clients) {
        }

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class ClientParameterWithoutConnect {
        @EmbeddedServer static WsServer server;

        @Test void test(WsClient client) { }
    }

    @Fixture @WebSocketTest
    static class ConnectParameterOfWrongType {
        @EmbeddedServer static WsServer server;

        @Test void test(@Connect String client) { }
    }

    @Fixture @WebSocketTest
    static class ServerParameterOfWrongType {
        @Test void test(@EmbeddedServer WsClient server) { }
    }

    @Fixture @WebSocketTest
    static class ClientParameterBeforeItsServer {
        @Test void test(@Connect WsClient client, @EmbeddedServer WsServer server) { }
    }

    @Fixture @WebSocketTest
    static class ServerParameterWithoutServer {
        @Test void test(WsServer server) { }
    }

    @Fixture @WebSocketTest
    static class ServerParameterWithSeveralServers {
        @EmbeddedServer static WsServer chat;
        @EmbeddedServer static WsServer feed;

        @Test void test(WsServer server) { }
    }

    static Stream<Arguments> misuses() {
        return Stream.of(
                misuse(ServerFieldOfWrongType.class, ExtensionConfigurationException.class,
                        "@EmbeddedServer on static field MisuseTest.ServerFieldOfWrongType.server: the field has type"
                                + " String, but @EmbeddedServer injects a dev.wstest.server.WsServer. Declare it as"
                                + " WsServer server."),
                misuse(FinalServerField.class, ExtensionConfigurationException.class,
                        "@EmbeddedServer on field MisuseTest.FinalServerField.server: the field is final, so the"
                                + " server cannot be injected. Remove final."),
                misuse(StaticClientField.class, ExtensionConfigurationException.class,
                        "@Connect on static field MisuseTest.StaticClientField.client: @Connect is not supported on"
                                + " static fields: a client belongs to one test. Make 'client' an instance field,"
                                + " or open clients shared by all tests in a @BeforeAll method with a"
                                + " WebSocketClients parameter."),
                misuse(ClientFieldOfWrongType.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.ClientFieldOfWrongType.client: the field has type String, but"
                                + " @Connect injects a dev.wstest.client.WsClient. Declare it as WsClient client."),
                misuse(ServerAndClientOnOneField.class, ExtensionConfigurationException.class,
                        "@EmbeddedServer and @Connect on field MisuseTest.ServerAndClientOnOneField.both: a field is"
                                + " either a server (WsServer, @EmbeddedServer) or a client (WsClient, @Connect)."
                                + " Use two fields."),
                misuse(InitializedServerField.class, ExtensionConfigurationException.class,
                        "@EmbeddedServer on static field MisuseTest.InitializedServerField.server: the field already"
                                + " holds ws-test server \"echo\"",
                        "Remove the initializer: ws-test starts the server. To have ws-test close and report a"
                                + " server you start yourself, pass it to WebSocketClients.manage(...)"),
                misuse(UrlAndPath.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.UrlAndPath.client: url and server/path are alternatives. Give"
                                + " either url = \"ws://...\" for any server, or path (and server, when several are"
                                + " in scope) for an @EmbeddedServer."),
                misuse(NoServerInScope.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.NoServerInScope.client: there is no embedded server in scope"
                                + " to connect to. Add one, e.g. @EmbeddedServer static WsServer server;, or connect"
                                + " to another server with @Connect(url = \"ws://host:port/path\")."),
                misuse(SeveralServersInScope.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.SeveralServersInScope.client: there are several embedded"
                                + " servers in scope (\"chat\", \"feed\"). Say which with"
                                + " @Connect(server = \"chat\", ...)."),
                misuse(UnknownServerName.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.UnknownServerName.client: there is no embedded server named"
                                + " \"feed\" in scope (there is \"chat\"). Name an @EmbeddedServer field or parameter"
                                + " \"feed\", or give it name = \"feed\"."),
                misuse(DuplicateServerNames.class, ExtensionConfigurationException.class,
                        "@EmbeddedServer on static field MisuseTest.DuplicateServerNames.other: there is already an"
                                + " embedded server named \"chat\" in scope (from static field"
                                + " MisuseTest.DuplicateServerNames.chat). Give one of them another name"),
                misuse(UnknownPlaceholder.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.UnknownPlaceholder.client: unknown placeholder ${chat.port} in"
                                + " url = \"ws://127.0.0.1:${chat.port}/chat\": there is no JUnit configuration"
                                + " parameter, system property or environment variable (chat.port or CHAT_PORT) of"
                                + " that name. Define it, e.g. chat.port=... in"
                                + " src/test/resources/junit-platform.properties, or give a default:"
                                + " ${chat.port:-value}"),
                misuse(UnclosedPlaceholder.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.UnclosedPlaceholder.client: in url ="
                                + " \"ws://127.0.0.1:${chat.port/chat\": expected \"}\" to close the placeholder but"
                                + " found \"${chat.port/chat\": write ${NAME} or ${NAME:-default}, or $${ for a literal"
                                + " ${"),
                misuse(SpringStyleDefault.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.SpringStyleDefault.client: in url = \"${chat.url:ws://localhost:8080}"
                                + "/chat\": expected a placeholder ${NAME} or ${NAME:-default} but found"
                                + " \"${chat.url:ws://localhost:8080}\": a default is written with :-, as in"
                                + " ${chat.url:-ws://localhost:8080}"),
                misuse(NotAWebSocketUrl.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.NotAWebSocketUrl.client: \"http://127.0.0.1:8080/chat\" is not"
                                + " a ws:// or wss:// URL with a host, e.g. ws://localhost:8080/chat"),
                misuse(MalformedHeader.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.MalformedHeader.client: headers entry \"Authorization Bearer"
                                + " s3cret\" is not a header. Write it as \"Name: value\", e.g. \"Authorization:"
                                + " Bearer ${token}\"."),
                misuse(BadTimeoutOnTheAnnotation.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.BadTimeoutOnTheAnnotation.client: expectTimeout = \"soon\":"
                                + " expected a duration like 500ms, 1.5s or 2m but found \"soon\" (docs/syntax.md)."),
                misuse(TimeoutWithoutUnit.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.TimeoutWithoutUnit.client: connectTimeout = \"${wait:-5}\":"
                                + " expected a duration like 500ms, 1.5s or 2m but found \"5\": add a unit: 5s or 5ms"
                                + " (docs/syntax.md)."),
                misuse(TwoKindsOfTrust.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.TwoKindsOfTrust.client: trustAll and trustCertificates are"
                                + " alternatives."),
                misuse(MissingCertificateFile.class, ExtensionConfigurationException.class,
                        "@Connect on field MisuseTest.MissingCertificateFile.client: trustCertificates ="
                                + " \"no/such/ca.pem\": there is no readable file /",
                        "Give the path of a PEM or DER certificate file"),
                misuse(NotAnEndpointClass.class, ExtensionConfigurationException.class,
                        "@EmbeddedServer on static field MisuseTest.NotAnEndpointClass.server: endpoints ="
                                + " String.class is not annotated with @jakarta.websocket.server.ServerEndpoint."),
                misuse(BehaviourWithoutNoArgConstructor.class, ExtensionConfigurationException.class,
                        "@EmbeddedServer on static field MisuseTest.BehaviourWithoutNoArgConstructor.server:"
                                + " behaviour = NeedsArguments.class has no no-argument constructor. Give"
                                + " NeedsArguments a no-argument constructor"),
                misuse(InnerClassBehaviour.class, ExtensionConfigurationException.class,
                        "@EmbeddedServer on static field MisuseTest.InnerClassBehaviour.server: behaviour ="
                                + " Inner.class is an inner class, which needs an instance of InnerClassBehaviour to"
                                + " be created. Make it static."),
                misuse(SharedInstanceRunningConcurrently.class, ExtensionConfigurationException.class,
                        "ws-test cannot inject field MisuseTest.SharedInstanceRunningConcurrently.client: with"
                                + " @TestInstance(PER_CLASS) and concurrent execution, tests running at the same time"
                                + " share one instance",
                        "Use parameters of the test methods instead (e.g. @Connect WsClient client), or"
                                + " @Execution(ExecutionMode.SAME_THREAD) on the class."),
                misuse(ConstructorParameter.class, ParameterResolutionException.class,
                        "WebSocketClients is not supported on constructor parameters (parameter 'clients' of"
                                + " MisuseTest.ConstructorParameter(WebSocketClients)): the constructor runs before"
                                + " ws-test knows which test it is for. Use a field, or a parameter of the test,"
                                + " @BeforeEach or @BeforeAll method instead."),
                misuse(ClientParameterWithoutConnect.class, ParameterResolutionException.class,
                        "A WsClient parameter needs @Connect to say where to connect (parameter 'client' of"
                                + " MisuseTest.ClientParameterWithoutConnect.test(WsClient)), e.g."
                                + " @Connect(path = \"/chat\") WsClient client. To open clients in code, declare a"
                                + " WebSocketClients parameter instead."),
                misuse(ConnectParameterOfWrongType.class, ParameterResolutionException.class,
                        "@Connect on parameter 'client' of MisuseTest.ConnectParameterOfWrongType.test(String): the"
                                + " parameter has type String, but @Connect injects a dev.wstest.client.WsClient."
                                + " Declare it as WsClient client."),
                misuse(ServerParameterOfWrongType.class, ParameterResolutionException.class,
                        "@EmbeddedServer on parameter 'server' of MisuseTest.ServerParameterOfWrongType.test(WsClient):"
                                + " the parameter has type WsClient, but @EmbeddedServer injects a"
                                + " dev.wstest.server.WsServer."),
                misuse(ClientParameterBeforeItsServer.class, ParameterResolutionException.class,
                        "@Connect on parameter 'client' of MisuseTest.ClientParameterBeforeItsServer.test(WsClient,"
                                + " WsServer): there is no embedded server in scope to connect to.",
                        "Parameters are resolved from left to right: declare the @EmbeddedServer parameter 'server'"
                                + " before 'client'."),
                misuse(ServerParameterWithoutServer.class, ParameterResolutionException.class,
                        "There is no embedded server in scope for parameter 'server' of"
                                + " MisuseTest.ServerParameterWithoutServer.test(WsServer). Start one for this"
                                + " parameter with @EmbeddedServer WsServer server, or declare an @EmbeddedServer"
                                + " field."),
                misuse(ServerParameterWithSeveralServers.class, ParameterResolutionException.class,
                        "There are several embedded servers in scope for parameter 'server' of"
                                + " MisuseTest.ServerParameterWithSeveralServers.test(WsServer) (\"chat\", \"feed\")."
                                + " Name the parameter after one of them, e.g. WsServer chat."));
    }

    private static Arguments misuse(Class<?> fixture, Class<? extends Throwable> type, String message,
                                    String... more) {
        return arguments(fixture.getSimpleName(), fixture, type, message, List.of(more));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuses")
    void misuseIsReportedWithTheFix(String name, Class<?> fixture, Class<? extends Throwable> type, String message,
                                    List<String> more) {
        try {
            TestKit.Run run = testKit().with("junit.jupiter.execution.parallel.enabled", "true").run(fixture);

            Throwable failure = run.onlyFailure();
            assertThat(failure).isInstanceOf(type).hasMessageContaining(message);
            for (String part : more) {
                assertThat(failure).hasMessageContaining(part);
            }
        } finally {
            if (InitializedServerField.server != null) {
                InitializedServerField.server.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ configuration

    @Fixture @WebSocketTest
    static class Configured {
        @EmbeddedServer static WsServer server;
        @Connect WsClient client;

        @Test void test() { }
    }

    static Stream<Arguments> badConfiguration() {
        return Stream.of(
                arguments("wstest.connect.timeout", "5 seconds", "ws-test configuration parameter"
                        + " wstest.connect.timeout=\"5 seconds\": expected a duration like 500ms, 1.5s or 2m but found"
                        + " \"5 seconds\": write 5s. Set it in src/test/resources/junit-platform.properties or with"
                        + " -Dwstest.connect.timeout=..."),
                arguments("wstest.expect.timeout", "0s",
                        "wstest.expect.timeout=\"0s\": expected a duration longer than zero but found \"0s\""),
                arguments("wstest.expect.timeout", "-1s", "wstest.expect.timeout=\"-1s\": expected a duration like"
                        + " 500ms, 1.5s or 2m but found \"-1s\": a duration cannot be negative"),
                arguments("wstest.tls.trust-all", "yes", "wstest.tls.trust-all=\"yes\": must be true or false"),
                arguments("wstest.report", "sometimes",
                        "wstest.report=\"sometimes\": must be one of on-failure, always, never"),
                arguments("wstest.report.stdout", "1", "wstest.report.stdout=\"1\": must be true or false"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badConfiguration")
    void badConfigurationValueFailsTheClass(String key, String value, String message) {
        TestKit.Run run = testKit().with(key, value).run(Configured.class);

        assertThat(run.onlyFailure()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(message);
    }

    @Test
    @DisplayName("the fixtures, which fail on purpose, are skipped when anything but TestKit runs them")
    void fixturesAreSkippedOutsideTheTestKit() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(NoServerInScope.class)).execute();

        assertThat(results.containerEvents().skipped().count()).isEqualTo(1);
        assertThat(results.allEvents().failed().count()).isZero();
    }
}
