package dev.wstest.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.client.internal.ClientManagers;
import dev.wstest.client.internal.ClientTap;
import dev.wstest.protocol.CloseCodes;
import dev.wstest.protocol.DeflateOffer;
import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.WsProtocolException;
import dev.wstest.protocol.HttpSyntax;
import dev.wstest.protocol.WsUrl;
import dev.wstest.record.CloseStatus;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.Headers;
import dev.wstest.record.LogLimits;
import dev.wstest.record.RecordedConnection;
import dev.wstest.record.Redactor;
import dev.wstest.record.Side;
import dev.wstest.record.WireRules;
import dev.wstest.tls.TlsIdentity;
import dev.wstest.tls.TlsTrust;
import dev.wstest.tyrus.ClosingHandshake;
import dev.wstest.tyrus.DeflateExtension;
import dev.wstest.tyrus.SendDeadline;
import dev.wstest.tyrus.TyrusHeaders;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apiguardian.api.API;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A WebSocket client for tests that records everything: the handshake, and every frame in both directions
 * from the moment the connection opens, with direction, time and size (see {@link #log()}). Nothing that
 * arrives before a test looks is lost, and inbound pings are recorded although the Jakarta API hides them.
 *
 * <pre>{@code
 * try (WsClient client = WsClient.connect(server.uri("/chat"))) {
 *     client.sendText("hello");
 *     assertThat(client).receivesText("hello");
 * }
 * }</pre>
 *
 * <p>Connecting returns an open client or throws {@link WsConnectException} (refused connection, unknown
 * host, timeout, TLS failure) or {@link WsHandshakeException} (the server answered with an HTTP status
 * other than 101; it carries the status and headers).
 *
 * <p>Clients are cheap: all share one Grizzly transport (a handful of threads, whatever the number of
 * connections). A client is thread-safe; sends are serialised so a fragmented message is never interleaved.
 * {@link #close()} is idempotent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WsClient implements RecordedConnection, AutoCloseable {

    /** Connect timeout unless configured: long enough for a loaded CI machine, short enough to fail fast. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long expectations wait unless told otherwise. */
    public static final Duration DEFAULT_EXPECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long a send may block (a peer that stops reading fills the TCP buffers) before it fails. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(10);
    /** The largest message a client accepts unless told otherwise: 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** How long {@link #close()} waits for the server to answer the close frame. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** How long after the connect timeout a connect still blocked in Tyrus is interrupted. */
    private static final Duration CONNECT_GRACE = Duration.ofMillis(250);

    private final String name;
    private final URI uri;
    private final Handshake handshake;
    private final FrameRecorder recorder;
    private final ClosingHandshake closing;
    private final Session session;
    private final Duration defaultTimeout;
    private final Duration sendTimeout;
    private final Redactor redactor;
    private final ExpectationCursor cursor = new ExpectationCursor();
    private final ReentrantLock sendLock = new ReentrantLock();

    private WsClient(String name, URI uri, Handshake handshake, FrameRecorder recorder, ClosingHandshake closing,
                     Session session, Duration defaultTimeout, Duration sendTimeout, Redactor redactor) {
        this.closing = closing;
        this.sendTimeout = sendTimeout;
        this.name = name;
        this.uri = uri;
        this.handshake = handshake;
        this.recorder = recorder;
        this.session = session;
        this.defaultTimeout = defaultTimeout;
        this.redactor = redactor;
    }

    /** Connects with default options. */
    public static WsClient connect(URI uri) {
        return builder(uri).connect();
    }

    /** Connects with default options. */
    public static WsClient connect(String url) {
        return builder(url).connect();
    }

    /** Options for a connection; finish with {@link Builder#connect()}. */
    public static Builder builder(URI uri) {
        return new Builder(Objects.requireNonNull(uri, "uri"));
    }

    /** Options for a connection; finish with {@link Builder#connect()}. */
    public static Builder builder(String url) {
        return new Builder(parse(url));
    }

    private static URI parse(String url) {
        try {
            return new URI(Objects.requireNonNull(url, "url"));
        } catch (URISyntaxException e) {
            throw new WsConnectException(WsConnectException.Reason.INVALID_URI, "client", null,
                    "\"" + url + "\" is not a valid URL: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- state

    /** The name used in messages (given, or "client-N"). */
    public String name() {
        return name;
    }

    public URI uri() {
        return uri;
    }

    /** The handshake as it happened. */
    public Handshake handshake() {
        return handshake;
    }

    /** Everything sent and received since the handshake, in order. */
    @Override
    public FrameLog log() {
        return recorder.log();
    }

    /** The subprotocol the server chose, if any. */
    public Optional<String> subprotocol() {
        return handshake.subprotocol();
    }

    /** How long expectations on this client wait unless told otherwise. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** The redaction rules for this client's logs and messages. */
    public Redactor redactor() {
        return redactor;
    }

    /** Whether this client records the server's protocol violations without failing the connection. */
    public boolean isLenient() {
        return recorder.rules().lenient();
    }

    /** Where the next expectation on this client starts looking (used by the assertions). */
    public ExpectationCursor cursor() {
        return cursor;
    }

    /** A one-line description: name, URL and state. */
    public String describe() {
        return "client \"" + name + "\" (" + redactor.redactUrl(uri.toString()) + ", " + state() + ")";
    }

    /** The frame log in the house format, with the closing state line; known secrets scrubbed. */
    public String formatLog() {
        return redactor.scrub(FrameLogFormat.format(log(), redactor, null));
    }

    @Override
    public String toString() {
        return describe();
    }

    // ---------------------------------------------------------------------------------------------- sending

    /** Sends a text message in one frame. */
    public WsClient sendText(String text) {
        Objects.requireNonNull(text, "text");
        return send("text message", remote -> remote.sendText(text));
    }

    /** Sends a binary message in one frame. */
    public WsClient sendBinary(byte[] data) {
        Objects.requireNonNull(data, "data");
        return send("binary message", remote -> remote.sendBinary(ByteBuffer.wrap(data.clone())));
    }

    /** Sends a text message as consecutive frames, one per part (the first a TEXT frame, the rest continuations). */
    public WsClient sendTextFragments(List<String> parts) {
        requireParts(parts);
        return send("fragmented text message", remote -> {
            for (int i = 0; i < parts.size(); i++) {
                remote.sendText(parts.get(i), i == parts.size() - 1);
            }
        });
    }

    /** Sends a text message as consecutive frames, one per part. */
    public WsClient sendTextFragments(String... parts) {
        return sendTextFragments(Arrays.asList(parts));
    }

    /**
     * Sends a text message split into {@code frames} frames of about equal length (split between
     * characters, never inside a surrogate pair).
     */
    public WsClient sendTextInFrames(String text, int frames) {
        return sendTextFragments(split(text, frames));
    }

    /** Sends a binary message as consecutive frames, one per part. */
    public WsClient sendBinaryFragments(List<byte[]> parts) {
        requireParts(parts);
        return send("fragmented binary message", remote -> {
            for (int i = 0; i < parts.size(); i++) {
                remote.sendBinary(ByteBuffer.wrap(parts.get(i).clone()), i == parts.size() - 1);
            }
        });
    }

    /** Sends a binary message as consecutive frames, one per part. */
    public WsClient sendBinaryFragments(byte[]... parts) {
        return sendBinaryFragments(Arrays.asList(parts));
    }

    /** Sends an empty ping. */
    public WsClient sendPing() {
        return sendPing(new byte[0]);
    }

    /** Sends a ping with a payload of at most 125 bytes. */
    public WsClient sendPing(byte[] payload) {
        checkControlPayload(payload, "ping");
        return send("ping", remote -> remote.sendPing(ByteBuffer.wrap(payload.clone())));
    }

    /** Sends a ping whose payload is the UTF-8 of the text. */
    public WsClient sendPing(String payload) {
        return sendPing(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends an unsolicited pong (a heartbeat) with a payload of at most 125 bytes. */
    public WsClient sendPong(byte[] payload) {
        checkControlPayload(payload, "pong");
        return send("pong", remote -> {
            recorder.expectRequestedPong();
            remote.sendPong(ByteBuffer.wrap(payload.clone()));
        });
    }

    /**
     * Starts the closing handshake with this code and reason and returns without waiting; assert on the
     * outcome with {@code assertThat(client).isClosed()}. Does nothing if a close frame was already sent or
     * received.
     *
     * @throws IllegalArgumentException      for a code that may not be sent (1004-1006, 1015, below 1000,
     *                                       1016-2999, above 4999) or a reason longer than 123 bytes of UTF-8
     * @throws UnsupportedOperationException for 1012 and 1013, which Tyrus's client silently replaces with 1000
     */
    public WsClient close(int code, String reason) {
        CloseCodes.checkSendable(code, reason);
        if (code == CloseCodes.SERVICE_RESTART || code == CloseCodes.TRY_AGAIN_LATER) {
            throw new UnsupportedOperationException("close code " + code + " (" + CloseCodes.name(code) + ") cannot"
                    + " be sent by this client: Tyrus's client replaces it with 1000 on the wire. These codes are"
                    + " normally sent by servers; to test how a server handles them from a client, use a raw"
                    + " connection that writes the frame itself.");
        }
        if (state() != ConnectionState.OPEN) {
            return this;
        }
        sendLock.lock();
        try {
            if (session.isOpen() && state() == ConnectionState.OPEN) {
                closing.expectAnswer();
                session.close(new CloseReason(() -> code, reason == null ? "" : reason));
            }
        } catch (IOException | IllegalStateException e) {
            recorder.error("close failed: " + e);
        } finally {
            sendLock.unlock();
        }
        return this;
    }

    /**
     * Closes the connection: sends close 1000 if it is still open, waits up to two seconds for the
     * closing handshake to finish and releases the connection. Idempotent; never throws.
     */
    @Override
    public void close() {
        try {
            if (state() == ConnectionState.OPEN) {
                close(CloseCodes.NORMAL_CLOSURE, "");
            }
            // the transport itself waits CLOSE_WAIT for the server's answer; this wait covers that and a margin
            log().awaitUntil(recorder::isDisconnected, CLOSE_WAIT.plusMillis(500));
        } finally {
            if (!recorder.isDisconnected()) {
                recorder.disconnected(CloseStatus.ABNORMAL_CLOSURE,
                        "closed by the test after the peer did not finish the closing handshake within "
                                + CLOSE_WAIT.toMillis() + " ms");
            }
        }
    }

    private interface Sender {
        void send(RemoteEndpoint.Basic remote) throws IOException;
    }

    private WsClient send(String what, Sender sender) {
        boolean locked;
        try {
            locked = sendLock.tryLock(sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send " + what + " on " + describe(), e);
        }
        if (!locked) {
            throw sendTimedOut(what, "another send on this client has been blocked for longer");
        }
        try {
            if (!session.isOpen() || state() == ConnectionState.CLOSED) {
                throw new IllegalStateException(redactor.scrub("cannot send " + what + ": " + describe()
                        + " is not open. " + FrameLogFormat.stateLine(log())));
            }
            SendDeadline deadline = SendDeadline.start(sendTimeout);
            try {
                sender.send(session.getBasicRemote());
            } finally {
                if (deadline.expired()) {
                    throw sendTimedOut(what, "the write did not complete");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(redactor.scrub("sending " + what + " on " + describe() + " failed: "
                    + e.getMessage()), dev.wstest.record.Secrets.scrubbed(e));
        } finally {
            sendLock.unlock();
        }
        return this;
    }

    private IllegalStateException sendTimedOut(String what, String why) {
        return new IllegalStateException(redactor.scrub("sending " + what + " on " + describe() + " did not finish"
                + " within the send timeout of " + sendTimeout.toMillis() + " ms: " + why + " (is the peer still"
                + " reading?).\nFrames since connect (ms after handshake):\n" + formatLog()));
    }

    private static void checkControlPayload(byte[] payload, String what) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > 125) {
            throw new IllegalArgumentException(what + " payload is " + payload.length
                    + " bytes; control frames carry at most 125 (RFC 6455 section 5.5)");
        }
    }

    private static void requireParts(List<?> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("a fragmented message needs at least one part");
        }
    }

    static List<String> split(String text, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, was " + frames);
        }
        int[] cps = text.codePoints().toArray();
        List<String> parts = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            int from = (int) ((long) cps.length * i / frames);
            int to = (int) ((long) cps.length * (i + 1) / frames);
            parts.add(new String(cps, from, to - from));
        }
        return parts;
    }

    // ---------------------------------------------------------------------------------------------- connecting

    /** Connection options. Each setter returns this builder; {@link #connect()} opens the connection. */
    public static final class Builder {
        private final URI uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final List<String> subprotocols = new ArrayList<>();
        private final List<String> extensions = new ArrayList<>();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration defaultTimeout = DEFAULT_EXPECT_TIMEOUT;
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
        private TlsTrust tls = TlsTrust.jdkDefault();
        private TlsIdentity identity;
        private String name;
        private Redactor redactor = Redactor.DEFAULT;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private boolean lenient;
        private LogLimits logLimits = LogLimits.DEFAULT;
        private DeflateOffer deflate;

        private Builder(URI uri) {
            this.uri = uri;
        }

        /**
         * Adds a request header (repeatable; several values for one name are sent as one line, joined with
         * ", ", which is how HTTP combines list values). The name must be a token and the value one line of text: a
         * value with CR or LF, which would inject a header line of its own, is refused here.
         *
         * @throws IllegalArgumentException for an empty or malformed name or a value that is not one line
         */
        public Builder header(String name, String value) {
            HttpSyntax.checkHeaderName(name);
            HttpSyntax.checkHeaderValue(name, value);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        /** Adds request headers. */
        public Builder headers(Map<String, String> more) {
            more.forEach(this::header);
            return this;
        }

        /**
         * Subprotocols to offer, in order of preference.
         *
         * @throws IllegalArgumentException for a name that is not a token (e.g. with a space or a comma)
         */
        public Builder subprotocols(String... protocols) {
            for (String p : protocols) {
                subprotocols.add(HttpSyntax.checkToken("subprotocol", p));
            }
            return this;
        }

        /**
         * Extensions to offer, by name only (to see how a server answers an offer): ws-test does not implement
         * them, so a server that accepts one must not use it. permessage-deflate is implemented: use
         * {@link #permessageDeflate()}.
         *
         * @throws IllegalArgumentException for a name that is not a token, or for {@code permessage-deflate},
         *                                  whose compressed frames this client would otherwise fail as invalid
         */
        public Builder extensions(String... names) {
            for (String n : names) {
                String name = HttpSyntax.checkToken("extension", n);
                if (name.equalsIgnoreCase("permessage-deflate")) {
                    throw new IllegalArgumentException("extensions(\"permessage-deflate\") would offer compression"
                            + " this client then could not read; use permessageDeflate() (or permessageDeflate("
                            + "DeflateOffer)), which implements RFC 7692");
                }
                extensions.add(name);
            }
            return this;
        }

        /**
         * Offers permessage-deflate (RFC 7692) as browsers do, {@code permessage-deflate;
         * client_max_window_bits}, and compresses every message once the server accepts it. The frame log
         * shows messages decompressed, marked RSV1 with their size on the wire; the server's compressed
         * frames are checked after inflating. A server that declines leaves the connection uncompressed;
         * {@code assertThat(client).hasExtension("permessage-deflate")} tells which it was.
         */
        public Builder permessageDeflate() {
            return permessageDeflate(DeflateOffer.standard());
        }

        /**
         * Offers permessage-deflate with these parameters, e.g.
         * {@code DeflateOffer.standard().withServerNoContextTakeover().withClientMaxWindowBits(10)}. The client
         * honours what the server answers (a context reset, a smaller window) and fails the connection, naming
         * the RFC 7692 rule, on an answer that does not fit the offer.
         */
        public Builder permessageDeflate(DeflateOffer offer) {
            this.deflate = Objects.requireNonNull(offer, "offer");
            return this;
        }

        /** Time allowed for TCP connect, TLS and the upgrade handshake together (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout, "connectTimeout");
            return this;
        }

        /** How long expectations on this client wait unless told otherwise (default 2 s). */
        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = requirePositive(timeout, "defaultTimeout");
            return this;
        }

        /** How long one send may block before it fails, e.g. when the peer stopped reading (default 10 s). */
        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = requirePositive(timeout, "sendTimeout");
            return this;
        }

        /** Which server certificates to accept for wss:// (default: the JDK's trust store). */
        public Builder tls(TlsTrust trust) {
            this.tls = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * The certificate to present when a wss:// server asks for one (mutual TLS). Without it, a server that
         * requires a client certificate refuses the TLS handshake.
         *
         * <pre>{@code
         * WsClient.builder(mock.uri("/")).tls(mock.trust())
         *         .clientCertificate(GeneratedCertificate.client().identity()).connect();
         * }</pre>
         */
        public Builder clientCertificate(TlsIdentity clientIdentity) {
            this.identity = Objects.requireNonNull(clientIdentity, "identity");
            return this;
        }

        /** The name used in failure messages and logs (default "client-N"). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Redaction rules for logs and failure messages (default {@link Redactor#DEFAULT}). */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /**
         * The largest message (all frames of it together) the client accepts, default 4 MiB. A bigger one is
         * refused before it is buffered: the client closes the connection with 1009 (message too big) and the
         * log says why.
         */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxMessageBytes must be positive, was " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * Watch a server that breaks RFC 6455 without failing the connection: its violations are still
         * recorded and shown (as VIOLATION events, never as messages), but the client does not close with
         * 1002/1007; the frames go on to Tyrus, which does whatever it does with them. The default is
         * strict: the first violation fails the connection as RFC 6455 requires.
         */
        public Builder lenient() {
            this.lenient = true;
            return this;
        }

        /**
         * How much of a long conversation the frame log keeps (default {@link LogLimits#DEFAULT}: the first
         * 1,000 and the last 10,000 events, 16 MiB of payload); {@link LogLimits#keepAll()} keeps everything.
         */
        public Builder logLimits(LogLimits limits) {
            this.logLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        Redactor redactorForMessages() {
            return redactor;
        }

        TlsTrust tlsTrust() {
            return tls;
        }

        long connectTimeoutMillis() {
            return connectTimeout.toMillis();
        }

        private static Duration requirePositive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }

        /**
         * Opens the connection.
         *
         * @throws WsHandshakeException when the server answers with a status other than 101
         * @throws WsConnectException   for every other failure, with a {@link WsConnectException.Reason}
         */
        public WsClient connect() {
            String clientName = name != null ? name : "client-" + COUNTER.incrementAndGet();
            Connector connector = new Connector(this, clientName);
            return connector.connect();
        }
    }

    /** One connection attempt: collects what the tap reports and turns failures into clear exceptions. */
    private static final class Connector implements ClientTap {
        private final Builder options;
        private final String clientName;
        private volatile Map<String, List<String>> requestHeaders = Map.of();
        private volatile int status = -1;
        private volatile String reasonPhrase;
        private volatile Map<String, List<String>> responseHeaders = Map.of();
        private volatile FrameRecorder recorder;
        private volatile ClosingHandshake closing;
        private volatile Runnable abandon;
        private final DeflateExtension deflate;

        Connector(Builder options, String clientName) {
            this.options = options;
            this.clientName = clientName;
            this.deflate = options.deflate == null ? null : DeflateExtension.offering(options.deflate);
        }

        @Override
        public void connecting(Runnable abandon) {
            this.abandon = abandon;
        }

        @Override
        public void requestPrepared(String requestUri, Map<String, List<String>> headers) {
            requestHeaders = TyrusHeaders.asSent(headers);
        }

        @Override
        public void responseReceived(int status, String reasonPhrase, Map<String, List<String>> headers) {
            this.status = status;
            this.reasonPhrase = reasonPhrase;
            this.responseHeaders = TyrusHeaders.asSent(headers);
        }

        @Override
        public FrameRecorder upgraded() {
            List<String> extensions = extensionsAnswered();
            WireRules rules = (options.lenient ? WireRules.LENIENT : WireRules.STRICT)
                    .allowingRsv(WireRules.rsvOf(extensions)).limitingMessagesTo(options.maxMessageBytes);
            FrameRecorder r = new FrameRecorder(Side.CLIENT, null, options.logLimits, rules,
                    negotiatedDeflate(extensions));
            closing = new ClosingHandshake(r, CLOSE_WAIT);
            recorder = r;
            return r;
        }

        @Override
        public String refusal() {
            if (deflate == null) {
                return null;
            }
            try {
                List<String> answered = extensionsAnswered();
                deflate.parametersFor(answered.isEmpty() ? null : String.join(", ", answered));
                return null;
            } catch (WsProtocolException refused) {
                return refused.getMessage();
            }
        }

        /** The values of the response's {@code Sec-WebSocket-Extensions} headers. */
        private List<String> extensionsAnswered() {
            List<String> values = new ArrayList<>();
            responseHeaders.forEach((k, v) -> {
                if (k != null && k.equalsIgnoreCase("Sec-WebSocket-Extensions")) {
                    values.addAll(v);
                }
            });
            return values;
        }

        /** What the server's answer sets up for the offer, or null (an answer to refuse never gets here). */
        private DeflateParameters negotiatedDeflate(List<String> extensionsHeaderValues) {
            if (deflate == null || extensionsHeaderValues.isEmpty()) {
                return null;
            }
            try {
                return deflate.parametersFor(String.join(", ", extensionsHeaderValues)).orElse(null);
            } catch (WsProtocolException refused) {
                return null;
            }
        }

        @Override
        public ClosingHandshake closingHandshake() {
            return closing;
        }

        @Override
        public void transportClosed() {
            FrameRecorder r = recorder;
            if (r != null) {
                r.transportClosed();
            }
        }

        private Handshake handshake() {
            return new Handshake(options.uri, Headers.of(requestHeaders), status, reasonPhrase,
                    Headers.of(responseHeaders), options.redactor);
        }

        WsClient connect() {
            URI uri = options.uri;
            // known as secrets from now on, so that no output of this run shows them (Redactor.scrub)
            options.redactor.noteUrl(uri.toString());
            options.headers.forEach((name, values) -> values.forEach(v -> options.redactor.noteHeader(name, v)));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new WsConnectException(WsConnectException.Reason.INVALID_URI, clientName, uri,
                        "Cannot connect client \"" + clientName + "\" to " + uri
                                + ": only ws:// and wss:// URLs can be opened", null);
            }
            if (uri.getHost() == null) {
                throw new WsConnectException(WsConnectException.Reason.INVALID_URI, clientName, uri,
                        "Cannot connect client \"" + clientName + "\" to " + uri + ": the URL has no host", null);
            }
            try {
                WsUrl.of(uri); // the one rule for what a WebSocket URL may be (e.g. no #fragment, RFC 6455 §3)
            } catch (IllegalArgumentException notAWebSocketUrl) {
                throw new WsConnectException(WsConnectException.Reason.INVALID_URI, clientName, uri,
                        "Cannot connect client \"" + clientName + "\" to " + uri + ": " + notAWebSocketUrl.getMessage(),
                        null);
            }
            boolean secure = scheme.equals("wss");
            ClientManager manager = ClientManagers.get(options.connectTimeout, options.maxMessageBytes,
                    secure ? options.tls : null, options.identity);

            List<Extension> extensions = new ArrayList<>();
            for (String ext : options.extensions) {
                extensions.add(new NamedExtension(ext));
            }
            if (deflate != null) {
                extensions.add(deflate);
            }
            Map<String, List<String>> extraHeaders = options.headers;
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .preferredSubprotocols(List.copyOf(options.subprotocols))
                    .extensions(extensions)
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void beforeRequest(Map<String, List<String>> headers) {
                            extraHeaders.forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
                        }
                    })
                    .build();
            config.getUserProperties().put(ClientTap.USER_PROPERTY, this);

            RecordingEndpoint endpoint = new RecordingEndpoint(this);
            Session session;
            // Tyrus enforces the handshake timeout only once the TLS handshake is done: it waits up to 30 s for
            // a TLS handshake that stalls. The deadline interrupts that wait a moment after our timeout.
            SendDeadline deadline = SendDeadline.start(options.connectTimeout.plus(CONNECT_GRACE));
            try {
                session = manager.connectToServer(endpoint, config, uri);
            } catch (DeploymentException | IOException | RuntimeException e) {
                boolean overran = deadline.expired();
                Runnable a = abandon;
                if (a != null) {
                    a.run(); // Tyrus leaves the socket of a timed-out attempt open on a shared transport
                }
                throw ConnectFailures.translate(e, clientName, uri, options, status > 0 ? handshake() : null,
                        overran);
            } finally {
                deadline.expired();
            }
            FrameRecorder r = recorder;
            if (r == null) { // cannot happen with the tapping container; fail loudly rather than record nothing
                throw new IllegalStateException("ws-test: the connection was not tapped; is another Tyrus client"
                        + " container forced by configuration?");
            }
            WsClient client = new WsClient(clientName, uri, handshake(), r, closing, session, options.defaultTimeout,
                    options.sendTimeout, options.redactor);
            // The session keeps this connector (as the tap, and through the endpoint) as long as it lives; the
            // handshake is in the client now, so the raw header copies need not live as long.
            requestHeaders = Map.of();
            responseHeaders = Map.of();
            return client;
        }
    }

    /** The Jakarta endpoint: Tyrus needs handlers; recording happens below Tyrus, in the tap. */
    private static final class RecordingEndpoint extends Endpoint {
        private final Connector connector;

        RecordingEndpoint(Connector connector) {
            this.connector = connector;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> { });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> { });
            session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> { });
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            FrameRecorder r = connector.recorder;
            // Tyrus reports the session closed before it writes its answer to a close frame, and before the
            // TCP connection goes; once a close frame was exchanged, the TCP close is what ends the connection.
            if (r != null && r.log().state() == ConnectionState.OPEN) {
                r.sessionClosed(closeReason.getCloseCode().getCode(), closeReason.getReasonPhrase());
            }
        }

        @Override
        public void onError(Session session, Throwable thr) {
            FrameRecorder r = connector.recorder;
            if (r != null) {
                r.error(thr.getClass().getSimpleName() + ": " + thr.getMessage());
            }
        }
    }

    private static final class NamedExtension implements Extension {
        private final String name;

        NamedExtension(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public List<Parameter> getParameters() {
            return List.of();
        }
    }
}
