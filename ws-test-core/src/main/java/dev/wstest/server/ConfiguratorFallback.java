package dev.wstest.server;

import dev.wstest.server.internal.TyrusDefaultConfigurator;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.List;

/**
 * Where the embedded server's endpoints find their default {@link ServerEndpointConfig.Configurator}.
 *
 * <p>The Jakarta API looks the container's default configurator up with {@link java.util.ServiceLoader} on the
 * thread's context class loader: one registration per classpath, first one wins. ws-test registers none on
 * the user's classpath, because a registration of ours would become the default of the application's own
 * container (Tomcat, Jetty) whenever ws-test comes first on the classpath. Instead, while the embedded server
 * deploys endpoints, negotiates a handshake or opens an endpoint, the context class loader is this one: it
 * sees every registration the classpath has and, after them, Tyrus's. With another container on the classpath
 * its default wins, exactly as it does for the application; without one, ws-test's endpoints get Tyrus's.
 */
final class ConfiguratorFallback extends ClassLoader {

    static final String SERVICE = "META-INF/services/" + ServerEndpointConfig.Configurator.class.getName();

    private static final URL REGISTRATION = Objects.requireNonNull(
            ConfiguratorFallback.class.getResource("default-configurator"), "dev/wstest/server/default-configurator");

    private static final Map<ClassLoader, ConfiguratorFallback> BY_PARENT = new WeakHashMap<>();

    static {
        registerAsParallelCapable();
    }

    private ConfiguratorFallback(ClassLoader parent) {
        super("ws-test-configurator-fallback", parent);
    }

    /** The loader that adds Tyrus's default configurator after those {@code parent} sees. */
    static ClassLoader over(ClassLoader parent) {
        if (parent instanceof ConfiguratorFallback) {
            return parent;
        }
        ClassLoader base = parent != null ? parent : TyrusDefaultConfigurator.class.getClassLoader();
        synchronized (BY_PARENT) {
            return BY_PARENT.computeIfAbsent(base, ConfiguratorFallback::new);
        }
    }

    /** What runs in the fallback's scope. */
    @FunctionalInterface
    interface Action<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code action} with the fallback as this thread's context class loader. */
    static <T, E extends Exception> T call(Action<T, E> action) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(over(previous));
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** {@link ClassLoader#getResources} lists the parent's first, then these. */
    @Override
    protected Enumeration<URL> findResources(String name) {
        return SERVICE.equals(name) ? Collections.enumeration(List.of(REGISTRATION))
                : Collections.emptyEnumeration();
    }
}
