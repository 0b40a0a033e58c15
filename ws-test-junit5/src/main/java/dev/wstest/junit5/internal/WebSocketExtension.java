package dev.wstest.junit5.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.Connect;
import dev.wstest.junit5.EmbeddedServer;
import dev.wstest.junit5.MockServer;
import dev.wstest.junit5.WebSocketClients;
import dev.wstest.server.WsServer;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind {@link dev.wstest.junit5.WebSocketTest @WebSocketTest}, {@link EmbeddedServer} and
 * {@link Connect}: injects servers and clients into fields and parameters, keeps them in a {@link Scope} in the
 * store of the context they belong to (which closes them), and publishes the frame logs of a failed test.
 */
@API(status = INTERNAL, since = "0.1")
public final class WebSocketExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WebSocketExtension.class);

    /** Servers and clients this extension injected, so a field that still holds one may be injected again. */
    private static final Map<Object, Boolean> INJECTED = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void beforeAll(ExtensionContext context) {
        WsTestConfiguration config = WsTestConfiguration.of(context);
        FieldPlan plan = FieldPlan.of(context.getRequiredTestClass(), context);
        Scope scope = Scope.of(context);
        for (Site.FieldSite site : plan.staticServers) {
            checkUnset(site, null);
            ManagedServer server = startServer(site, context, config, null);
            scope.add(server);
            set(site, null, server.server());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        WsTestConfiguration config = WsTestConfiguration.of(context);
        Scope scope = Scope.of(context);
        for (ManagedServer outer : Injector.visibleServers(context)) {
            scope.mark(outer.server());
        }
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        List<FieldPlan> plans = new ArrayList<>();
        for (Object instance : instances) {
            FieldPlan plan = FieldPlan.of(instance.getClass(), context);
            plan.checkNotSharedConcurrently(context);
            plans.add(plan);
        }
        // Servers first, so that clients in any instance can connect to them.
        for (int i = 0; i < instances.size(); i++) {
            for (Site.FieldSite site : plans.get(i).instanceServers) {
                checkUnset(site, instances.get(i));
                ManagedServer server = startServer(site, context, config, instances.get(i));
                scope.add(server);
                set(site, instances.get(i), server.server());
            }
        }
        for (int i = 0; i < instances.size(); i++) {
            for (Site.FieldSite site : plans.get(i).instanceClients) {
                checkUnset(site, instances.get(i));
                WsClient client = Injector.connect(site, site.annotation(Connect.class), context, config);
                scope.add(client);
                set(site, instances.get(i), client);
            }
        }
    }

    /** The server a field or parameter site asks for: an embedded server, or a mock. */
    private static ManagedServer startServer(Site site, ExtensionContext context, WsTestConfiguration config,
                                             Object instance) {
        MockServer mock = site.annotation(MockServer.class);
        if (mock != null) {
            MockSupport.require(site);
            return MockServers.start(site, mock, context, config, instance);
        }
        return Injector.startServer(site, site.annotation(EmbeddedServer.class), context, config);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        report(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        report(context);
    }

    // ---------------------------------------------------------------------------------------------- parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return parameter.isAnnotated(Connect.class) || parameter.isAnnotated(EmbeddedServer.class)
                || parameter.isAnnotated(MockServer.class) || MockSupport.isMockType(type)
                || type == WsClient.class || type == WsServer.class || type == WebSocketClients.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Site.ParameterSite site = (Site.ParameterSite) Site.of(parameter);
        Connect connect = site.annotation(Connect.class);
        EmbeddedServer embedded = site.annotation(EmbeddedServer.class);
        MockServer mock = site.annotation(MockServer.class);
        Class<?> type = site.type();
        String what = connect != null ? "@Connect" : embedded != null ? "@EmbeddedServer" : mock != null
                ? "@MockServer" : type.getSimpleName();
        if (site.executable() instanceof Constructor) {
            throw site.misuse(what + " is not supported on constructor parameters (" + site.description() + "): the"
                    + " constructor runs before ws-test knows which test it is for. Use a field, or a parameter of"
                    + " the test, @BeforeEach or @BeforeAll method instead.");
        }
        if ((connect != null ? 1 : 0) + (embedded != null ? 1 : 0) + (mock != null ? 1 : 0) > 1) {
            throw site.misuse("Several of @EmbeddedServer, @MockServer and @Connect on " + site.description()
                    + ": a parameter is a server (WsServer, @EmbeddedServer), a mock (MockWsServer, @MockServer) or a"
                    + " client (WsClient, @Connect). Use one parameter for each.");
        }
        WsTestConfiguration config = WsTestConfiguration.of(context);
        Scope scope = Scope.of(context);
        if (mock != null) {
            if (!MockSupport.isMockType(type)) {
                throw site.misuse(MockServer.class, "the parameter has type " + type.getSimpleName() + ", but"
                        + " @MockServer injects a dev.wstest.mock.MockWsServer. Declare it as MockWsServer "
                        + site.name() + ".");
            }
            ManagedServer server = startServer(site, context, config, context.getTestInstance().orElse(null));
            scope.add(server);
            return server.server();
        }
        if (embedded != null) {
            if (type != WsServer.class) {
                throw site.misuse(EmbeddedServer.class, "the parameter has type " + type.getSimpleName()
                        + ", but @EmbeddedServer injects a dev.wstest.server.WsServer. Declare it as WsServer "
                        + site.name() + ".");
            }
            ManagedServer server = Injector.startServer(site, embedded, context, config);
            scope.add(server);
            return server.server();
        }
        if (connect != null) {
            if (type != WsClient.class) {
                throw site.misuse(Connect.class, "the parameter has type " + type.getSimpleName() + ", but @Connect"
                        + " injects a dev.wstest.client.WsClient. Declare it as WsClient " + site.name() + ".");
            }
            WsClient client = Injector.connect(site, connect, context, config);
            scope.add(client);
            return client;
        }
        if (type == WsClient.class) {
            throw site.misuse("A WsClient parameter needs @Connect to say where to connect (" + site.description()
                    + "), e.g. @Connect(path = \"/chat\") WsClient " + site.name() + ". To open clients in code,"
                    + " declare a WebSocketClients parameter instead.");
        }
        if (type == WsServer.class || MockSupport.isMockType(type)) {
            return existingServer(site, context);
        }
        return scope.facade(config);
    }

    /**
     * A WsServer (or MockWsServer) parameter without annotation: the server of that kind in scope with that name,
     * or the only one.
     */
    private static Object existingServer(Site.ParameterSite site, ExtensionContext context) {
        boolean mock = MockSupport.isMockType(site.type());
        String annotation = mock ? "@MockServer MockWsServer " : "@EmbeddedServer WsServer ";
        List<ManagedServer> servers = Injector.visibleServers(context).stream().filter(s -> s.isMock() == mock)
                .collect(Collectors.toList());
        Optional<ManagedServer> byName = servers.stream().filter(s -> s.name().equals(site.name())).findFirst();
        if (byName.isPresent()) {
            return byName.get().server();
        }
        if (servers.size() == 1) {
            return servers.get(0).server();
        }
        String kind = mock ? "mock server" : "embedded server";
        if (servers.isEmpty()) {
            throw site.misuse("There is no " + kind + " in scope for " + site.description() + ". Start one for"
                    + " this parameter with " + annotation + site.name() + ", or declare an "
                    + annotation.substring(0, annotation.indexOf(' ')) + " field.");
        }
        throw site.misuse("There are several " + kind + "s in scope for " + site.description() + " ("
                + servers.stream().map(s -> "\"" + s.name() + "\"").collect(Collectors.joining(", "))
                + "). Name the parameter after one of them, e.g. " + (mock ? "MockWsServer " : "WsServer ")
                + servers.get(0).name() + ".");
    }

    // ---------------------------------------------------------------------------------------------- fields

    private static void checkUnset(Site.FieldSite site, Object instance) {
        Object current = get(site, instance);
        if (current != null && !INJECTED.containsKey(current)) {
            String annotation = site.annotation(EmbeddedServer.class) != null ? "@EmbeddedServer"
                    : site.annotation(MockServer.class) != null ? "@MockServer" : "@Connect";
            throw site.misuse(annotation + " on " + site.description() + ": the field already holds " + current
                    + ". Remove the initializer: ws-test " + (annotation.equals("@Connect") ? "connects the client"
                    : "starts the server") + ". To have ws-test close and report a server you start yourself,"
                    + " pass it to WebSocketClients.manage(...) in a @BeforeAll or @BeforeEach method.");
        }
    }

    private static Object get(Site.FieldSite site, Object instance) {
        Field field = site.field();
        try {
            field.setAccessible(true);
            return field.get(instance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("ws-test cannot read " + site.description() + ": " + e, e);
        }
    }

    private static void set(Site.FieldSite site, Object instance, Object value) {
        Field field = site.field();
        try {
            field.setAccessible(true);
            field.set(instance, value);
            INJECTED.put(value, Boolean.TRUE);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("ws-test cannot assign " + site.description() + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------------------------------------- reports

    private static void report(ExtensionContext context) {
        WsTestConfiguration config;
        try {
            config = WsTestConfiguration.of(context);
        } catch (ExtensionConfigurationException alreadyReported) {
            return; // the same error already failed the class in beforeAll
        }
        Optional<Throwable> failure = context.getExecutionException()
                .filter(t -> !(t instanceof TestAbortedException));
        if (config.report == WsTestConfiguration.ReportMode.NEVER
                || config.report == WsTestConfiguration.ReportMode.ON_FAILURE && failure.isEmpty()) {
            return;
        }
        FailureReport report = FailureReport.of(Scope.visible(context));
        if (report.isEmpty()) {
            return;
        }
        report.publishTo(context);
        if (config.reportToStdout) {
            String heading = path(context) + failure.map(t -> " failed: " + summary(t)).orElse(" passed");
            System.out.print(report.render(heading));
            System.out.flush();
        }
    }

    /** "ChatTest > relaysWithinTheRoom()": display names from the class down, the engine left out. */
    private static String path(ExtensionContext context) {
        List<String> names = new ArrayList<>();
        for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
            names.add(c.getDisplayName());
        }
        Collections.reverse(names);
        return String.join(" > ", names);
    }

    private static String summary(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        int newline = message.indexOf('\n');
        return failure.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
