package dev.wstest.junit5;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;
import static dev.wstest.junit5.testing.TestKit.testKit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.testing.Fixture;
import dev.wstest.junit5.testing.TestKit;
import dev.wstest.mock.MockAssertions;
import dev.wstest.mock.MockWsServer;
import dev.wstest.mock.Stub;
import dev.wstest.mock.Unmatched;
import dev.wstest.server.WsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MockServer}: injection per class and per test, configuration, TLS, reports, misuse. */
@Timeout(60)
class MockServerTest {

    // ------------------------------------------------------------------------------------------ lifetimes

    @Fixture @WebSocketTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClassAndPerTest {
        @MockServer(configure = "feed") static MockWsServer feed;
        @MockServer MockWsServer fresh;
        static MockWsServer firstFresh;

        static void feed(MockWsServer.Builder mock) {
            mock.stub(Stub.onText("ping").sendText("pong"));
        }

        @Test @Order(1)
        void first(@Connect(server = "feed") WsClient client) {
            client.sendText("ping");
            assertThat(client).receivesText("pong");
            firstFresh = fresh;
            assertThat(fresh.isClosed()).isFalse();
        }

        @Test @Order(2)
        void second(@Connect(server = "feed") WsClient client, MockWsServer feed) {
            assertThat(feed).isSameAs(PerClassAndPerTest.feed);
            assertThat(feed.connectionCount()).as("the class's mock saw both tests").isEqualTo(2);
            assertThat(fresh).isNotSameAs(firstFresh);
            assertThat(firstFresh.isClosed()).as("the first test's mock was closed after it").isTrue();
        }
    }

    @Test
    @DisplayName("a static field lives for the class, an instance field for one test; parameters find them by name")
    void lifetimes() {
        TestKit.Run run = testKit().run(PerClassAndPerTest.class);
        assertThat(run.testsFailed()).as(run.describeEvents()).isZero();
        assertThat(run.testsSucceeded()).isEqualTo(2);
        assertThat(PerClassAndPerTest.feed.isClosed()).isTrue();
    }

    @Fixture @WebSocketTest
    static class ParameterAndInstanceConfiguration {
        final String greeting = "hello from " + getClass().getSimpleName();

        void greeter(MockWsServer.Builder mock) { // an instance method: the test's fields are there
            mock.stub(Stub.onConnect().sendText(greeting));
        }

        @Test
        void test(@MockServer(configure = "greeter", name = "greeter") MockWsServer mock,
                  @Connect(server = "greeter", path = "/hi") WsClient client) {
            assertThat(client).receivesText("hello from ParameterAndInstanceConfiguration");
            MockAssertions.assertThat(mock).handshake(1).hasPath("/hi");
        }
    }

