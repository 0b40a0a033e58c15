package dev.wstest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.internal.TyrusDefaultConfigurator;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConfiguratorFallbackTest {

    /** Stands for another container's default configurator (Tomcat's, Jetty's). */
    public static class OtherContainerConfigurator extends ServerEndpointConfig.Configurator {
    }

    /** The test classpath as a user's would be: only the given registrations of the default configurator. */
    private static ClassLoader classpathRegistering(URL... registrations) {
        return new ClassLoader(ConfiguratorFallbackTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return ConfiguratorFallback.SERVICE.equals(name) ? Collections.enumeration(List.of(registrations))
                        : super.getResources(name);
            }
        };
    }

    private static List<Class<?>> defaultsSeenBy(ClassLoader loader) {
        List<Class<?>> found = new ArrayList<>();
        ServiceLoader.load(ServerEndpointConfig.Configurator.class, loader).forEach(c -> found.add(c.getClass()));
        return found;
    }

    @Test
    @DisplayName("without another container, ws-test's endpoints get Tyrus's default configurator")
    void tyrusWhenAlone() {
        ClassLoader plain = classpathRegistering();
        assertThat(defaultsSeenBy(plain)).isEmpty();

        assertThat(defaultsSeenBy(ConfiguratorFallback.over(plain))).containsExactly(TyrusDefaultConfigurator.class);
    }

    @Test
    @DisplayName("another container's default configurator comes first, as it does for the application")
    void otherContainerFirst() {
        ClassLoader withTomcat = classpathRegistering(
                ConfiguratorFallbackTest.class.getResource("other-container-configurator"));

        assertThat(defaultsSeenBy(ConfiguratorFallback.over(withTomcat)))
                .containsExactly(OtherContainerConfigurator.class, TyrusDefaultConfigurator.class);
    }

    @Test
    @DisplayName("the context class loader is the fallback only while the action runs")
    void scoped() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();

        ClassLoader during = ConfiguratorFallback.call(thread::getContextClassLoader);

        assertThat(during).isInstanceOf(ConfiguratorFallback.class).isSameAs(ConfiguratorFallback.over(before));
        assertThat(during.getParent()).isSameAs(before);
        assertThat(thread.getContextClassLoader()).isSameAs(before);
    }

    @Test
    @DisplayName("a config built in the fallback's scope gets a default configurator even with none registered")
    void buildsConfigs() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(classpathRegistering());
        try {
            ServerEndpointConfig config = ConfiguratorFallback.call(
                    () -> ServerEndpointConfig.Builder.create(dev.wstest.server.fixtures.Shouter.class, "/x").build());
            assertThat(config.getConfigurator()).isInstanceOf(TyrusDefaultConfigurator.class);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
