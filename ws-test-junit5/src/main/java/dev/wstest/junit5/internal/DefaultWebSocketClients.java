package dev.wstest.junit5.internal;

import dev.wstest.client.WsClient;
import dev.wstest.junit5.WebSocketClients;
import dev.wstest.server.RecordingServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The {@link WebSocketClients} of one scope: everything it opens or is handed is closed with the scope. */
final class DefaultWebSocketClients implements WebSocketClients {

    private final Scope scope;
    private final WsTestConfiguration config;
    private final List<WsClient> opened = new CopyOnWriteArrayList<>();

    DefaultWebSocketClients(Scope scope, WsTestConfiguration config) {
        this.scope = scope;
        this.config = config;
    }

    @Override
    public WsClient connect(String url) {
        return connect(url, options -> { });
    }

    @Override
    public WsClient connect(URI uri) {
        return connect(uri, options -> { });
    }

    @Override
    public WsClient connect(String url, Consumer<WsClient.Builder> options) {
        Objects.requireNonNull(url, "url");
        String resolved = Placeholders.resolve(url, scope.context(), "the URL \"" + url + "\"",
                IllegalArgumentException::new);
        return connect(Injector.uri(resolved, IllegalArgumentException::new), options);
    }

    @Override
    public WsClient connect(URI uri, Consumer<WsClient.Builder> options) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        if (scope.isClosed()) {
            throw new IllegalStateException("ws-test: cannot connect to " + uri + ": the scope of this"
                    + " WebSocketClients (" + scope.context().getDisplayName() + ") has ended");
        }
        WsClient.Builder builder = Injector.clientBuilder(uri, scope.nextClientName(), config);
        options.accept(builder);
        WsClient client = builder.connect();
        opened.add(client);
        scope.add(client);
        return client;
    }

    @Override
    public List<WsClient> connect(int count, URI uri) {
        return connect(count, uri, options -> { });
    }

    @Override
    public List<WsClient> connect(int count, URI uri, Consumer<WsClient.Builder> options) {
        Objects.requireNonNull(options, "options");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        List<WsClient> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clients.add(connect(uri, options));
        }
        return Collections.unmodifiableList(clients);
    }

    @Override
    public <S extends RecordingServer> S manage(S server) {
        Objects.requireNonNull(server, "server");
        Injector.checkUniqueName(server.name(), scope.context(), "WebSocketClients.manage(" + server + ")",
                IllegalArgumentException::new);
        scope.add(ManagedServer.of(server.name(), server, "WebSocketClients.manage", null));
        return server;
    }

    @Override
    public List<WsClient> clients() {
        return List.copyOf(opened);
    }

    @Override
    public String toString() {
        return "WebSocketClients of " + scope.context().getDisplayName() + " (" + opened.size() + " opened)";
    }
}