    @Test
    @DisplayName("a parameter gets a mock for its test; an instance configure method sees the test's fields")
    void parameter() {
        TestKit.Run run = testKit().run(ParameterAndInstanceConfiguration.class);
        assertThat(run.testsFailed()).as(run.describeEvents()).isZero();
        assertThat(run.testsSucceeded()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------ annotation options

    @Fixture @WebSocketTest
    static class ByAnnotation {
        @MockServer(requireHeaders = "Authorization: Bearer t0ken", subprotocols = {"v2", "v1"})
        static MockWsServer api;

        @Test
        void refusedWithoutTheHeader() {
            assertThatHandshakeRefused(() -> WsClient.connect(api.uri("/"))).hasStatus(401);
        }

        @Test
        void acceptedWithIt(@Connect(server = "api", headers = "Authorization: Bearer t0ken", subprotocols = "v1")
                            WsClient client) {
            assertThat(client).hasSubprotocol("v1");
        }
    }

    @Test
    @DisplayName("requireHeaders and subprotocols by annotation")
    void annotationOptions() {
        TestKit.Run run = testKit().run(ByAnnotation.class);
        assertThat(run.testsFailed()).as(run.describeEvents()).isZero();
        assertThat(run.testsSucceeded()).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------ TLS

    @Fixture @WebSocketTest
    static class Tls {
        @MockServer(tls = true) static MockWsServer secure;
        @MockServer(tls = true, clientCertificate = true) static MockWsServer mutual;
        @EmbeddedServer(tls = true) static WsServer echo;

        @Test
        void connectTrustsExactlyTheMock(@Connect(server = "secure") WsClient client) {
            assertThat(client.uri().getScheme()).isEqualTo("wss");
            assertThat(client).isOpen();
        }

        @Test
        void connectPresentsTheClientCertificate(@Connect(server = "mutual") WsClient client) {
            assertThat(client).isOpen();
            MockAssertions.assertThat(mutual).hasAcceptedConnections(1);
        }

        @Test
        void embeddedServerTls(@Connect(server = "echo", path = "/e") WsClient client) {
            assertThat(echo.uri().getScheme()).isEqualTo("wss");
            client.sendText("secure echo");
            assertThat(client).receivesText("secure echo");
        }
    }

    @Test
    @DisplayName("tls = true: @Connect clients trust exactly the generated certificate; clientCertificate: mutual TLS")
    void tls() {
        TestKit.Run run = testKit().run(Tls.class);
        assertThat(run.testsFailed()).as(run.describeEvents()).isZero();
        assertThat(run.testsSucceeded()).isEqualTo(3);
    }

    // ------------------------------------------------------------------------------------------ reports

    @Fixture @WebSocketTest
    static class FailingWithAMock {
        @MockServer(configure = "feed") MockWsServer feed;
        @Connect(server = "feed", path = "/prices?token=s3cret") WsClient client;

        static void feed(MockWsServer.Builder mock) {
            mock.stub(Stub.onText("subscribe ACME").sendText("subscribed"));
        }

        @Test
        void fails() {
            client.sendText("subscribe ACMR");
            assertThat(client).within(Duration.ofMillis(200)).receivesText("subscribed");
        }
    }

    @Test
    @DisplayName("a failed test reports what the mock saw: handshakes, frames, messages no stub matched; no secrets")
    void failureReport() {
        TestKit.Run run = testKit().run(FailingWithAMock.class);
        assertThat(run.testsFailed()).isEqualTo(1);
        assertThat(run.reportEntries()).flatExtracting(Map::keySet)
                .containsExactly("ws-test.client.client", "ws-test.server.feed");
        assertThat(run.reportEntries("ws-test.server.feed").get(0))
                .startsWith("Server \"feed\" (ws://127.0.0.1:")
                .contains("GET /prices?token=<redacted 6 chars> -> 101")
                .contains("Connection 1 (/prices), frames seen by the server")
                .containsPattern("<-\\s+\\+\\d+  TEXT   \"subscribe ACMR\"")
                .contains("Messages no stub matched (IGNORE):", "a text message equal to \"subscribe ACME\"")
                .doesNotContain("s3cret");
    }

    @Fixture @WebSocketTest
    static class UnmatchedFails {
        @MockServer(configure = "strict") MockWsServer strict;
        @Connect(server = "strict") WsClient client;

        static void strict(MockWsServer.Builder mock) {
            mock.stub(Stub.onText("known").sendText("ok")).unmatched(Unmatched.FAIL);
        }

        @Test
        void passesItsOwnAssertions() {
            client.sendText("known").sendText("surprise");
            assertThat(client).receivesText("ok");
            MockAssertions.assertThat(strict).connection(1).receivesText("surprise");
        }
    }

    @Test
    @DisplayName("Unmatched.FAIL: a message no stub matched fails the test when its mock closes, with the stubs compared")
    void unmatchedFailsTheTest() {
        TestKit.Run run = testKit().run(UnmatchedFails.class);
        assertThat(run.testsFailed()).isEqualTo(1);
        assertThat(run.onlyFailure()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting mock \"strict\" to receive only messages its stubs match")
                .hasMessageContaining("TEXT \"surprise\"")
                .hasMessageContaining("1. a text message equal to \"known\"");
    }

    @Fixture @WebSocketTest
    static class ManagedByTheTest {
        static MockWsServer own;

        @BeforeAll
        static void start(WebSocketClients clients) {
            own = clients.manage(MockWsServer.builder().name("own").tls()
                    .stub(Stub.onConnect().sendText("managed")).start());
        }

        @Test
        void test(@Connect(server = "own") WsClient client) {
            assertThat(client).receivesText("managed");
        }
    }

    @Test
    @DisplayName("WebSocketClients.manage(mock): closed with the scope, named by @Connect, its certificate trusted")
    void manage() {
        TestKit.Run run = testKit().run(ManagedByTheTest.class);
        assertThat(run.testsFailed()).as(run.describeEvents()).isZero();
        assertThat(ManagedByTheTest.own.isClosed()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ misuse

    @Fixture @WebSocketTest
    static class WrongType {
        @MockServer static WsServer feed;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class FinalField {
        @MockServer final MockWsServer feed = null;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class MockAndConnect {
        @MockServer @Connect MockWsServer feed;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class NoSuchMethod {
        @MockServer(configure = "stubs") static MockWsServer feed;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class WrongParameters {
        @MockServer(configure = "stubs") static MockWsServer feed;

        static void stubs(String nothing) {
        }

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class InstanceMethodForStaticField {
        @MockServer(configure = "stubs") static MockWsServer feed;

        void stubs(MockWsServer.Builder mock) {
        }

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class ConfigureThrows {
        @MockServer(configure = "stubs") static MockWsServer feed;

        static void stubs(MockWsServer.Builder mock) {
            throw new IllegalStateException("no stubs today");
        }

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class ClientCertificateWithoutTls {
        @MockServer(clientCertificate = true) static MockWsServer feed;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class MissingRecording {
        @MockServer(replay = "no/such/recording.ws") static MockWsServer feed;

        @Test void test() { }
    }

    @Fixture @WebSocketTest
    static class ParameterOfWrongType {
        @Test void test(@MockServer String feed) { }
    }

    @Fixture @WebSocketTest
    static class MockParameterWithoutMock {
        @Test void test(MockWsServer feed) { }
    }

    static Stream<Arguments> misuses() {
        return Stream.of(
                misuse(WrongType.class, ExtensionConfigurationException.class,
                        "@MockServer on static field MockServerTest.WrongType.feed: the field has type WsServer, but"
                                + " @MockServer injects a dev.wstest.mock.MockWsServer. Declare it as MockWsServer"
                                + " feed."),
                misuse(FinalField.class, ExtensionConfigurationException.class,
                        "@MockServer on field MockServerTest.FinalField.feed: the field is final, so the mock cannot"
                                + " be injected. Remove final."),
                misuse(MockAndConnect.class, ExtensionConfigurationException.class,
                        "Several of @EmbeddedServer, @MockServer and @Connect on field"
                                + " MockServerTest.MockAndConnect.feed"),
                misuse(NoSuchMethod.class, ExtensionConfigurationException.class,
                        "@MockServer on static field MockServerTest.NoSuchMethod.feed: configure = \"stubs\": there"
                                + " is no method stubs in MockServerTest.NoSuchMethod. Declare static void"
                                + " stubs(MockWsServer.Builder mock) { mock.stub(...); }"),
                misuse(WrongParameters.class, ExtensionConfigurationException.class,
                        "configure = \"stubs\": method stubs in MockServerTest.WrongParameters must take one"
                                + " MockWsServer.Builder parameter"),
                misuse(InstanceMethodForStaticField.class, ExtensionConfigurationException.class,
                        "configure = \"stubs\": stubs is an instance method, but the mock of static field"
                                + " MockServerTest.InstanceMethodForStaticField.feed starts before any test instance"
                                + " exists. Make it static"),
                misuse(ConfigureThrows.class, ExtensionConfigurationException.class,
                        "configure method stubs threw java.lang.IllegalStateException: no stubs today"),
                misuse(ClientCertificateWithoutTls.class, ExtensionConfigurationException.class,
                        "clientCertificate = true is mutual TLS, which needs TLS. Add tls = true."),
                misuse(MissingRecording.class, ExtensionConfigurationException.class,
                        "replay = \"no/such/recording.ws\": there is no classpath resource no/such/recording.ws"),
                misuse(ParameterOfWrongType.class, ParameterResolutionException.class,
                        "@MockServer on parameter 'feed' of MockServerTest.ParameterOfWrongType.test(String): the"
                                + " parameter has type String, but @MockServer injects a dev.wstest.mock.MockWsServer."),
                misuse(MockParameterWithoutMock.class, ParameterResolutionException.class,
                        "There is no mock server in scope for parameter 'feed' of"
                                + " MockServerTest.MockParameterWithoutMock.test(MockWsServer). Start one for this"
                                + " parameter with @MockServer MockWsServer feed, or declare an @MockServer field."));
    }

    private static Arguments misuse(Class<?> fixture, Class<? extends Throwable> type, String message) {
        return arguments(fixture.getSimpleName(), fixture, type, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuses")
    void misuseIsReportedWithTheFix(String name, Class<?> fixture, Class<? extends Throwable> type, String message) {
        TestKit.Run run = testKit().run(fixture);
        assertThat(run.onlyFailure()).isInstanceOf(type).hasMessageContaining(message);
    }

    @Test
    @DisplayName("the fixtures' parameter names are compiled in (the misuse messages name them)")
    void parameterNames() throws Exception {
        assertThat(List.of(ParameterOfWrongType.class.getDeclaredMethod("test", String.class).getParameters()))
                .extracting(java.lang.reflect.Parameter::getName).containsExactly("feed");
    }
}
