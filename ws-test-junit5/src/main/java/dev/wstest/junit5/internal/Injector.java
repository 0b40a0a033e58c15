package dev.wstest.junit5.internal;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.Connect;
import dev.wstest.junit5.EmbeddedServer;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.WsServer;
import dev.wstest.syntax.DurationSyntax;
import dev.wstest.syntax.InvalidSyntaxException;
import dev.wstest.tls.TlsTrust;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Builds what {@link EmbeddedServer} and {@link Connect} describe, and finds the server a client is for. */
final class Injector {

    private Injector() {
    }

    // ------------------------------------------------------------------------------------------ clients

    /** A client builder with the configured defaults. */
    static WsClient.Builder clientBuilder(URI uri, String name, WsTestConfiguration config) {
        WsClient.Builder builder = WsClient.builder(uri).name(name)
                .connectTimeout(config.connectTimeout)
                .defaultTimeout(config.expectTimeout)
                .redactor(config.redactor);
        if (config.trustAll) {
            builder.tls(TlsTrust.trustAll());
        }
        return builder;
    }

    /** Connects the client a {@code @Connect} describes. */
    static WsClient connect(Site site, Connect connect, ExtensionContext context, WsTestConfiguration config) {
        if (!connect.url().isEmpty() && (!connect.server().isEmpty() || !connect.path().equals("/"))) {
            throw site.misuse(Connect.class, "url and server/path are alternatives. Give either url = \"ws://...\""
                    + " for any server, or path (and server, when several are in scope) for an @EmbeddedServer.");
        }
        URI uri;
        if (!connect.url().isEmpty()) {
            String url = Placeholders.resolve(connect.url(), context, "url = \"" + connect.url() + "\"",
                    problem -> site.misuse(Connect.class, problem));
            uri = uri(url, problem -> site.misuse(Connect.class, problem));
        } else {
            String path = Placeholders.resolve(connect.path(), context, "path = \"" + connect.path() + "\"",
                    problem -> site.misuse(Connect.class, problem));
            uri = findServer(connect.server(), context, site).server().uri(path);
        }
        String name = connect.name().isEmpty() ? site.name() : connect.name();
        WsClient.Builder builder = clientBuilder(uri, name, config);
        if (!connect.connectTimeout().isEmpty()) {
            builder.connectTimeout(duration(site, "connectTimeout", connect.connectTimeout(), context));
        }
        if (!connect.expectTimeout().isEmpty()) {
            builder.defaultTimeout(duration(site, "expectTimeout", connect.expectTimeout(), context));
        }
        if (connect.trustAll() && !connect.trustCertificates().isEmpty()) {
            throw site.misuse(Connect.class, "trustAll and trustCertificates are alternatives. Trust exactly the"
                    + " test server's certificate with trustCertificates = \"path/to/cert.pem\", or any certificate"
                    + " with trustAll = true.");
        }
        if (connect.trustAll()) {
            builder.tls(TlsTrust.trustAll());
        } else if (!connect.trustCertificates().isEmpty()) {
            builder.tls(certificates(site, connect.trustCertificates(), context));
        }
        for (String header : connect.headers()) {
            String[] h = header(site, Connect.class, "headers", header, context);
            builder.header(h[0], h[1]);
        }
        builder.subprotocols(connect.subprotocols());
        return builder.connect();
    }

    private static Duration duration(Site site, String attribute, String value, ExtensionContext context) {
        String resolved = Placeholders.resolve(value, context, attribute + " = \"" + value + "\"",
                problem -> site.misuse(Connect.class, problem));
        try {
            return DurationSyntax.parsePositive(resolved);
        } catch (InvalidSyntaxException e) {
            throw site.misuse(Connect.class, attribute + " = \"" + value + "\": " + e.getMessage()
                    + " (docs/syntax.md).");
        }
    }

