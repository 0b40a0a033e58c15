package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.MessageMatcher;
import dev.wstest.assertions.ShouldReceive;
import dev.wstest.client.WsClient;
import dev.wstest.mock.internal.NettyServer;
import dev.wstest.mock.internal.UpgradeExchange;
import dev.wstest.protocol.HandshakeKeys;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.EventType;
import dev.wstest.record.LogLimits;
import dev.wstest.record.Redactor;
import dev.wstest.record.Waiters;
import dev.wstest.record.WireRules;
import dev.wstest.record.WsEvent;
import dev.wstest.scenario.Recording;
import dev.wstest.server.RecordingServer;
import dev.wstest.server.ServerHandshake;
import dev.wstest.server.WsServer;
import dev.wstest.tls.GeneratedCertificate;
import dev.wstest.tls.TlsIdentity;
import dev.wstest.tls.TlsTrust;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;

/**
 * A mock WebSocket server for testing clients, in the spirit of OkHttp's MockWebServer: it starts in
 * milliseconds on an ephemeral port of 127.0.0.1, answers with {@link Stub}s, refuses or delays upgrades as
 * its {@link HandshakeRules} say, commits any {@link Faults fault} down to single bytes, serves {@code wss://}
 * with a certificate made at start-up, and records everything it saw in the words of ws-test's other
 * servers ({@link RecordingServer}: handshakes, connections with their frame logs, waits).
 *
 * <pre>{@code
 * try (MockWsServer mock = MockWsServer.builder()
 *         .requireHeader("Authorization", "Bearer t0ken")
 *         .stub(Stub.onConnect().sendText("{\"type\":\"welcome\"}"))
 *         .stub(Stub.onJsonContaining("{\"op\":\"subscribe\"}").sendText("{\"ack\":\"${$.id}\"}"))
 *         .unmatched(Unmatched.FAIL)
 *         .start()) {
 *     myClient.connect(mock.uri("/feed"));
 *     assertThat(mock).connection(1).receivesJsonContaining("{\"op\":\"subscribe\"}");
 * }
 * }</pre>
 *
 * <p>Netty does the I/O (one shared event loop group per JVM, a few threads for any number of connections);
 * the mock writes every byte of every answer and frame itself. {@link #close()} is idempotent, drops open
 * connections (clients see 1006) and, when it was the last mock running, ends the I/O threads.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MockWsServer implements RecordingServer {

    /** A stub with its matcher, compiled once, and its place in the answering order. */
    record Entry(Stub stub, MessageMatcher matcher, int order) {
    }

    private final String name;
    private final String host;
    private final Redactor redactor;
    private final HandshakeRules rules;
    private final ConnectionPolicy policy;
    private final Unmatched unmatched;
    private final MockBehaviour behaviour;
    private final Recording recording;
    private final Map<String, String> variables;
    /** Connections that started a playback, per path ("" for paths nothing was recorded on). */
    private final Map<String, Integer> playbacks = new java.util.HashMap<>();
    private final GeneratedCertificate certificate;
    private final TlsIdentity identity;
    private final boolean secure;
    /** The generated client certificate, when the mock requires it (mutual TLS); else null. */
    private final TlsIdentity clientIdentity;
    private volatile TlsTrust trust;
    private final NettyServer netty;
    private final Waiters waiters = new Waiters();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile List<Entry> entries = List.of();
    private final Map<Entry, AtomicInteger> used = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ServerHandshake> handshakes = new CopyOnWriteArrayList<>();
    private final List<MockConnection> connections = new CopyOnWriteArrayList<>();
    private final List<UnmatchedMessage> unmatchedMessages = new CopyOnWriteArrayList<>();
    private final List<TlsFailure> tlsFailures = new CopyOnWriteArrayList<>();
    private final Deque<Override<HandshakeRules>> nextRules = new ArrayDeque<>();
    private final Deque<Override<ConnectionPolicy>> nextPolicies = new ArrayDeque<>();
    private final WireRules wireRules;
    private final LogLimits logLimits;
    private final int keepClosed;
    /** Guards connectionIds, handshakesReceived, forgotten and changes to the two lists. */
    private final Object bookkeeping = new Object();
    private int connectionIds;
    private int handshakesReceived;
    private int forgotten;

    private static final class Override<T> {
        final T value;
        int remaining;

        Override(T value, int remaining) {
            this.value = value;
            this.remaining = remaining;
        }
    }

    private MockWsServer(Builder b) {
        this.name = b.name;
        this.host = b.host;
        this.redactor = b.redactor;
        this.rules = b.rules.build();
        this.policy = b.policy;
        this.unmatched = b.unmatched;
        this.behaviour = b.behaviour;
        this.recording = b.recording;
        this.variables = Map.copyOf(b.variables);
        this.wireRules = b.lenient ? WireRules.LENIENT : WireRules.STRICT;
        this.logLimits = b.logLimits;
        this.keepClosed = b.keepClosed;
        b.stubs.forEach(this::stub);
        b.nextRules.forEach(o -> nextRules.add(new Override<>(o.value, o.remaining)));
        b.nextPolicies.forEach(o -> nextPolicies.add(new Override<>(o.value, o.remaining)));
        this.secure = b.tls != null || b.identity != null;
        this.certificate = b.tls == null ? b.certificate : null;
        this.identity = b.tls == null ? b.identity : null;
        SSLContext serverContext = null;
        if (b.tls != null) {
            serverContext = b.tls; // the test's own: its trust managers decide about client certificates
        } else if (identity != null) {
            serverContext = (b.clientCertificates == null ? TlsTrust.jdkDefault()
                    : TlsTrust.certificates(b.clientCertificates.toArray(X509Certificate[]::new))).sslContext(identity);
        }
        this.clientIdentity = identity != null && b.clientCertificates != null
                && b.clientCertificates.contains(GeneratedCertificate.client().certificate())
                ? GeneratedCertificate.client().identity() : null;
        try {
            this.netty = NettyServer.start(b.host, b.port, serverContext, b.clientCertificates != null, new Upgrades());
        } catch (RuntimeException e) {
            throw new IllegalStateException("ws-test mock \"" + name + "\": cannot listen on " + b.host + ":" + b.port
                    + ": " + e.getMessage(), e);
        }
    }

    /** Starts a mock with no stubs that accepts every upgrade and ignores messages. */
    public static MockWsServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------------------------------------- address

    @java.lang.Override
    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    /** The port actually bound. */
    public int port() {
        return netty.port();
    }

    /** Whether the mock serves {@code wss://}. */
    public boolean isSecure() {
        return secure;
    }

    @java.lang.Override
    public URI uri() {
        return uri("/");
    }

    @java.lang.Override
    public URI uri(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((secure ? "wss" : "ws") + "://" + h + ":" + port() + p);
    }

    // ---------------------------------------------------------------------------------------------- TLS

    /** The certificate the mock presents, when it made one ({@link Builder#tls()}). */
    public Optional<GeneratedCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /**
     * Client-side trust in exactly the mock's certificate (host names verified), for
     * {@code WsClient.builder(...).tls(mock.trust())}.
     *
     * @throws IllegalStateException when the mock is not secure or serves a context of the test's own
     */
    public TlsTrust trust() {
        if (identity == null) {
            throw new IllegalStateException("mock \"" + name + "\" has no certificate of its own to trust"
                    + (secure ? " (it serves the test's own SSLContext: trust that one's certificate)"
                    : " (it serves ws://; use MockWsServer.builder().tls() for wss://)"));
        }
        TlsTrust t = trust;
        if (t == null) {
            t = TlsTrust.certificates(identity.certificate()); // one per mock: clients with equal trust share a transport
            trust = t;
        }
        return t;
    }

    /**
     * The identity a client presents to this mock under mutual TLS: {@link GeneratedCertificate#client()} when
     * the mock was built with {@code tls().requireClientCertificate()}, else empty.
     */
    public Optional<TlsIdentity> clientIdentity() {
        return Optional.ofNullable(clientIdentity);
    }

    /**
     * A client builder for a path on this mock: for {@code wss://} it trusts exactly the mock's certificate and,
     * under mutual TLS with the generated client certificate, presents that one.
     */
    public WsClient.Builder newClient(String path) {
        WsClient.Builder b = WsClient.builder(uri(path)).name(name + "-client");
        if (identity != null) {
            b.tls(trust());
        }
        if (clientIdentity != null) {
            b.clientCertificate(clientIdentity);
        }
        return b;
    }

    /**
     * For mutual TLS with the generated client certificate: a client-side SSL context that presents
     * {@link GeneratedCertificate#client()} and trusts exactly the mock's certificate (for the JDK's
     * {@code HttpClient} and other clients that take an {@link SSLContext}).
     *
     * @throws IllegalStateException unless the mock was built with {@code tls().requireClientCertificate()}
     */
    public SSLContext clientSslContext() {
        if (clientIdentity == null) {
            throw new IllegalStateException("mock \"" + name + "\" does not require the generated client certificate;"
                    + " build it with MockWsServer.builder().tls().requireClientCertificate()");
        }
        return trust().sslContext(clientIdentity);
    }

    /** TLS handshakes that failed, for instance clients without a certificate under mutual TLS. */
    public List<TlsFailure> tlsFailures() {
        return List.copyOf(tlsFailures);
    }

    // ---------------------------------------------------------------------------------------------- stubs

    /** Adds a stub; it answers from the next event on, on open connections too. */
    public MockWsServer stub(Stub stub) {
        Objects.requireNonNull(stub, "stub");
        MessageMatcher matcher = stub.trigger() instanceof Stub.Trigger.OnMessage on ? on.pattern().matcher() : null;
        synchronized (used) {
            List<Entry> more = new ArrayList<>(entries);
            more.add(new Entry(stub, matcher, more.size()));
            more.sort(Comparator.comparingInt((Entry e) -> -e.stub().priority()).thenComparingInt(Entry::order));
            entries = List.copyOf(more);
        }
        return this;
    }

    /** The stubs, in the order they are tried (priority, then as added). */
    public List<Stub> stubs() {
        return entries.stream().map(Entry::stub).collect(Collectors.toUnmodifiableList());
    }

    /** How often each stub answered so far, in the order they are tried. */
    public Map<Stub, Integer> stubUses() {
        Map<Stub, Integer> uses = new LinkedHashMap<>();
        for (Entry e : entries) {
            uses.merge(e.stub(), timesUsed(e), Integer::sum);
        }
        return uses;
    }

    int timesUsed(Entry e) {
        AtomicInteger n = used.get(e);
        return n == null ? 0 : n.get();
    }

    List<Entry> entries() {
        return entries;
    }

    /** Messages no stub matched (and no behaviour took) so far, in order. */
    public List<UnmatchedMessage> unmatchedMessages() {
        return List.copyOf(unmatchedMessages);
    }

    /** The policy for unmatched messages. */
    public Unmatched unmatched() {
        return unmatched;
    }

    MockBehaviour behaviour() {
        return behaviour;
    }

    /** Values stub texts may refer to by name, after the mock's own names. */
    Map<String, String> variables() {
        return variables;
    }

    /** The recorded session played back, or null. */
    Recording recording() {
        return recording;
    }

    /**
     * Which conversation of the recording (1-based) a new connection on this path plays: the n-th connection on a
     * path the n-th conversation recorded on it, the last one again for later connections; a path nothing was
     * recorded on goes through all conversations the same way.
     */
    int conversationFor(String path) {
        List<Recording.Conversation> all = recording.conversations();
        List<Integer> onPath = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String recorded = all.get(i).path();
            int q = recorded.indexOf('?');
            if ((q < 0 ? recorded : recorded.substring(0, q)).equals(path)) {
                onPath.add(i + 1);
            }
        }
        String key = onPath.isEmpty() ? "" : path;
        int n;
        synchronized (playbacks) {
            n = playbacks.merge(key, 1, Integer::sum);
        }
        if (onPath.isEmpty()) {
            return Math.min(n, all.size());
        }
        return onPath.get(Math.min(n, onPath.size()) - 1);
    }

    void signal() {
        waiters.signal();
    }

    /**
     * Waits (at most {@code max}) until the mock has acted on every message its connections recorded so far, so
     * that "so far" checks (unmatched messages, stub uses) do not race the I/O threads.
     */
    void awaitSettled(Duration max) {
        List<MockConnection> now = connections();
        waiters.awaitUntil(() -> now.stream().allMatch(MockConnection::settled), max);
    }

    void recordUse(Entry e) {
        used.computeIfAbsent(e, k -> new AtomicInteger()).incrementAndGet();
        waiters.signal();
    }

    void recordUnmatched(MockConnection c, WsEvent message, List<Entry> compared) {
        recordUnmatched(c, message, compared, List.of());
    }

    /** @param first what else the message was compared with, listed before the stubs (a recording's turn) */
    void recordUnmatched(MockConnection c, WsEvent message, List<Entry> compared, List<String> first) {
        String text = message.type() == EventType.TEXT ? message.text() : null;
        List<Entry> sorted = new ArrayList<>(compared);
        if (text != null) {
            sorted.sort(Comparator.comparingDouble((Entry e) -> {
                String example = ((Stub.Trigger.OnMessage) e.stub().trigger()).pattern().example();
                return example == null ? 1.0 : -ShouldReceive.similarity(example, text);
            }));
        }
        List<String> descriptions = new ArrayList<>(first);
        sorted.forEach(e -> descriptions.add(describe(e)));
        unmatchedMessages.add(new UnmatchedMessage(c.id(), c.path(), message, descriptions));
        waiters.signal();
    }

    private static String describe(Entry e) {
        Stub s = e.stub();
        String pattern = ((Stub.Trigger.OnMessage) s.trigger()).pattern().description();
        StringBuilder sb = new StringBuilder(pattern);
        if (!s.name().equals("on " + pattern)) {
            sb.append(" (stub [").append(s.name()).append("])");
        }
        if (s.path() != null) {
            sb.append(", path ").append(s.path());
        }
        if (s.subprotocol() != null) {
            sb.append(", subprotocol ").append(s.subprotocol());
        }
        if (s.times() > 0) {
            sb.append(", at most ").append(s.times()).append(" time(s)");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------- per connection

    /** The next {@code count} upgrade requests are answered by these rules instead of the mock's own. */
    public MockWsServer forNextConnections(int count, HandshakeRules nextRulesToUse) {
        positive(count);
        synchronized (nextRules) {
            nextRules.add(new Override<>(Objects.requireNonNull(nextRulesToUse, "rules"), count));
        }
        return this;
    }

    /** The next {@code count} accepted connections follow this policy instead of the mock's own. */
    public MockWsServer forNextConnections(int count, ConnectionPolicy nextPolicy) {
        positive(count);
        synchronized (nextPolicies) {
            nextPolicies.add(new Override<>(Objects.requireNonNull(nextPolicy, "policy"), count));
        }
        return this;
    }

    /** The next {@code count} upgrade requests get this answer (e.g. 401, 503), then the mock's rules apply. */
    public MockWsServer refuseNext(int count, HttpAnswer answer) {
        return forNextConnections(count, rules.toBuilder().answerAll(answer).build());
    }

    private static void positive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }

    private static <T> T take(Deque<Override<T>> queue, T otherwise) {
        synchronized (queue) {
            Override<T> head = queue.peekFirst();
            if (head == null) {
                return otherwise;
            }
            if (--head.remaining == 0) {
                queue.removeFirst();
            }
            return head.value;
        }
    }

    // ---------------------------------------------------------------------------------------------- what it saw

    /**
     * The upgrade requests received so far, accepted or not, in order: those of the connections the mock still
     * keeps, and of the refused ones the last {@link Builder#keepClosedConnections(int) keepClosedConnections}.
     */
    @java.lang.Override
    public List<ServerHandshake> handshakes() {
        return List.copyOf(handshakes);
    }

    @java.lang.Override
    public int handshakeCount() {
        synchronized (bookkeeping) {
            return handshakesReceived;
        }
    }

    /**
     * The connections accepted so far, in order: every open one, and the last
     * {@link Builder#keepClosedConnections(int) keepClosedConnections} closed ones (default 100).
     */
    @java.lang.Override
    public List<MockConnection> connections() {
        return List.copyOf(connections);
    }

    @java.lang.Override
    public int connectionCount() {
        synchronized (bookkeeping) {
            return connectionIds;
        }
    }

    @java.lang.Override
    public int forgottenConnectionCount() {
        synchronized (bookkeeping) {
            return forgotten;
        }
    }

    /** Whether the mock accepts clients that break RFC 6455 without failing their connections. */
    public boolean isLenient() {
        return wireRules.lenient();
    }

    /** Connections that are still open (no close frame seen yet). */
    public List<MockConnection> openConnections() {
        return connections.stream().filter(c -> c.state() == ConnectionState.OPEN)
                .collect(Collectors.toUnmodifiableList());
    }

    /** The most recently accepted connection, if any. */
    public Optional<MockConnection> lastConnection() {
        List<MockConnection> all = connections();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @java.lang.Override
    public MockConnection awaitConnection(int count, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("count is 1-based, was " + count);
        }
        if (!waiters.awaitUntil(() -> connectionCount() >= count, timeout)) {
            throw new AssertionError(redactor.scrub("Expecting mock \"" + name + "\" (" + uri() + ") to accept "
                    + count + " connection(s) within " + timeout.toMillis() + " ms, but it accepted "
                    + connectionCount() + ".\n" + describeActivity()));
        }
        for (MockConnection c : connections) {
            if (c.id() == count) {
                return c;
            }
        }
        throw new IllegalStateException("mock \"" + name + "\" (" + uri() + ") no longer keeps connection " + count
                + ": it closed, and the mock keeps only the last " + keepClosed + " closed connections"
                + " (MockWsServer.builder().keepClosedConnections(n) keeps more)");
    }

    /** A connection closed: drop the oldest closed ones beyond the number to keep. */
    void connectionClosed() {
        synchronized (bookkeeping) {
            forgetClosedConnections();
        }
        waiters.signal();
    }

    /** Called under the bookkeeping lock. */
    private void forgetClosedConnections() {
        List<MockConnection> closedOnes = connections.stream().filter(c -> c.state() == ConnectionState.CLOSED)
                .collect(Collectors.toList());
        if (closedOnes.size() <= keepClosed) {
            return;
        }
        List<MockConnection> drop = closedOnes.subList(0, closedOnes.size() - keepClosed);
        connections.removeAll(drop);
        forgotten += drop.size();
        java.util.Set<ServerHandshake> theirs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        drop.forEach(c -> theirs.add(c.handshake()));
        handshakes.removeIf(theirs::contains);
        forgetRefusedHandshakes();
    }

    /** Drops the oldest handshakes of no kept connection beyond the number to keep. Under the lock. */
    private void forgetRefusedHandshakes() {
        java.util.Set<ServerHandshake> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        connections.forEach(c -> kept.add(c.handshake()));
        List<ServerHandshake> others = handshakes.stream().filter(h -> !kept.contains(h)).collect(Collectors.toList());
        if (others.size() > keepClosed) {
            java.util.Set<ServerHandshake> drop = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            drop.addAll(others.subList(0, others.size() - keepClosed));
            handshakes.removeIf(drop::contains);
        }
    }

    /**
     * Waits until the condition over this mock holds; re-checked whenever a handshake, a frame or a stub use
     * happens. Returns whether it held within the timeout.
     */
    public boolean awaitUntil(Predicate<MockWsServer> condition, Duration timeout) {
        return waiters.awaitUntil(() -> condition.test(this), timeout);
    }

    @java.lang.Override
    public boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
        return waiters.awaitUntil(condition, timeout);
    }

    @java.lang.Override
    public Redactor redactor() {
        return redactor;
    }

    /** Handshakes, every connection's frames, unmatched messages and failed TLS handshakes, secrets redacted. */
    @java.lang.Override
    public String describeActivity() {
        StringBuilder sb = new StringBuilder(RecordingServer.super.describeActivity());
        if (!unmatchedMessages.isEmpty()) {
            sb.append("Messages no stub matched (").append(unmatched).append("):\n");
            unmatchedMessages.forEach(u -> sb.append("  ").append(u.describe()));
        }
        if (!tlsFailures.isEmpty()) {
            sb.append("Failed TLS handshakes:\n");
            tlsFailures.forEach(f -> sb.append("  ").append(f.peer()).append(": ").append(f.message()).append('\n'));
        }
        return redactor.scrub(sb.toString());
    }

    /**
     * The report {@link Unmatched#FAIL} fails with (each message no stub matched, with the stubs it was compared
     * with, and everything the mock saw), whatever the policy; empty while every message matched a stub.
     */
    public Optional<String> unexpectedMessages() {
        awaitSettled(Duration.ofSeconds(1));
        return Optional.ofNullable(unexpectedMessagesReport());
    }

    /** The report of {@link Unmatched#FAIL} (known secrets scrubbed), or null when there is nothing to report. */
    String unexpectedMessagesReport() {
        if (unmatchedMessages.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("Expecting mock \"" + name + "\" to receive only messages its stubs"
                + " match,\nbut " + unmatchedMessages.size() + " message(s) matched no stub:\n");
        unmatchedMessages.forEach(u -> sb.append("  ").append(u.describe()));
        return redactor.scrub(sb.append('\n').append(describeActivity()).toString());
    }

    @java.lang.Override
    public String toString() {
        return "ws-test mock \"" + name + "\" at " + (closed.get() ? "(closed)" : uri().toString());
    }

    @java.lang.Override
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops listening, drops open connections and, when it was the last mock running, ends the I/O threads.
     * Idempotent. With {@link Unmatched#FAIL}, the first call throws an {@link AssertionError} if any
     * message matched no stub, naming each and the stubs it was compared with.
     *
     * @throws IllegalStateException when called on the mock's I/O thread (from a {@link MockBehaviour}
     *                               callback), where waiting for the I/O threads to stop would wait for itself;
     *                               the mock stays open. Close the connection there instead
     *                               ({@link MockConnection#close(int, String)}, {@link MockConnection#drop()}) and
     *                               the mock from the test.
     */
    @java.lang.Override
    public void close() {
        if (netty.onIoThread()) {
            throw new IllegalStateException("mock \"" + name + "\".close() was called on the mock's own I/O thread"
                    + " (from a MockBehaviour callback), where it would wait for itself; the mock stays open. Close"
                    + " the connection there instead (connection.close(code, reason) or connection.drop()) and the"
                    + " mock from the test (try-with-resources, @MockServer)");
        }
        if (closed.compareAndSet(false, true)) {
            awaitSettled(Duration.ofSeconds(1));
            netty.close();
            connections.forEach(MockConnection::transportClosed); // in case the I/O thread has not noted it yet
            waiters.signal();
            String report = unmatched == Unmatched.FAIL ? unexpectedMessagesReport() : null;
            if (report != null) {
                throw new AssertionError(report);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- upgrades

    /** Answers upgrade requests on the I/O threads. */
    private final class Upgrades implements NettyServer.Listener {
        @java.lang.Override
        public void request(UpgradeExchange ex) {
            // what the client sent as a secret (Authorization, cookies, a query token) becomes known at once, so
            // that every text the mock writes from here on is scrubbed of it (Redactor.scrub), as WsServer does
            redactor.noteUrl(ex.path() + (ex.query() == null ? "" : "?" + ex.query()));
            ex.headers().toMap().forEach((n, values) -> values.forEach(v -> redactor.noteHeader(n, v)));
            UpgradeExchange.Refusal problem = ex.problem();
            HandshakeRules r = problem == null ? take(nextRules, rules) : rules;
            if (problem != null) {
                refuse(ex, HttpAnswer.status(problem.status()).body(problem.why() + "\n"));
                return;
            }
            if (r.answerAll() != null) {
                ex.schedule(r.delay(), () -> refuse(ex, r.answerAll()));
                return;
            }
            for (HandshakeRules.HeaderRule required : r.requiredHeaders()) {
                if (required.problem(ex.headers()) != null) {
                    ex.schedule(r.delay(), () -> refuse(ex, r.refusal()));
                    return;
                }
            }
            List<String> offered = list(ex, "Sec-WebSocket-Protocol");
            String chosen = r.forcedSubprotocol() != null ? r.forcedSubprotocol()
                    : offered.stream().filter(r.subprotocols()::contains).findFirst().orElse(null);
            if (chosen == null && r.requireSubprotocol()) {
                ex.schedule(r.delay(), () -> refuse(ex, HttpAnswer.status(400).body("none of the offered subprotocols "
                        + offered + " is accepted; accepted: " + r.subprotocols() + "\n")));
                return;
            }
            String extensions = r.forcedExtensions() != null ? r.forcedExtensions()
                    : list(ex, "Sec-WebSocket-Extensions").stream().map(e -> e.split(";")[0].trim())
                    .filter(r.extensions()::contains).distinct().collect(Collectors.joining(", "));
            List<String[]> lines = new ArrayList<>();
            String key = ex.headers().first("Sec-WebSocket-Key").orElse("").trim();
            lines.add(new String[] {"Sec-WebSocket-Accept", r.wrongAccept() ? HandshakeKeys.acceptFor(key + "wrong")
                    : ex.expectedAccept()});
            if (chosen != null) {
                lines.add(new String[] {"Sec-WebSocket-Protocol", chosen});
            }
            if (!extensions.isEmpty()) {
                lines.add(new String[] {"Sec-WebSocket-Extensions", extensions});
            }
            r.responseHeaders().toMap().forEach((n, values) -> values.forEach(v -> lines.add(new String[] {n, v})));
            WireRules connectionRules = wireRules.allowingRsv(WireRules.rsvOf(extensions.isEmpty() ? List.of()
                    : List.of(extensions)));
            ex.schedule(r.delay(), () -> accept(ex, lines, chosen, connectionRules));
        }

        private List<String> list(UpgradeExchange ex, String header) {
            return ex.headers().all(header).stream().flatMap(v -> Arrays.stream(v.split(",")))
                    .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        }

        private void refuse(UpgradeExchange ex, HttpAnswer answer) {
            synchronized (bookkeeping) {
                handshakes.add(ServerHandshake.of(++handshakesReceived, ex.path(), ex.query(), ex.headers(),
                        answer.status()));
                forgetRefusedHandshakes();
            }
            ex.answer(answer.status(), answer.reason(), answer.headers(), answer.body());
            waiters.signal();
        }

        private void accept(UpgradeExchange ex, List<String[]> lines, String subprotocol, WireRules connectionRules) {
            if (closed.get()) {
                return;
            }
            ConnectionPolicy p = take(nextPolicies, policy);
            WireRules recorderRules = !p.strict() && !connectionRules.lenient()
                    ? new WireRules(true, connectionRules.extensionRsv()) : connectionRules;
            ConnectionDriver d;
            synchronized (bookkeeping) {
                int id = ++connectionIds;
                ServerHandshake h = ServerHandshake.of(++handshakesReceived, ex.path(), ex.query(), ex.headers(), 101);
                ConnectionDriver driver = new ConnectionDriver(MockWsServer.this, id, h, subprotocol, p);
                d = driver;
                ex.accept(lines, waiters::signal, logLimits, recorderRules, driver::attach, io -> {
                    MockConnection c = new MockConnection(MockWsServer.this, id, h, driver);
                    driver.connection(c);
                    handshakes.add(h);
                    connections.add(c);
                });
            }
            waiters.signal();
            d.start();
        }

        @java.lang.Override
        public void tlsFailure(String peer, String message) {
            tlsFailures.add(new TlsFailure(peer, message));
            waiters.signal();
        }
    }

    // ---------------------------------------------------------------------------------------------- builder

    /** Mock options; {@link #start()} starts it. */
    public static final class Builder {
        private String name = "mock";
        private String host = "127.0.0.1";
        private int port;
        private final List<Stub> stubs = new ArrayList<>();
        private Unmatched unmatched = Unmatched.IGNORE;
        private MockBehaviour behaviour;
        private Recording recording;
        private final Map<String, String> variables = new LinkedHashMap<>();
        private HandshakeRules.Builder rules = HandshakeRules.builder();
        private ConnectionPolicy policy = ConnectionPolicy.defaults();
        private final List<Override<HandshakeRules>> nextRules = new ArrayList<>();
        private final List<Override<ConnectionPolicy>> nextPolicies = new ArrayList<>();
        private GeneratedCertificate certificate;
        private TlsIdentity identity;
        private SSLContext tls;
        private List<X509Certificate> clientCertificates;
        private Redactor redactor = Redactor.DEFAULT;
        private boolean lenient;
        private LogLimits logLimits = LogLimits.DEFAULT;
        private int keepClosed = WsServer.DEFAULT_KEEP_CLOSED_CONNECTIONS;

        private Builder() {
        }

        /**
         * Accept clients that break RFC 6455 without failing their connections: a violating frame (unmasked,
         * invalid UTF-8, ...) is recorded as a VIOLATION with its rule and shown in failures, never handled as a
         * message, a ping or a close, and the connection stays open for the frames after it. The default is
         * strict, as a server must be: the first violation fails the connection with 1002 (1007 for invalid
         * UTF-8). {@link ConnectionPolicy#lenient()} does the same per connection.
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
         * How many closed connections the mock keeps, with their logs and handshakes (default
         * {@value WsServer#DEFAULT_KEEP_CLOSED_CONNECTIONS}, as {@link WsServer}); older ones are dropped as
         * connections close, so a long-running mock's memory stays flat. Open connections are always kept.
         */
        public Builder keepClosedConnections(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("keepClosedConnections must not be negative, was " + count);
            }
            this.keepClosed = count;
            return this;
        }

        /** The name used in messages. */
        public Builder name(String newName) {
            this.name = Objects.requireNonNull(newName, "name");
            return this;
        }

        /** The address to bind (default 127.0.0.1; anything else exposes the mock to the network). */
        public Builder host(String newHost) {
            this.host = Objects.requireNonNull(newHost, "host");
            return this;
        }

        /** The port (default 0: an ephemeral port, which automated tests should always use). */
        public Builder port(int newPort) {
            if (newPort < 0 || newPort > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + newPort);
            }
            this.port = newPort;
            return this;
        }

        public Builder stub(Stub stub) {
            stubs.add(Objects.requireNonNull(stub, "stub"));
            return this;
        }

        /** Adds the stub being built. */
        public Builder stub(Stub.Builder stub) {
            return stub(stub.build());
        }

        /** What happens to messages no stub matches (default {@link Unmatched#IGNORE}). */
        public Builder unmatched(Unmatched policyForUnmatched) {
            this.unmatched = Objects.requireNonNull(policyForUnmatched, "unmatched");
            return this;
        }

        /** Java for what no stub can express; it gets the messages no stub matched. */
        public Builder behaviour(MockBehaviour newBehaviour) {
            this.behaviour = Objects.requireNonNull(newBehaviour, "behaviour");
            return this;
        }

        /**
         * Plays back a recorded session as the server side: each connection follows one recorded conversation
         * (the n-th connection on a path the n-th conversation recorded on it). The server's messages are sent as
         * soon as the client's message before them has arrived (its opening ones right after the 101); a client
         * message that is not the recording's next one is unmatched (and fails the test with
         * {@link Unmatched#FAIL}), and the playback waits for the expected one. Stubs still answer first. Timing
         * is not reproduced.
         *
         * <pre>{@code
         * MockWsServer.builder().replay(Recording.read(Path.of("recordings/prices.ws"))).unmatched(Unmatched.FAIL)
         * }</pre>
         */
        public Builder replay(Recording session) {
            this.recording = Objects.requireNonNull(session, "recording");
            return this;
        }

        /** Plays back the session recorded in this {@code .ws} file ({@link #replay(Recording)}). */
        public Builder replay(Path recordedFile) {
            return replay(Recording.read(recordedFile));
        }

        /**
         * Values stub texts may refer to by name ({@code ${TOKEN}}), after the mock's own names ({@code ${$.id}},
         * {@code ${message}}, {@code ${header.X}}, ...); a scenario passes its variables this way.
         */
        public Builder variables(Map<String, String> values) {
            variables.putAll(Objects.requireNonNull(values, "values"));
            return this;
        }

        /** All handshake rules at once (replacing those set so far). */
        public Builder handshake(HandshakeRules newRules) {
            this.rules = newRules.toBuilder();
            return this;
        }

        /** Refuse (with the rules' refusal, 401 by default) upgrades without this exact header value. */
        public Builder requireHeader(String headerName, String value) {
            rules.requireHeader(headerName, value);
            return this;
        }

        /** Refuse (with the rules' refusal, 401 by default) upgrades without this header. */
        public Builder requireHeader(String headerName) {
            rules.requireHeader(headerName);
            return this;
        }

        /** Subprotocols accepted: the first one the client offers that is listed here is chosen. */
        public Builder subprotocols(String... protocols) {
            rules.subprotocols(protocols);
            return this;
        }

        /** The connection policy for every connection (pings, pongs, closes, stalls, delays). */
        public Builder policy(ConnectionPolicy newPolicy) {
            this.policy = Objects.requireNonNull(newPolicy, "policy");
            return this;
        }

        /** The first {@code count} upgrade requests follow these rules, later ones the mock's own. */
        public Builder forNextConnections(int count, HandshakeRules first) {
            positive(count);
            nextRules.add(new Override<>(Objects.requireNonNull(first, "rules"), count));
            return this;
        }

        /** The first {@code count} connections follow this policy, later ones the mock's own. */
        public Builder forNextConnections(int count, ConnectionPolicy first) {
            positive(count);
            nextPolicies.add(new Override<>(Objects.requireNonNull(first, "policy"), count));
            return this;
        }

        /**
         * Serve {@code wss://} with {@link GeneratedCertificate#localhost()}, the JVM's certificate for
         * localhost and 127.0.0.1; clients trust it with {@link MockWsServer#trust()}.
         */
        public Builder tls() {
            return tls(GeneratedCertificate.localhost());
        }

        /** Serve {@code wss://} with this generated certificate. */
        public Builder tls(GeneratedCertificate cert) {
            this.certificate = Objects.requireNonNull(cert, "certificate");
            this.identity = cert.identity();
            this.tls = null;
            return this;
        }

        /** Serve {@code wss://} presenting this certificate and key; {@link MockWsServer#trust()} trusts exactly it. */
        public Builder tls(TlsIdentity serverIdentity) {
            this.identity = Objects.requireNonNull(serverIdentity, "identity");
            this.certificate = null;
            this.tls = null;
            return this;
        }

        /** Serve {@code wss://} with the test's own SSL context. */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            this.certificate = null;
            this.identity = null;
            return this;
        }

        /**
         * Mutual TLS: require a client certificate, trusting only {@link GeneratedCertificate#client()}
         * (clients get it through {@link MockWsServer#clientSslContext()}). Needs {@link #tls()}.
         */
        public Builder requireClientCertificate() {
            return requireClientCertificate(GeneratedCertificate.client().certificate());
        }

        /** Mutual TLS: require a client certificate, trusting exactly these. Needs a {@code tls(...)} call. */
        public Builder requireClientCertificate(X509Certificate... trusted) {
            if (trusted.length == 0) {
                throw new IllegalArgumentException("give at least one trusted client certificate");
            }
            this.clientCertificates = List.of(trusted);
            return this;
        }

        /** Redaction rules for everything the mock prints (default {@link Redactor#DEFAULT}). */
        public Builder redactor(Redactor newRedactor) {
            this.redactor = Objects.requireNonNull(newRedactor, "redactor");
            return this;
        }

        /** Starts the mock; it is listening when this returns. */
        public MockWsServer start() {
            if (clientCertificates != null && identity == null && tls == null) {
                throw new IllegalStateException("requireClientCertificate() needs TLS: add tls() to the builder");
            }
            return new MockWsServer(this);
        }
    }
}
