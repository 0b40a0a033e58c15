package dev.wstest.junit5.internal;

import dev.wstest.junit5.MockServer;
import dev.wstest.mock.MockWsServer;
import dev.wstest.mock.UnmatchedMessage;
import dev.wstest.record.Redactor;
import dev.wstest.scenario.Recording;
import dev.wstest.server.RecordingServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Starts what {@link MockServer} describes. Loaded only when ws-test-mock is on the classpath ({@link MockSupport}). */
final class MockServers {

    private MockServers() {
    }

    /**
     * Starts the mock; the caller adds it to a scope.
     *
     * @param instance the test instance a configure method may be called on; null where there is none (static
     *                 fields, {@code @BeforeAll} parameters)
     */
    static ManagedServer start(Site site, MockServer spec, ExtensionContext context, WsTestConfiguration config,
                               Object instance) {
        String name = spec.name().isEmpty() ? site.name() : spec.name();
        Injector.checkUniqueName(name, context, site.description(), p -> site.misuse(MockServer.class, p));
        MockWsServer.Builder b = MockWsServer.builder().name(name).redactor(config.redactor);
        if (spec.clientCertificate() && !spec.tls()) {
            throw site.misuse(MockServer.class, "clientCertificate = true is mutual TLS, which needs TLS. Add"
                    + " tls = true.");
        }
        if (spec.tls()) {
            b.tls();
        }
        if (spec.clientCertificate()) {
            b.requireClientCertificate();
        }
        if (spec.lenient()) {
            b.lenient();
        }
        for (String header : spec.requireHeaders()) {
            int colon = header.indexOf(':');
            String headerName = (colon < 0 ? header : header.substring(0, colon)).strip();
            if (headerName.isEmpty()) {
                throw site.misuse(MockServer.class, "requireHeaders entry \"" + header + "\" names no header. Write"
                        + " \"Name: value\" or just \"Name\", e.g. \"Authorization: Bearer ${token}\".");
            }
            if (colon < 0) {
                b.requireHeader(headerName);
            } else {
                b.requireHeader(headerName, Placeholders.resolve(header.substring(colon + 1).strip(), context,
                        "the " + headerName + " header", problem -> site.misuse(MockServer.class, problem)));
            }
        }
        b.subprotocols(spec.subprotocols());
        if (!spec.replay().isEmpty()) {
            b.replay(recording(site, spec.replay(), context));
        }
        if (!spec.configure().isEmpty()) {
            configure(site, spec.configure(), context.getRequiredTestClass(), instance, b);
        }
        MockWsServer mock;
        try {
            mock = b.start();
        } catch (RuntimeException e) {
            RuntimeException misuse = site.misuse(MockServer.class, "the mock did not start: " + e.getMessage());
            misuse.initCause(e);
            throw misuse;
        }
        return managed(name, mock, site.description(), config.redactor);
    }

    static ManagedServer managed(String name, RecordingServer server, String origin, Redactor redactor) {
        MockWsServer mock = (MockWsServer) server;
        return new ManagedServer(name, mock, origin, redactor,
                mock.certificate().isPresent() ? mock.trust() : null, mock.clientIdentity().orElse(null));
    }

    /** What only a mock saw, for the report: messages no stub matched (on connections after the mark), TLS failures. */
    static String extras(RecordingServer server, int sinceConnection) {
        MockWsServer mock = (MockWsServer) server;
        StringBuilder sb = new StringBuilder();
        List<UnmatchedMessage> unmatched = mock.unmatchedMessages().stream()
                .filter(u -> u.connection() > sinceConnection).collect(Collectors.toList());
        if (!unmatched.isEmpty()) {
            sb.append("Messages no stub matched (").append(mock.unmatched()).append("):\n");
            unmatched.forEach(u -> sb.append("  ").append(u.describe()));
        }
        if (!mock.tlsFailures().isEmpty()) {
            sb.append("Failed TLS handshakes:\n");
            mock.tlsFailures().forEach(f -> sb.append("  ").append(f.peer()).append(": ").append(f.message())
                    .append('\n'));
        }
        return sb.toString();
    }

    private static Recording recording(Site site, String replay, ExtensionContext context) {
        String resource = replay.startsWith("/") ? replay.substring(1) : replay;
        try (InputStream in = context.getRequiredTestClass().getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                return Recording.parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Path file = Path.of(replay);
            if (!Files.isReadable(file)) {
                throw site.misuse(MockServer.class, "replay = \"" + replay + "\": there is no classpath resource "
                        + resource + " and no readable file " + file.toAbsolutePath() + ". Give a .ws file"
                        + " recorded with ws-test session --record or proxy --record, e.g. in src/test/resources.");
            }
            return Recording.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e instanceof org.junit.jupiter.api.extension.ExtensionConfigurationException
                    || e instanceof org.junit.jupiter.api.extension.ParameterResolutionException) {
                throw e;
            }
            RuntimeException misuse = site.misuse(MockServer.class, "replay = \"" + replay + "\": " + e.getMessage());
            misuse.initCause(e);
            throw misuse;
        }
    }

    private static void configure(Site site, String methodName, Class<?> testClass, Object instance,
                                  MockWsServer.Builder builder) {
        String example = "static void " + methodName + "(MockWsServer.Builder mock) { mock.stub(...); }";
        List<Method> named = ReflectionSupport.findMethods(testClass, m -> m.getName().equals(methodName),
                HierarchyTraversalMode.BOTTOM_UP);
        if (named.isEmpty()) {
            throw site.misuse(MockServer.class, "configure = \"" + methodName + "\": there is no method " + methodName
                    + " in " + Site.simpleName(testClass) + ". Declare " + example);
        }
        Method method = named.stream().filter(m -> m.getParameterCount() == 1
                && m.getParameterTypes()[0] == MockWsServer.Builder.class).findFirst()
                .orElseThrow(() -> site.misuse(MockServer.class, "configure = \"" + methodName + "\": method "
                        + methodName + " in " + Site.simpleName(testClass) + " must take one MockWsServer.Builder"
                        + " parameter, e.g. " + example));
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        if (!isStatic && instance == null) {
            throw site.misuse(MockServer.class, "configure = \"" + methodName + "\": " + methodName + " is an"
                    + " instance method, but the mock of " + site.description() + " starts before any test instance"
                    + " exists. Make it static: " + example);
        }
        try {
            method.setAccessible(true);
            method.invoke(isStatic ? null : instance, builder);
        } catch (InvocationTargetException e) {
            RuntimeException misuse = site.misuse(MockServer.class, "configure method " + methodName + " threw "
                    + e.getCause());
            misuse.initCause(e.getCause());
            throw misuse;
        } catch (ReflectiveOperationException | RuntimeException e) {
            RuntimeException misuse = site.misuse(MockServer.class, "cannot call configure method " + methodName
                    + ": " + e);
            misuse.initCause(e);
            throw misuse;
        }
    }
}
