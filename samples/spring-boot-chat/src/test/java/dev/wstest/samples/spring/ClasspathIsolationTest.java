package dev.wstest.samples.spring;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.WebSocketClients;
import dev.wstest.junit5.WebSocketTest;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/**
 * ws-test on the test classpath must not change the application under test nor the user's own WebSocket
 * clients: Tomcat serves {@code ContainerProvider} and the default {@code ServerEndpointConfig.Configurator},
 * and no {@code jakarta.websocket} class comes from a ws-test or Tyrus jar. This class runs twice: in this
 * module, which declares ws-test-junit5 after the web starter, and in {@code spring-boot-chat-ws-test-first},
 * which declares it before (the system property {@code wstest.sample.order} says which; the first test checks
 * that the classpath really is in that order).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@WebSocketTest
@Timeout(60)
class ClasspathIsolationTest {

    static final String TOMCAT_CONTAINER = "org.apache.tomcat.websocket.WsWebSocketContainer";
    static final String TOMCAT_CONFIGURATOR = "org.apache.tomcat.websocket.server.DefaultServerEndpointConfigurator";

    /** A Jakarta {@code @ServerEndpoint} of the application, exported to Tomcat the way Spring documents. */
    @ServerEndpoint("/probe/configurator")
    public static class ConfiguratorProbe {
        @OnOpen
        public void open(Session session, EndpointConfig config) throws IOException {
            session.getBasicRemote().sendText(((ServerEndpointConfig) config).getConfigurator().getClass().getName());
        }
    }

    @TestConfiguration
    static class ExportProbe {
        @Bean
        ServerEndpointExporter serverEndpointExporter() {
            ServerEndpointExporter exporter = new ServerEndpointExporter();
            exporter.setAnnotatedEndpointClasses(ConfiguratorProbe.class);
            return exporter;
        }
    }

    @Test
    @DisplayName("the classpath has ws-test-junit5 where this module declares it")
    void classpathOrderIsTheOneUnderTest() {
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString()).toList();
        int wsTest = indexOf(jars, "ws-test-junit5-");
        int tomcat = indexOf(jars, "tomcat-embed-websocket-");
        assertThat(wsTest).as("ws-test-junit5 on %s", jars).isNotNegative();
        assertThat(tomcat).as("tomcat-embed-websocket on %s", jars).isNotNegative();
        if ("ws-test-first".equals(System.getProperty("wstest.sample.order"))) {
            assertThat(wsTest).as("ws-test-junit5 before Tomcat").isLessThan(tomcat);
        } else {
            assertThat(System.getProperty("wstest.sample.order")).isEqualTo("starter-first");
            assertThat(wsTest).as("ws-test-junit5 after Tomcat").isGreaterThan(tomcat);
        }
    }

    @Test
    @DisplayName("ContainerProvider.getWebSocketContainer() is Tomcat's, as without ws-test")
    void containerProviderIsTomcats() {
        assertThat(ContainerProvider.getWebSocketContainer().getClass().getName()).isEqualTo(TOMCAT_CONTAINER);
    }

    @Test
    @DisplayName("the app's @ServerEndpoint gets Tomcat's default configurator")
    void appEndpointGetsTomcatsConfigurator(@LocalServerPort int port, WebSocketClients clients) {
        WsClient probe = clients.connect("ws://127.0.0.1:" + port + "/probe/configurator");
        assertThat(probe).receivesText(TOMCAT_CONFIGURATOR);
        assertThat(ServerEndpointConfig.Builder.create(ConfiguratorProbe.class, "/x").build().getConfigurator()
                .getClass().getName()).isEqualTo(TOMCAT_CONFIGURATOR);
    }

    @Test
    @DisplayName("the user's own Spring StandardWebSocketClient runs on Tomcat's client")
    void springClientRunsOnTomcat(@LocalServerPort int port) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocketSession session = new StandardWebSocketClient().execute(new TextWebSocketHandler() {
            @Override
            protected void handleTextMessage(WebSocketSession s, TextMessage message) {
                first.complete(message.getPayload());
            }
        }, new WebSocketHttpHeaders(), URI.create("ws://127.0.0.1:" + port + "/probe/configurator"))
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(((NativeWebSocketSession) session).getNativeSession().getClass().getName())
                    .isEqualTo("org.apache.tomcat.websocket.WsSession");
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(TOMCAT_CONFIGURATOR);
        } finally {
            session.close();
        }
    }

    @Test
    @DisplayName("no jakarta.websocket class comes from a ws-test or Tyrus jar")
    void apiClassesComeFromTomcatOrTheJakartaApi() {
        for (Class<?> api : List.of(ContainerProvider.class, Session.class, ServerEndpointConfig.class,
                ServerEndpointConfig.Configurator.class)) {
            String jar = jarOf(api);
            if ("ws-test-first".equals(System.getProperty("wstest.sample.order"))) {
                // ws-test's own Jakarta API dependencies come first (at the version Spring Boot manages):
                // the specification's API classes, with no implementation and no service registration.
                assertThat(jar).as(api.getName()).matches("jakarta\\.websocket-(client-)?api-2\\.1\\.\\d+\\.jar");
            } else {
                assertThat(jar).as(api.getName()).startsWith("tomcat-embed-websocket-");
            }
        }
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(List<String> jars, String prefix) {
        for (int i = 0; i < jars.size(); i++) {
            if (jars.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
