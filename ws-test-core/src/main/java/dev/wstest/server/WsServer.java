package dev.wstest.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.DeflateParameters;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.Headers;
import dev.wstest.record.LogLimits;
import dev.wstest.record.Redactor;
import dev.wstest.record.Side;
import dev.wstest.record.Waiters;
import dev.wstest.record.WireRules;
import dev.wstest.tls.GeneratedCertificate;
import dev.wstest.tls.TlsIdentity;
import dev.wstest.tls.TlsTrust;
import dev.wstest.tyrus.TyrusHeaders;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;
import org.glassfish.tyrus.spi.UpgradeRequest;

/**
 * An embedded WebSocket server for tests: it starts in milliseconds on an ephemeral port of 127.0.0.1,
 * reports its URI, and records what it saw: every handshake request (path, query, headers, subprotocols
 * offered, the status answered) and every connection with its full frame log.
 *
 * <pre>{@code
 * try (WsServer server = WsServer.echo();
 *      WsClient client = WsClient.connect(server.uri("/any/path"))) {
 *     client.sendText("hi");
 *     assertThat(client).receivesText("hi");
 * }
 * }</pre>
 *
 * <p>What it serves: a {@link ServerBehaviour} on every path (echo by default, broadcast, or one of your
 * own), and/or your own {@code @ServerEndpoint} classes and {@link ServerEndpointConfig}s.
 *
 * <p>{@link #close()} stops the listener and its threads and drops open connections (clients see 1006).
 * It is idempotent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WsServer implements RecordingServer {

    /** How long a send to one connection may take unless told otherwise: 10 s. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(10);

    /** The largest message a server accepts unless told otherwise: 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /** Deepest request path (in segments) a behaviour answers on. */
    static final int MAX_BEHAVIOUR_PATH_SEGMENTS = 12;

    /** How many closed connections a server keeps (with their logs) unless told otherwise. */
    public static final int DEFAULT_KEEP_CLOSED_CONNECTIONS = 100;

    private final String name;
    private final String host;
    private final boolean secure;
    /** The certificate the server presents when the test did not hand over an SSL context; else null. */
    private final X509Certificate certificate;
    private volatile TlsTrust trust;
    private final Redactor redactor;
    private final Map<String, String> requiredHeaders;
    private final ServerBehaviour behaviour;
    private final EmbeddedContainer container;
    // Appended to once per upgrade: lists that do not copy themselves on every append (see SnapshotList).
    private final List<ServerHandshake> handshakes = new SnapshotList<>();
    private final List<ServerConnection> connections = new SnapshotList<>();
    private final List<ServerConnection> opening = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final Waiters waiters = new Waiters();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Duration sendTimeout;
    private final WireRules rules;
    private final LogLimits logLimits;
    private final int keepClosed;
    /** Guards changes to connections, opening and handshakes (readers use the lists' snapshots). */
    private final Object bookkeeping = new Object();
    private int handshakesReceived;
    private int forgottenConnections;

    private WsServer(Builder b) {
        this.sendTimeout = b.sendTimeout;
        this.name = b.name;
        this.rules = (b.lenient ? WireRules.LENIENT : WireRules.STRICT).limitingMessagesTo(b.maxMessageBytes);
        this.logLimits = b.logLimits;
        this.keepClosed = b.keepClosed;
        this.host = b.host;
        this.secure = b.tls != null || b.identity != null;
        this.certificate = b.identity == null ? null : b.identity.certificate();
        this.redactor = b.redactor;
        this.requiredHeaders = Map.copyOf(b.requiredHeaders);
        this.behaviour = b.behaviour != null ? b.behaviour
                : (b.endpointClasses.isEmpty() && b.endpointConfigs.isEmpty() && b.programmatic.isEmpty()
                        ? ServerBehaviour.echo() : null);
        if (b.deflate != null && (!b.endpointClasses.isEmpty() || !b.endpointConfigs.isEmpty())) {
            throw new IllegalArgumentException("ws-test server \"" + b.name + "\": permessageDeflate() applies to"
                    + " the server's behaviour and to endpoint(Class, path); @ServerEndpoint classes and your own"
                    + " ServerEndpointConfig negotiate extensions through their own configurator. Host the"
                    + " endpoint with endpoint(Class, path), or drop permessageDeflate()");
        }
        this.container = new EmbeddedContainer(this, b.maxMessageBytes);
        try {
            for (Class<?> c : b.endpointClasses) {
                container.register(c);
            }
            for (ServerEndpointConfig c : b.endpointConfigs) {
                container.register(c);
            }
            for (Programmatic p : b.programmatic) {
                // Built in the fallback's scope: building a config looks up the default configurator.
                container.register(ConfiguratorFallback.call(
                        () -> ServerEndpointConfig.Builder.create(p.type(), p.path())
                                .configurator(new DeflateNegotiation(b.deflate)).build()));
            }
            if (behaviour != null) {
                for (ServerEndpointConfig c : behaviourConfigs(behaviour, b.subprotocols, b.deflate)) {
                    container.register(c);
                }
            }
            container.startListening(b.host, b.port,
                    b.identity != null ? TlsTrust.jdkDefault().sslContext(b.identity) : b.tls);
        } catch (DeploymentException e) {
            container.stop();
            throw new IllegalArgumentException("ws-test server \"" + name + "\": cannot deploy the endpoints: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            container.stop();
            throw new IllegalStateException("ws-test server \"" + name + "\": cannot listen on " + b.host + ":"
                    + b.port + ": " + e.getMessage(), e);
        }
    }

    /** Starts an echo server on an ephemeral loopback port. */
    public static WsServer echo() {
        return builder().name("echo").start();
    }

    /** Starts a broadcast server (every message to every connection) on an ephemeral loopback port. */
    public static WsServer broadcast() {
        return builder().name("broadcast").behaviour(ServerBehaviour.broadcast()).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static List<ServerEndpointConfig> behaviourConfigs(ServerBehaviour behaviour, List<String> subprotocols,
                                                               DeflateParameters deflate) {
        List<ServerEndpointConfig> configs = new ArrayList<>();
        ServerEndpointConfig.Configurator configurator = new DeflateNegotiation(deflate) {
            @Override
            public <T> T getEndpointInstance(Class<T> endpointClass) {
                return endpointClass.cast(new BehaviourEndpoint(behaviour));
            }
        };
        StringBuilder path = new StringBuilder();
        for (int depth = 0; depth <= MAX_BEHAVIOUR_PATH_SEGMENTS; depth++) {
            if (depth > 0) {
                path.append("/{s").append(depth).append('}');
            }
            configs.add(ServerEndpointConfig.Builder.create(BehaviourEndpoint.class, depth == 0 ? "/" : path.toString())
                    .subprotocols(subprotocols)
                    .configurator(configurator)
                    .build());
        }
        return configs;
    }

    private record Programmatic(Class<? extends Endpoint> type, String path) {
    }

    // ---------------------------------------------------------------------------------------------- address

    @Override
    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    /** The port actually bound. */
    public int port() {
        return container.getPort();
    }

    /** {@code ws://host:port/} (or {@code wss://} with TLS). */
    @Override
    public URI uri() {
        return uri("/");
    }

    /** The URI of a path on this server; the path may carry a query. */
    @Override
    public URI uri(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((secure ? "wss" : "ws") + "://" + h + ":" + port() + p);
    }

    /**
     * Client-side trust in exactly the certificate this server presents (host names verified), for
     * {@code WsClient.builder(server.uri("/")).tls(server.trust())}.
     *
     * @throws IllegalStateException when the server serves ws://, or a TLS context of the test's own (whose
     *                               certificate it cannot know)
     */
    public TlsTrust trust() {
        if (certificate == null) {
            throw new IllegalStateException("server \"" + name + "\" has no certificate of its own to trust"
                    + (secure ? " (it serves the test's own SSLContext: trust that one's certificate)"
                    : " (it serves ws://; WsServer.builder().tls() serves wss:// with a generated certificate)"));
        }
        TlsTrust t = trust;
        if (t == null) {
            t = TlsTrust.certificates(certificate); // one per server: clients with equal trust share a transport
            trust = t;
        }
        return t;
    }

    /** The certificate the server presents, unless it serves ws:// or the test's own SSL context. */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    // ---------------------------------------------------------------------------------------------- what it saw

    /**
     * The upgrade requests received so far, accepted or not, in order: those of the connections this server
     * still keeps, and of the others (refused upgrades) the last
     * {@link Builder#keepClosedConnections(int) keepClosedConnections}.
     */
    @Override
    public List<ServerHandshake> handshakes() {
        return List.copyOf(handshakes);
    }

    @Override
    public int handshakeCount() {
        synchronized (bookkeeping) {
            return handshakesReceived;
        }
    }

    /**
     * The connections whose endpoint has opened so far, in the order they were accepted: every open one, and
     * the last {@link Builder#keepClosedConnections(int) keepClosedConnections} closed ones (default 100).
     */
    @Override
    public List<ServerConnection> connections() {
        return List.copyOf(connections);
    }

    @Override
    public int connectionCount() {
        return connectionIds.get();
    }

    /** Connections that are still open (no close frame seen yet). */
    public List<ServerConnection> openConnections() {
        return connections.stream().filter(c -> c.state() == ConnectionState.OPEN)
                .collect(Collectors.toUnmodifiableList());
    }

    /** The most recently accepted connection, if any. */
    public Optional<ServerConnection> lastConnection() {
        List<ServerConnection> all = connections;
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Waits until at least {@code count} connections were accepted and returns the {@code count}-th
     * (1-based).
     *
     * @throws AssertionError if fewer arrive within the timeout, with what the server saw
     */
    @Override
    public ServerConnection awaitConnection(int count, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("count is 1-based, was " + count);
        }
        // Connections are numbered in the order their upgrade was accepted, but endpoints may finish opening
        // in another order: wait for the count-th one itself, not for any count of them.
        ServerConnection[] found = new ServerConnection[1];
        boolean[] forgotten = new boolean[1];
        // A closed server accepts nothing more: the wait ends at once then (as waits on a closed connection do).
        boolean done = waiters.awaitUntil(() -> {
            synchronized (bookkeeping) {
                found[0] = byId(count);
                forgotten[0] = found[0] == null && count <= connectionIds.get() && !isOpening(count);
                return found[0] != null || forgotten[0];
            }
        }, closed::get, timeout);
        if (done && found[0] != null) {
            return found[0];
        }
        if (done) {
            throw new IllegalStateException(redactor.scrub("server \"" + name + "\" (" + uri() + ") no longer keeps"
                    + " connection " + count + ": it closed, and the server keeps only the last " + keepClosed
                    + " closed connections (WsServer.builder().keepClosedConnections(n) keeps more)"));
        }
        String outcome = closed.get() ? "but the server was closed after it accepted " + connectionIds.get()
                + ", so no more can arrive" : "but it accepted " + connectionIds.get();
        throw new AssertionError((Object) redactor.scrub("Expecting server \"" + name + "\" (" + uri()
                + ") to accept " + count + " connection(s) within " + timeout.toMillis() + " ms, " + outcome
                + ".\n" + describeActivity()));
    }

    private ServerConnection byId(int id) {
        for (ServerConnection c : connections) {
            if (c.id() == id) {
                return c;
            }
        }
        return null;
    }

    private boolean isOpening(int id) {
        for (ServerConnection c : opening) {
            if (c.id() == id) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until the condition over this server holds; re-checked whenever a handshake or a frame arrives
     * on any connection. Returns whether it held within the timeout.
     */
    public boolean awaitUntil(Predicate<WsServer> condition, Duration timeout) {
        return waiters.awaitUntil(() -> condition.test(this), timeout);
    }

    @Override
    public boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
        return waiters.awaitUntil(condition, timeout);
    }

    @Override
    public int forgottenConnectionCount() {
        synchronized (bookkeeping) {
            return forgottenConnections;
        }
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }

    @Override
    public String toString() {
        return "ws-test server \"" + name + "\" at " + (closed.get() ? "(closed)" : uri().toString());
    }

    // ---------------------------------------------------------------------------------------------- internals

    String refusal(UpgradeRequest request) {
        for (Map.Entry<String, String> required : requiredHeaders.entrySet()) {
            String actual = request.getHeader(required.getKey());
            if (actual == null) {
                return "missing header " + required.getKey();
            }
            if (!actual.equals(required.getValue())) {
                return "wrong value for header " + required.getKey();
            }
        }
        return null;
    }

    ServerHandshake recordHandshake(UpgradeRequest request, int status) {
        URI requestUri = request.getRequestURI();
        String path = requestUri == null || requestUri.getRawPath() == null ? "/" : requestUri.getRawPath();
        String query = request.getQueryString();
        // what clients sent as secrets is known from now on, so no output of this server shows it
        redactor.noteUrl(path + (query == null ? "" : "?" + query));
        request.getHeaders().forEach((name, values) -> {
            if (values != null) {
                redactor.noteHeader(name, String.join(", ", values));
                values.forEach(v -> redactor.noteHeader(name, v));
            }
        });
        Headers headers = Headers.of(TyrusHeaders.asSent(request.getHeaders()));
        ServerHandshake h;
        synchronized (bookkeeping) {
            h = new ServerHandshake(++handshakesReceived, path, query, headers, status);
            handshakes.add(h);
            forgetHandshakes();
        }
        waiters.signal();
        return h;
    }

    /**
     * @param extensions the Sec-WebSocket-Extensions values of the 101 response: what was negotiated, which
     *                   decides the RSV bits the client may set
     * @param transport  the TCP connection under it, to drop it when its client stops reading (may be null)
     */
    ServerConnection newConnection(ServerHandshake handshake, List<String> extensions,
                                   org.glassfish.grizzly.Connection<?> transport) {
        FrameRecorder recorder = new FrameRecorder(Side.SERVER, waiters::signal, logLimits,
                rules.allowingRsv(WireRules.rsvOf(extensions)),
                DeflateNegotiation.negotiated(handshake, extensions).orElse(null));
        synchronized (bookkeeping) {
            ServerConnection c = new ServerConnection(this, connectionIds.incrementAndGet(), handshake, recorder,
                    transport, sendTimeout);
            opening.add(c);
            return c;
        }
    }

    void publish(ServerConnection connection) {
        connection.opened();
        synchronized (bookkeeping) {
            // keep acceptance order (ids), whatever order the endpoints finished opening in
            int at = connections.size();
            while (at > 0 && connections.get(at - 1).id() > connection.id()) {
                at--;
            }
            connections.add(at, connection);
            opening.remove(connection);
            forgetClosedConnections();
        }
        waiters.signal();
    }

    /** Drops the oldest closed connections beyond the number to keep. Called under the bookkeeping lock. */
    private void forgetClosedConnections() {
        int closedCount = 0;
        for (ServerConnection c : connections) {
            if (c.state() == ConnectionState.CLOSED) {
                closedCount++;
            }
        }
        if (closedCount <= keepClosed) {
            return;
        }
        List<ServerConnection> drop = new ArrayList<>();
        for (ServerConnection c : connections) {
            if (closedCount - drop.size() <= keepClosed) {
                break;
            }
            if (c.state() == ConnectionState.CLOSED) {
                drop.add(c);
            }
        }
        connections.removeAll(drop);
        forgottenConnections += drop.size();
        Set<ServerHandshake> theirs = Collections.newSetFromMap(new IdentityHashMap<>());
        drop.forEach(c -> theirs.add(c.handshake()));
        handshakes.removeIf(theirs::contains);
        forgetHandshakes();
    }

    /**
     * Drops the oldest handshakes that belong to no kept connection (refused upgrades, mostly) beyond the
     * number of closed connections to keep. Called under the bookkeeping lock.
     */
    private void forgetHandshakes() {
        if (handshakes.size() <= connections.size() + opening.size() + keepClosed) {
            return;
        }
        Set<ServerHandshake> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        connections.forEach(c -> kept.add(c.handshake()));
        opening.forEach(c -> kept.add(c.handshake()));
        int others = 0;
        for (ServerHandshake h : handshakes) {
            if (!kept.contains(h)) {
                others++;
            }
        }
        List<ServerHandshake> drop = new ArrayList<>();
        for (ServerHandshake h : handshakes) {
            if (others - drop.size() <= keepClosed) {
                break;
            }
            if (!kept.contains(h)) {
                drop.add(h);
            }
        }
        Set<ServerHandshake> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        dropped.addAll(drop);
        handshakes.removeIf(dropped::contains);
    }

    /**
     * Where a broadcast goes: the open connections, and those whose upgrade was accepted but whose endpoint
     * is still opening (their client may already have its 101).
     */
    List<ServerConnection> broadcastTargets() {
        // `opening` first: publish() adds a connection to `connections` before it leaves `opening`, so read in
        // this order a connection that moves meanwhile is seen in one list or the other, never in neither
        List<ServerConnection> stillOpening = List.copyOf(opening);
        List<ServerConnection> targets = new ArrayList<>(openConnections());
        for (ServerConnection c : stillOpening) {
            if (!targets.contains(c)) {
                targets.add(c);
            }
        }
        return targets;
    }

    /** Whether {@link #close()} was called. */
    @Override
    public boolean isClosed() {
        return closed.get();
    }

    /** Stops listening, drops open connections and releases every thread. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                container.stop(); // returns once the port no longer listens
            } finally {
                for (ServerConnection c : connections) {
                    c.recorder().transportClosed();
                }
                waiters.signal(); // waits for connections end now: a closed server accepts none
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- builder

    /** Server options; {@link #start()} starts it. */
    public static final class Builder {
        private String name = "server";
        private String host = "127.0.0.1";
        private int port;
        private ServerBehaviour behaviour;
        private final List<Class<?>> endpointClasses = new ArrayList<>();
        private final List<ServerEndpointConfig> endpointConfigs = new ArrayList<>();
        private final List<Programmatic> programmatic = new ArrayList<>();
        private final List<String> subprotocols = new ArrayList<>();
        private final Map<String, String> requiredHeaders = new LinkedHashMap<>();
        private SSLContext tls;
        private TlsIdentity identity;
        private Redactor redactor = Redactor.DEFAULT;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
        private boolean lenient;
        private LogLimits logLimits = LogLimits.DEFAULT;
        private int keepClosed = DEFAULT_KEEP_CLOSED_CONNECTIONS;
        private DeflateParameters deflate;

        private Builder() {
        }

        /**
         * Accepts permessage-deflate (RFC 7692) when a client offers it, as the client offers it, and
         * compresses every message on such a connection. The connection's log shows messages decompressed,
         * marked RSV1 with their size on the wire. For the server's behaviour (echo, broadcast, your own) and
         * endpoints hosted with {@link #endpoint(Class, String)}; refused at {@link #start()} together with
         * {@code @ServerEndpoint} classes or your own {@link ServerEndpointConfig}.
         */
        public Builder permessageDeflate() {
            return permessageDeflate(DeflateParameters.defaults());
        }

        /**
         * Accepts permessage-deflate with the server's own wishes added to the client's offer, e.g.
         * {@code new DeflateParameters(true, false, 10, 15)}: the server resets its context after every message
         * and keeps to a 1 KiB window ({@code server_no_context_takeover; server_max_window_bits=10}). A wish
         * can only tighten the offer; {@code client_max_window_bits} is answered only when the client offered it.
         */
        public Builder permessageDeflate(DeflateParameters wishes) {
            this.deflate = Objects.requireNonNull(wishes, "wishes");
            return this;
        }

        /**
         * How long a send to one connection may take before the server gives up on that connection (default
         * 10 s). A connection whose client stopped reading is dropped (its TCP connection closed without a
         * closing handshake, so the client sees 1006); the other connections are not held up meanwhile.
         */
        public Builder sendTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("sendTimeout must be positive, was " + timeout);
            }
            this.sendTimeout = timeout;
            return this;
        }

        /**
         * Accept clients that break RFC 6455 without failing their connections: violations (unmasked frames,
         * invalid UTF-8, ...) are still recorded and shown, but the frames go on to Tyrus, which does whatever
         * it does with them (it accepts unmasked frames, for one). The default is strict: the first violation
         * fails the connection with 1002 (1007 for invalid UTF-8), as RFC 6455 requires.
         */
        public Builder lenient() {
            this.lenient = true;
            return this;
        }

        /**
         * How much of a long conversation each connection's log keeps (default {@link LogLimits#DEFAULT}: the
         * first 1,000 and the last 10,000 events, 16 MiB of payload).
         */
        public Builder logLimits(LogLimits limits) {
            this.logLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * How many closed connections the server keeps, with their logs and handshakes (default
         * {@value WsServer#DEFAULT_KEEP_CLOSED_CONNECTIONS}); older ones are dropped as new connections open,
         * so a long-running server's memory stays flat. Open connections are always kept.
         */
        public Builder keepClosedConnections(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("keepClosedConnections must not be negative, was " + count);
            }
            this.keepClosed = count;
            return this;
        }

        /** The name used in messages. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The address to bind (default 127.0.0.1). Binding anything but loopback exposes the server to the
         * network; do it only when a test needs that.
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port (default 0: an ephemeral port, which automated tests should always use). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Serve every path with this behaviour (the default is echo when no endpoint classes are given). */
        public Builder behaviour(ServerBehaviour behaviour) {
            this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
            return this;
        }

        /** Host these {@code @ServerEndpoint}-annotated classes. */
        public Builder endpoints(Class<?>... classes) {
            for (Class<?> c : classes) {
                if (c.getAnnotation(jakarta.websocket.server.ServerEndpoint.class) == null) {
                    throw new IllegalArgumentException(c.getName() + " is not annotated with"
                            + " @jakarta.websocket.server.ServerEndpoint; host a programmatic endpoint with"
                            + " endpoint(ServerEndpointConfig) instead");
                }
                endpointClasses.add(c);
            }
            return this;
        }

        /** Host this programmatic {@link Endpoint} at {@code path} (which starts with "/"; may hold templates). */
        public Builder endpoint(Class<? extends Endpoint> endpointClass, String path) {
            Objects.requireNonNull(endpointClass, "endpointClass");
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("endpoint path must start with \"/\", was " + path);
            }
            programmatic.add(new Programmatic(endpointClass, path));
            return this;
        }

        /**
         * Host this programmatic endpoint. In a project without another WebSocket container (Tomcat, Jetty), a
         * config you build yourself needs a configurator, {@code .configurator(new
         * ServerEndpointConfig.Configurator())}: the Jakarta API looks up a default while building, and ws-test
         * registers none on your classpath. {@link #endpoint(Class, String)} needs nothing.
         */
        public Builder endpoint(ServerEndpointConfig config) {
            endpointConfigs.add(Objects.requireNonNull(config, "config"));
            return this;
        }

        /** Subprotocols the behaviour accepts; the first one the client offers that is listed here wins. */
        public Builder subprotocols(String... protocols) {
            subprotocols.addAll(Arrays.asList(protocols));
            return this;
        }

        /**
         * Refuse (HTTP 401) any upgrade request without this exact header value. The value counts as a secret,
         * whatever the header's name: it is hidden in everything ws-test prints.
         */
        public Builder requireHeader(String name, String value) {
            requiredHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            dev.wstest.record.Secrets.addHeaderValue(value);
            return this;
        }

        /**
         * Serve wss:// with {@link GeneratedCertificate#localhost()}, a self-signed certificate for localhost and
         * 127.0.0.1 made once per JVM; clients trust exactly it with {@link WsServer#trust()}.
         *
         * <pre>{@code
         * try (WsServer server = WsServer.builder().tls().start();
         *      WsClient client = WsClient.builder(server.uri("/")).tls(server.trust()).connect()) { ... }
         * }</pre>
         */
        public Builder tls() {
            return tls(GeneratedCertificate.localhost().identity());
        }

        /** Serve wss:// presenting this certificate and key; {@link WsServer#trust()} trusts exactly it. */
        public Builder tls(TlsIdentity serverIdentity) {
            this.identity = Objects.requireNonNull(serverIdentity, "identity");
            this.tls = null;
            return this;
        }

        /** Serve wss:// with this TLS context. */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            this.identity = null;
            return this;
        }

        /** Serve wss:// with the key and certificate in this key store. */
        public Builder tls(KeyStore keyStore, char[] password) {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, password);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return tls(ctx);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot use the key store for TLS: " + e.getMessage(), e);
            }
        }

        /**
         * The largest message (all frames of it together) the server accepts from a client, default 4 MiB. A
         * bigger one is refused: the server closes the connection with 1009 (message too big) and the
         * connection's log says why.
         */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxMessageBytes must be positive, was " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /** Redaction rules for {@link #describeActivity()} (default {@link Redactor#DEFAULT}). */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** Starts the server; it is listening when this returns. */
        public WsServer start() {
            return new WsServer(this);
        }
    }
}
