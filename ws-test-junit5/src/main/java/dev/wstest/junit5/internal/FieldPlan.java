package dev.wstest.junit5.internal;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.Connect;
import dev.wstest.junit5.EmbeddedServer;
import dev.wstest.junit5.MockServer;
import dev.wstest.server.WsServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The annotated fields of one test class (its superclasses' included, superclass fields first), checked
 * once: right type, not final, no {@code @Connect} on static fields.
 */
final class FieldPlan {

    final List<Site.FieldSite> staticServers = new ArrayList<>();
    final List<Site.FieldSite> instanceServers = new ArrayList<>();
    final List<Site.FieldSite> instanceClients = new ArrayList<>();

    private FieldPlan(Class<?> testClass) {
        List<Field> fields = ReflectionSupport.findFields(testClass,
                f -> f.isAnnotationPresent(EmbeddedServer.class) || f.isAnnotationPresent(Connect.class)
                        || f.isAnnotationPresent(MockServer.class),
                HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            Site.FieldSite site = (Site.FieldSite) Site.of(field);
            boolean isFinal = Modifier.isFinal(field.getModifiers());
            int kinds = (field.isAnnotationPresent(EmbeddedServer.class) ? 1 : 0)
                    + (field.isAnnotationPresent(Connect.class) ? 1 : 0)
                    + (field.isAnnotationPresent(MockServer.class) ? 1 : 0);
            if (kinds > 1) {
                throw site.misuse("Several of @EmbeddedServer, @MockServer and @Connect on " + site.description()
                        + ": a field is a server (WsServer, @EmbeddedServer), a mock (MockWsServer, @MockServer) or a"
                        + " client (WsClient, @Connect). Use one field for each.");
            }
            if (field.isAnnotationPresent(MockServer.class)) {
                MockSupport.require(site);
                if (!MockSupport.isMockType(field.getType())) {
                    throw site.misuse(MockServer.class, "the field has type " + field.getType().getSimpleName()
                            + ", but @MockServer injects a dev.wstest.mock.MockWsServer. Declare it as MockWsServer "
                            + field.getName() + ".");
                }
                if (isFinal) {
                    throw site.misuse(MockServer.class, "the field is final, so the mock cannot be injected."
                            + " Remove final.");
                }
                (site.isStatic() ? staticServers : instanceServers).add(site);
            } else if (field.isAnnotationPresent(EmbeddedServer.class)) {
                if (field.getType() != WsServer.class) {
                    throw site.misuse(EmbeddedServer.class, "the field has type " + field.getType().getSimpleName()
                            + ", but @EmbeddedServer injects a dev.wstest.server.WsServer. Declare it as"
                            + " WsServer " + field.getName() + ".");
                }
                if (isFinal) {
                    throw site.misuse(EmbeddedServer.class, "the field is final, so the server cannot be injected."
                            + " Remove final.");
                }
                (site.isStatic() ? staticServers : instanceServers).add(site);
            } else {
                if (field.getType() != WsClient.class) {
                    throw site.misuse(Connect.class, "the field has type " + field.getType().getSimpleName()
                            + ", but @Connect injects a dev.wstest.client.WsClient. Declare it as WsClient "
                            + field.getName() + ".");
                }
                if (site.isStatic()) {
                    throw site.misuse(Connect.class, "@Connect is not supported on static fields: a client"
                            + " belongs to one test. Make '" + field.getName() + "' an instance field, or open"
                            + " clients shared by all tests in a @BeforeAll method with a WebSocketClients"
                            + " parameter.");
                }
                if (isFinal) {
                    throw site.misuse(Connect.class, "the field is final, so the client cannot be injected."
                            + " Remove final.");
                }
                instanceClients.add(site);
            }
        }
    }

    /** The checked plan of this class, computed once per test run. */
    static FieldPlan of(Class<?> testClass, ExtensionContext context) {
        return context.getRoot().getStore(WebSocketExtension.NAMESPACE)
                .getOrComputeIfAbsent(List.of(FieldPlan.class, testClass), k -> new FieldPlan(testClass),
                        FieldPlan.class);
    }

    boolean hasInstanceFields() {
        return !instanceServers.isEmpty() || !instanceClients.isEmpty();
    }

    /**
     * Instance fields of one test instance shared by tests that run at the same time would hand one test's
     * client to another.
     */
    void checkNotSharedConcurrently(ExtensionContext context) {
        if (hasInstanceFields()
                && context.getTestInstanceLifecycle().orElse(null) == TestInstance.Lifecycle.PER_CLASS
                && context.getExecutionMode() == ExecutionMode.CONCURRENT) {
            Site.FieldSite first = !instanceServers.isEmpty() ? instanceServers.get(0) : instanceClients.get(0);
            throw first.misuse("ws-test cannot inject " + first.description() + ": with"
                    + " @TestInstance(PER_CLASS) and concurrent execution, tests running at the same time share one"
                    + " instance, so one test would see another test's server or client. Use parameters of the test"
                    + " methods instead (e.g. @Connect WsClient " + first.name() + "), or"
                    + " @Execution(ExecutionMode.SAME_THREAD) on the class.");
        }
    }
}
