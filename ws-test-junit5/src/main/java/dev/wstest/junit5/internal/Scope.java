package dev.wstest.junit5.internal;

import dev.wstest.client.WsClient;
import dev.wstest.server.RecordingServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers and clients of one {@link ExtensionContext}: a test class (static fields, {@code @BeforeAll}
 * parameters) or a test (instance fields, test and {@code @BeforeEach} parameters). It lives in that context's
 * store, which closes it when the context ends: clients first, then servers, newest first.
 *
 * <p>It is both a {@code CloseableResource} and an {@code AutoCloseable}, because JUnit 5.10 to 5.12 close
 * only the former, and JUnit 5.13+ and 6 close the latter (or the former, when closing {@code AutoCloseable}s
 * is switched off); either way it is closed exactly once.
 */
@SuppressWarnings("deprecation") // CloseableResource: deprecated in JUnit 6, and the only kind JUnit 5.10 closes
final class Scope implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    /** Where a server of an outer scope stood when this scope began, so reports show only what came after. */
    record Mark(int handshakes, int connections) {
    }

    private final ExtensionContext context;
    private final List<WsClient> clients = new CopyOnWriteArrayList<>();
    private final List<ManagedServer> servers = new CopyOnWriteArrayList<>();
    private final Map<RecordingServer, Mark> marks = new ConcurrentHashMap<>();
    private final AtomicInteger clientNumbers = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DefaultWebSocketClients facade;

    private Scope(ExtensionContext context) {
        this.context = context;
    }

    private static String key(ExtensionContext context) {
        return "scope " + context.getUniqueId();
    }

    /** This context's scope, created on first use. */
    static Scope of(ExtensionContext context) {
        return context.getStore(WebSocketExtension.NAMESPACE)
                .getOrComputeIfAbsent(key(context), k -> new Scope(context), Scope.class);
    }

    /** The scopes visible from this context, innermost first (the test's, its class's, enclosing classes'). */
    static List<Scope> visible(ExtensionContext context) {
        List<Scope> scopes = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Scope s = c.getStore(WebSocketExtension.NAMESPACE).get(key(c), Scope.class);
            if (s != null) {
                scopes.add(s);
            }
        }
        return scopes;
    }

    ExtensionContext context() {
        return context;
    }

    /** The next default client name in this scope: client-1, client-2, ... */
    String nextClientName() {
        return "client-" + clientNumbers.incrementAndGet();
    }

    DefaultWebSocketClients facade(WsTestConfiguration config) {
        DefaultWebSocketClients f = facade;
        if (f == null) {
            synchronized (this) {
                f = facade;
                if (f == null) {
                    f = new DefaultWebSocketClients(this, config);
                    facade = f;
                }
            }
        }
        return f;
    }

    void add(WsClient client) {
        clients.add(client);
        if (closed.get()) {
            client.close();
            throw ended("client \"" + client.name() + "\"");
        }
    }

    void add(ManagedServer server) {
        servers.add(server);
        if (closed.get()) {
            server.server().close();
            throw ended("server \"" + server.name() + "\"");
        }
    }

    private IllegalStateException ended(String what) {
        return new IllegalStateException("ws-test: " + what + " was opened after its scope (" + context.getDisplayName()
                + ") ended, and has been closed again. Open clients and servers only while the test runs.");
    }

    List<WsClient> clients() {
        return Collections.unmodifiableList(clients);
    }

    List<ManagedServer> servers() {
        return Collections.unmodifiableList(servers);
    }

    void mark(RecordingServer server) {
        marks.computeIfAbsent(server, s -> new Mark(s.handshakeCount(), s.connectionCount()));
    }

    /** Where the server stood when this scope began; zero for servers of this scope. */
    Mark markOf(RecordingServer server) {
        return marks.getOrDefault(server, new Mark(0, 0));
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        AssertionError verdict = null; // a mock's Unmatched.FAIL report: the test's failure, as it is
        List<AutoCloseable> all = new ArrayList<>(clients);
        Collections.reverse(all);
        List<AutoCloseable> ownServers = new ArrayList<>();
        servers.forEach(s -> ownServers.add(s.server()));
        Collections.reverse(ownServers);
        all.addAll(ownServers);
        for (AutoCloseable resource : all) {
            try {
                resource.close();
            } catch (AssertionError e) {
                if (verdict == null) {
                    verdict = e;
                } else {
                    verdict.addSuppressed(e);
                }
            } catch (Exception | LinkageError e) {
                if (failure == null) {
                    failure = new IllegalStateException("ws-test: closing " + resource + " failed: " + e, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (verdict != null) {
            if (failure != null) {
                verdict.addSuppressed(failure);
            }
            throw verdict;
        }
        if (failure != null) {
            throw failure;
        }
    }
}
