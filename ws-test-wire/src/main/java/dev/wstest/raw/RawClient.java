package dev.wstest.raw;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.DeflateOffer;
import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.FrameDecoder;
import dev.wstest.protocol.HandshakeRequest;
import dev.wstest.protocol.HandshakeResponse;
import dev.wstest.protocol.WsProtocolException;
import dev.wstest.protocol.WsUrl;
import dev.wstest.record.Direction;
import dev.wstest.record.Redactor;
import dev.wstest.tls.TlsIdentity;
import dev.wstest.tls.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apiguardian.api.API;

/**
 * A WebSocket client with no protocol logic of its own: it performs the opening handshake over a plain
 * {@link Socket} (or TLS), then sends whatever frames or bytes it is given and hands back whatever frames
 * arrive, legal or not. It never masks, answers pings or echoes a close by itself. This is the tool for
 * negative tests, where a compliant client library would refuse to misbehave.
 *
 * <p>Every read has a deadline; {@link #read(Duration)} tells a frame, a timeout and the end of the stream
 * apart, and {@link #awaitEof(Duration)} probes whether the server closed TCP. Everything sent and received
 * is kept in a {@linkplain #transcript() transcript}.
 *
 * <pre>{@code
 * try (RawClient c = RawClient.builder("ws://127.0.0.1:8080/echo").connect()) {
 *     c.send(Frame.text("hi").rsv(0b100).masked());           // RSV1 without an extension
 *     RawClient.Received r = c.read(Duration.ofSeconds(1));   // expect a close 1002
 * }
 * }</pre>
 *
 * Not thread-safe: use one thread per client.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RawClient implements AutoCloseable {

    /** What a {@link #read(Duration)} found. */
    public enum Outcome {
        /** A whole frame arrived. */
        FRAME,
        /** The server closed the TCP connection (or reset it). */
        EOF,
        /** Nothing complete arrived before the deadline. */
        TIMEOUT,
        /** The bytes received cannot be decoded as a frame; the stream is unusable. */
        UNDECODABLE
    }

    /**
     * The result of one read.
     *
     * @param outcome what happened
     * @param frame the frame for {@code FRAME}, else null
     * @param detail why, for {@code EOF} (e.g. "connection reset") and {@code UNDECODABLE}
     */
    public record Received(Outcome outcome, Frame frame, String detail) {
        public boolean isFrame() {
            return outcome == Outcome.FRAME;
        }
    }

    private final WsUrl url;
    private final Redactor redactor;
    private final HandshakeRequest request;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final HandshakeResponse response;
    private final DeflateParameters deflate;
    private final FrameDecoder decoder;
    private final long openedAt;
    private final List<WireEvent> transcript = new ArrayList<>();
    private final byte[] readBuf = new byte[64 * 1024];
    private boolean eof;
    private String eofDetail;
    private boolean closed;

    private RawClient(Builder b) throws IOException {
        this.url = b.url;
        this.redactor = b.redactor;
        Redactor shown = b.redactor;
        b.deflateOffers.forEach(o -> b.request.extensions(o.headerValue()));
        // protocol knows no redaction rules: the request shows itself through this client's redactor
        this.request = b.request.shownAs(r -> shown.scrub(r.format(shown::redactUrl, shown::redact))).build();
        b.redactor.noteUrl(url.toString());
        request.headers().forEach(h -> b.redactor.noteHeader(h.getKey(), h.getValue()));
        this.decoder = new FrameDecoder(b.maxPayload);
        long start = System.nanoTime();
        Socket s = url.isSecure() ? b.tls.sslContext(b.identity).getSocketFactory().createSocket() : new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(url.host(), url.port()), millis(b.connectTimeout));
            if (s instanceof SSLSocket) {
                SSLSocket ssl = (SSLSocket) s;
                SSLParameters params = ssl.getSSLParameters();
                ssl.setSSLParameters(b.tls.applyTo(params));
                ssl.setSoTimeout(millis(b.connectTimeout));
                try {
                    ssl.startHandshake();
                } catch (SSLException e) {
                    SSLHandshakeException clear = new SSLHandshakeException(b.tls.explainFailure(e, url.host()));
                    clear.initCause(e);
                    throw clear;
                }
            }
            this.socket = s;
            this.in = s.getInputStream();
            this.out = s.getOutputStream();
            out.write(request.toBytes());
            out.flush();
            s.setSoTimeout(millis(b.connectTimeout));
            HandshakeResponse r;
            try {
                r = HandshakeResponse.read(in);
            } catch (SocketTimeoutException e) {
                throw new WsProtocolException("no handshake response from " + b.redactor.redactUrl(url.toString())
                        + " within " + b.connectTimeout.toMillis() + " ms");
            }
            this.response = r;
            List<String> problems = new ArrayList<>(r.problems(request));
            DeflateParameters negotiated = null;
            if (problems.isEmpty() && !b.deflateOffers.isEmpty()) {
                try {
                    negotiated = DeflateParameters.fromResponse(b.deflateOffers,
                            r.header("Sec-WebSocket-Extensions").orElse(null)).orElse(null);
                } catch (WsProtocolException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new RawHandshakeException(b.redactor.redactUrl(url.toString()), r, problems);
            }
            this.deflate = negotiated;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.openedAt = System.nanoTime();
        Duration took = Duration.ofNanos(openedAt - start);
        transcript.add(new WireEvent(Direction.LOCAL, Duration.ZERO, null, "handshake " + b.redactor.redactUrl(url.toString())
                + " -> "
                + response.status() + " in " + took.toMillis() + " ms" + redactedHeaders(b.redactor)
                + response.header("Sec-WebSocket-Extensions").map(e -> ", extensions: " + e).orElse("")));
    }

    private String redactedHeaders(Redactor redactor) {
        if (request.headers().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        for (Map.Entry<String, String> h : request.headers()) {
            if (sb.length() > 2) {
                sb.append(", ");
            }
            sb.append(h.getKey()).append(": ").append(redactor.redact(h.getKey(), h.getValue()));
        }
        return sb.append(')').toString();
    }

    public static Builder builder(String url) {
        return new Builder(WsUrl.parse(url));
    }

    public static Builder builder(URI uri) {
        return new Builder(WsUrl.of(uri));
    }

    public static Builder builder(WsUrl url) {
        return new Builder(url);
    }

    /** Connects with default settings. */
    public static RawClient connect(String url) throws IOException {
        return builder(url).connect();
    }

    public WsUrl url() {
        return url;
    }

    public HandshakeRequest handshakeRequest() {
        return request;
    }

    public HandshakeResponse handshakeResponse() {
        return response;
    }

    /**
     * The permessage-deflate parameters the server accepted, if {@link Builder#permessageDeflate} offered
     * it and the server took the offer. The client itself still sends and receives frames as they are:
     * compress with {@link DeflateParameters#deflater} and set RSV1 yourself.
     */
    public Optional<DeflateParameters> deflate() {
        return Optional.ofNullable(deflate);
    }

    /** Sends one frame exactly as given (mask it yourself: {@code frame.masked()}). */
    public RawClient send(Frame frame) throws IOException {
        write(frame.toBytes());
        log(Direction.OUTBOUND, frame, frame.toString());
        return this;
    }

    /** Sends several frames in one write. */
    public RawClient send(Frame... frames) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (Frame f : frames) {
            all.writeBytes(f.toBytes());
        }
        write(all.toByteArray());
        for (Frame f : frames) {
            log(Direction.OUTBOUND, f, f.toString());
        }
        return this;
    }

    /**
     * Sends a frame in pieces of {@code chunk} bytes, flushing each, so the server sees the frame arrive in
     * parts (Autobahn's "chopped" sends).
     */
    public RawClient sendChopped(Frame frame, int chunk) throws IOException {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1 byte");
        }
        byte[] bytes = frame.toBytes();
        for (int i = 0; i < bytes.length; i += chunk) {
            out.write(bytes, i, Math.min(chunk, bytes.length - i));
            out.flush();
        }
        log(Direction.OUTBOUND, frame, frame + " (in pieces of " + chunk + " bytes)");
        return this;
    }

    /** Sends raw bytes, e.g. a truncated or garbage frame. */
    public RawClient sendRaw(byte[] bytes) throws IOException {
        write(bytes);
        log(Direction.OUTBOUND, null, "raw " + bytes.length + " bytes " + Frame.preview(-1, bytes));
        return this;
    }

    private void write(byte[] bytes) throws IOException {
        if (closed) {
            throw new IOException("the raw client is closed");
        }
        // A large write is done in slices, taking in what the server sends meanwhile: a server that echoes
        // frame by frame while we are still writing would otherwise fill both socket buffers and block
        // both sides.
        for (int off = 0; off < bytes.length; off += WRITE_SLICE) {
            out.write(bytes, off, Math.min(WRITE_SLICE, bytes.length - off));
            if (bytes.length > WRITE_SLICE) {
                drainAvailable();
            }
        }
        out.flush();
    }

    private static final int WRITE_SLICE = 64 * 1024;

    private void drainAvailable() {
        try {
            while (!eof) {
                int available = in.available();
                if (available <= 0) {
                    return;
                }
                int n = in.read(readBuf, 0, Math.min(available, readBuf.length));
                if (n < 0) {
                    markEof("TCP connection closed by the server");
                    return;
                }
                decoder.feed(readBuf, 0, n);
            }
        } catch (IOException e) {
            markEof("connection error: " + e.getMessage());
        }
    }

    /**
     * Reads the next frame, waiting at most {@code timeout}. Never throws for what the server does: a
     * timeout, the end of the stream and undecodable bytes are outcomes.
     */
    public Received read(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame f;
            try {
                f = decoder.next();
            } catch (WsProtocolException e) {
                log(Direction.LOCAL, null, "undecodable: " + e.getMessage());
                return new Received(Outcome.UNDECODABLE, null, e.getMessage());
            }
            if (f != null) {
                log(Direction.INBOUND, f, f.toString());
                return new Received(Outcome.FRAME, f, null);
            }
            if (eof) {
                return new Received(Outcome.EOF, null, eofDetail);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Received(Outcome.TIMEOUT, null, "nothing within " + timeout.toMillis() + " ms");
            }
            try {
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                int n = in.read(readBuf);
                if (n < 0) {
                    markEof("TCP connection closed by the server");
                } else {
                    decoder.feed(readBuf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // loop: the deadline check above ends the wait
            } catch (IOException e) {
                markEof(closed ? "closed locally" : "connection error: " + e.getMessage());
            }
        }
    }

    private void markEof(String detail) {
        if (!eof) {
            eof = true;
            eofDetail = detail;
            log(Direction.LOCAL, null, detail);
        }
    }

    /**
     * The EOF probe: reads (and records) whatever still arrives until the server closes TCP or the
     * deadline passes.
     *
     * @return whether the server closed the connection within {@code timeout}
     */
    public boolean awaitEof(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = read(Duration.ofNanos(Math.max(0, left)));
            if (r.outcome() == Outcome.EOF) {
                return true;
            }
            if (r.outcome() == Outcome.TIMEOUT || r.outcome() == Outcome.UNDECODABLE) {
                return false;
            }
        }
    }

    /** Whether the end of the stream has been seen. */
    public boolean isEof() {
        return eof;
    }

    /**
     * Half-closes: no more bytes will be sent (TCP FIN), reading still works.
     *
     * @throws IOException over TLS, where a half-close is not available
     */
    public void shutdownOutput() throws IOException {
        if (socket instanceof SSLSocket) {
            throw new IOException("a TLS connection cannot be half-closed; use close() instead");
        }
        if (!socket.isOutputShutdown()) {
            socket.shutdownOutput();
            log(Direction.LOCAL, null, "client shut down its output (TCP FIN)");
        }
    }

    /** Everything sent and received so far, in order. */
    public List<WireEvent> transcript() {
        return List.copyOf(transcript);
    }

    /** The transcript in the house frame-log format, one event per line, known secrets scrubbed. */
    public String formatTranscript() {
        StringBuilder sb = new StringBuilder();
        for (WireEvent e : transcript) {
            sb.append(e.line()).append('\n');
        }
        return redactor.scrub(sb.toString());
    }

    private void log(Direction direction, Frame frame, String description) {
        transcript.add(new WireEvent(direction, Duration.ofNanos(System.nanoTime() - openedAt), frame, description));
    }

    /** Closes the socket without a closing handshake. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /** Configures and opens a {@link RawClient}. */
    public static final class Builder {
        private final WsUrl url;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private long maxPayload = FrameDecoder.DEFAULT_MAX_PAYLOAD;
        private TlsTrust tls = TlsTrust.jdkDefault();
        private TlsIdentity identity;
        private Redactor redactor = Redactor.DEFAULT;
        private final HandshakeRequest.Builder request;
        private final List<DeflateOffer> deflateOffers = new ArrayList<>();

        private Builder(WsUrl url) {
            this.url = Objects.requireNonNull(url, "url");
            this.request = HandshakeRequest.builder(url);
        }

        /** Deadline for TCP connect, TLS and the handshake response together; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Largest payload a received frame may declare; default 64 MiB. */
        public Builder maxPayload(long bytes) {
            this.maxPayload = bytes;
            return this;
        }

        /** TLS context for wss://, host names verified: the same as {@code tls(TlsTrust.of(context))}. */
        public Builder sslContext(SSLContext context) {
            return tls(TlsTrust.of(context));
        }

        /**
         * TLS trust for wss://, the same modes as for {@code WsClient}, e.g. {@code TlsTrust.certificates(path)}
         * (default: {@link TlsTrust#jdkDefault()}, which verifies certificates and host names).
         */
        public Builder tls(TlsTrust trust) {
            this.tls = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** The certificate to present when a wss:// server asks for one (mutual TLS), as for {@code WsClient}. */
        public Builder clientCertificate(TlsIdentity newIdentity) {
            this.identity = Objects.requireNonNull(newIdentity, "identity");
            return this;
        }

        /** How header values are shown in the transcript; default {@link Redactor#DEFAULT}. */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** Subprotocols to offer, as {@link HandshakeRequest.Builder#subprotocols} (each must be one line). */
        public Builder subprotocols(String... protocols) {
            request.subprotocols(protocols);
            return this;
        }

        /** Extension offers sent as they are, as {@link HandshakeRequest.Builder#extensions}; the response is not
         * interpreted (see {@link #permessageDeflate}). */
        public Builder extensions(String... offers) {
            request.extensions(offers);
            return this;
        }

        /**
         * Offers permessage-deflate (RFC 7692), most preferred first, and checks the server's answer: the
         * handshake fails with {@link RawHandshakeException} if the response breaks RFC 7692 section 7,
         * and {@link RawClient#deflate()} tells what was negotiated.
         */
        public Builder permessageDeflate(DeflateOffer... offers) {
            deflateOffers.addAll(List.of(offers));
            return this;
        }

        /**
         * An extra handshake header, as {@link HandshakeRequest.Builder#header}: one named like a standard header
         * replaces it.
         *
         * @throws IllegalArgumentException for an empty or malformed name or a value that is not one line
         */
        public Builder header(String name, String value) {
            request.header(name, value);
            return this;
        }

        /**
         * Connects and performs the handshake.
         *
         * @throws IOException if the TCP or TLS connection fails
         * @throws RawHandshakeException if the server's answer is not an acceptable 101
         * @throws WsProtocolException if the answer is not HTTP or does not come in time
         */
        public RawClient connect() throws IOException {
            return new RawClient(this);
        }
    }
}