    private static TlsTrust certificates(Site site, String file, ExtensionContext context) {
        String resolved = Placeholders.resolve(file, context, "trustCertificates = \"" + file + "\"",
                problem -> site.misuse(Connect.class, problem));
        Path path = Path.of(resolved);
        if (!Files.isReadable(path)) {
            throw site.misuse(Connect.class, "trustCertificates = \"" + file + "\": there is no readable file "
                    + path.toAbsolutePath() + ". Give the path of a PEM or DER certificate file, relative to the"
                    + " working directory (the module directory under Maven) or absolute.");
        }
        try {
            return TlsTrust.certificates(path);
        } catch (RuntimeException e) {
            RuntimeException misuse = site.misuse(Connect.class, "trustCertificates = \"" + file + "\": "
                    + e.getMessage());
            misuse.initCause(e);
            throw misuse;
        }
    }

    static URI uri(String url, Function<String, RuntimeException> error) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
                throw error.apply("\"" + url + "\" is not a ws:// or wss:// URL with a host, e.g."
                        + " ws://localhost:8080/chat");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw error.apply("\"" + url + "\" is not a valid URL: " + e.getMessage());
        }
    }

    /** "Name: value", the value's placeholders resolved. */
    private static String[] header(Site site, Class<? extends java.lang.annotation.Annotation> annotation,
                                   String attribute, String header, ExtensionContext context) {
        int colon = header.indexOf(':');
        if (colon <= 0 || header.substring(0, colon).isBlank()) {
            throw site.misuse(annotation, attribute + " entry \"" + header + "\" is not a header. Write it as"
                    + " \"Name: value\", e.g. \"Authorization: Bearer ${token}\".");
        }
        String name = header.substring(0, colon).trim();
        String value = Placeholders.resolve(header.substring(colon + 1).trim(), context,
                "the " + name + " header", problem -> site.misuse(annotation, problem));
        return new String[] {name, value};
    }

    // ------------------------------------------------------------------------------------------ servers

    /** Starts the server an {@code @EmbeddedServer} describes; the caller adds it to a scope. */
    static ManagedServer startServer(Site site, EmbeddedServer spec, ExtensionContext context,
                                     WsTestConfiguration config) {
        String name = spec.name().isEmpty() ? site.name() : spec.name();
        checkUniqueName(name, context, site.description(), problem -> site.misuse(EmbeddedServer.class, problem));
        WsServer.Builder builder = WsServer.builder().name(name).redactor(config.redactor);
        for (Class<?> endpoint : spec.endpoints()) {
            if (endpoint.getAnnotation(ServerEndpoint.class) == null) {
                throw site.misuse(EmbeddedServer.class, "endpoints = " + endpoint.getSimpleName() + ".class is not"
                        + " annotated with @jakarta.websocket.server.ServerEndpoint. List only @ServerEndpoint"
                        + " classes; to script the server in Java, implement ServerBehaviour and use"
                        + " behaviour = " + endpoint.getSimpleName() + ".class.");
            }
        }
        builder.endpoints(spec.endpoints());
        ServerBehaviour behaviour = behaviour(site, spec.behaviour());
        if (behaviour != null) {
            builder.behaviour(behaviour);
        }
        builder.subprotocols(spec.subprotocols());
        for (String header : spec.requireHeaders()) {
            String[] h = header(site, EmbeddedServer.class, "requireHeaders", header, context);
            builder.requireHeader(h[0], h[1]);
        }
        try {
            return new ManagedServer(name, builder.start(), site.description(), config.redactor);
        } catch (IllegalArgumentException cannotDeploy) {
            RuntimeException misuse = site.misuse(EmbeddedServer.class, cannotDeploy.getMessage());
            misuse.initCause(cannotDeploy);
            throw misuse;
        }
    }

    private static ServerBehaviour behaviour(Site site, Class<? extends ServerBehaviour> type) {
        if (type == ServerBehaviour.class) {
            return null;
        }
        if (type == EmbeddedServer.Echo.class) {
            return ServerBehaviour.echo();
        }
        if (type == EmbeddedServer.Broadcast.class) {
            return ServerBehaviour.broadcast();
        }
        String fix = " Give " + type.getSimpleName() + " a no-argument constructor (a static nested class or a"
                + " top-level class).";
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw site.misuse(EmbeddedServer.class, "behaviour = " + type.getSimpleName() + ".class is abstract;"
                    + " name a concrete ServerBehaviour class.");
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw site.misuse(EmbeddedServer.class, "behaviour = " + type.getSimpleName() + ".class is an inner"
                    + " class, which needs an instance of " + type.getEnclosingClass().getSimpleName()
                    + " to be created. Make it static.");
        }
        try {
            Constructor<? extends ServerBehaviour> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw site.misuse(EmbeddedServer.class, "behaviour = " + type.getSimpleName() + ".class has no"
                    + " no-argument constructor." + fix);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            RuntimeException misuse = site.misuse(EmbeddedServer.class, "creating behaviour "
                    + type.getSimpleName() + " failed: " + cause);
            misuse.initCause(cause);
            throw misuse;
        }
    }

    /** Every server visible from this context, innermost scope first. */
    static List<ManagedServer> visibleServers(ExtensionContext context) {
        List<ManagedServer> all = new ArrayList<>();
        for (Scope scope : Scope.visible(context)) {
            all.addAll(scope.servers());
        }
        return all;
    }

    static void checkUniqueName(String name, ExtensionContext context, String origin,
                                Function<String, RuntimeException> error) {
        for (ManagedServer s : visibleServers(context)) {
            if (s.name().equals(name)) {
                throw error.apply("there is already an embedded server named \"" + name + "\" in scope (from "
                        + s.origin() + "). Give one of them another name, e.g. @EmbeddedServer(name = \"" + name
                        + "2\").");
            }
        }
    }

    /** The server a client connects to: the one named, or the only one in scope. */
    static ManagedServer findServer(String requested, ExtensionContext context, Site site) {
        List<ManagedServer> servers = visibleServers(context);
        String names = servers.stream().map(s -> "\"" + s.name() + "\"").collect(Collectors.joining(", "));
        if (!requested.isEmpty()) {
            return servers.stream().filter(s -> s.name().equals(requested)).findFirst()
                    .orElseThrow(() -> site.misuse(Connect.class, "there is no embedded server named \"" + requested
                            + "\" in scope" + (servers.isEmpty() ? "" : " (there is " + names + ")") + ". Name an"
                            + " @EmbeddedServer field or parameter \"" + requested + "\", or give it"
                            + " name = \"" + requested + "\"." + laterParameterHint(site)));
        }
        if (servers.size() == 1) {
            return servers.get(0);
        }
        if (servers.isEmpty()) {
            throw site.misuse(Connect.class, "there is no embedded server in scope to connect to. Add one, e.g."
                    + " @EmbeddedServer static WsServer server;, or connect to another server with"
                    + " @Connect(url = \"ws://host:port/path\")." + laterParameterHint(site));
        }
        throw site.misuse(Connect.class, "there are several embedded servers in scope (" + names + "). Say which"
                + " with @Connect(server = \"" + servers.get(0).name() + "\", ...).");
    }

    /** For a parameter: a hint when an @EmbeddedServer parameter comes later in the same method. */
    private static String laterParameterHint(Site site) {
        if (site instanceof Site.ParameterSite) {
            Site.ParameterSite p = (Site.ParameterSite) site;
            java.lang.reflect.Parameter[] all = p.executable().getParameters();
            for (int i = p.index() + 1; i < all.length; i++) {
                if (all[i].isAnnotationPresent(EmbeddedServer.class)) {
                    return " Parameters are resolved from left to right: declare the @EmbeddedServer parameter '"
                            + all[i].getName() + "' before '" + p.name() + "'.";
                }
            }
        }
        return "";
    }
}
