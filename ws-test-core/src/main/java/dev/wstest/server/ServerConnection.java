package dev.wstest.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.CloseCodes;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameRecorder;
import dev.wstest.tyrus.ClosingHandshake;
import dev.wstest.tyrus.SendDeadline;
import dev.wstest.tyrus.Timers;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * One connection an embedded server accepted: its handshake and everything that crossed it, recorded from
 * the server's side (INBOUND = sent by the client). Connections served by a {@link ServerBehaviour} can
 * also send; connections served by the user's own endpoint classes are recorded only.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ServerConnection implements RecordedServerConnection {

    private final WsServer server;
    private final int id;
    private final ServerHandshake handshake;
    private final FrameRecorder recorder;
    private final ClosingHandshake closing;
    private volatile Session session;
    /** Set once the endpoint opened without a behaviour (the user's own endpoint): nothing to queue for. */
    private boolean recordOnly;
    /** Broadcasts for a connection whose endpoint is still opening; guarded by this. */
    private final List<AsyncSend> queued = new ArrayList<>();
    private static final int MAX_QUEUED = 1000;
    /** Broadcasts handed to the transport and not yet written; above this the connection is dropped. */
    private static final int MAX_PENDING = 1000;
    /** How long a closing handshake the server started waits for the client's answer. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    /** The TCP connection under this WebSocket, to drop it when its client stopped reading (may be null). */
    private final org.glassfish.grizzly.Connection<?> transport;
    /** How long a send may take before the connection is dropped. */
    private final Duration sendTimeout;
    private final Object sendLock = new Object();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean dropped;

    ServerConnection(WsServer server, int id, ServerHandshake handshake, FrameRecorder recorder,
                     org.glassfish.grizzly.Connection<?> transport, Duration sendTimeout) {
        this.server = server;
        this.id = id;
        this.handshake = handshake;
        this.recorder = recorder;
        this.transport = transport;
        this.sendTimeout = sendTimeout;
        this.closing = new ClosingHandshake(recorder, CLOSE_WAIT);
    }

    ClosingHandshake closingHandshake() {
        return closing;
    }

    /** The server that accepted this connection. */
    public WsServer server() {
        return server;
    }

    void attach(Session session) {
        synchronized (this) {
            this.session = session;
            List<AsyncSend> waiting = new ArrayList<>(queued);
            queued.clear();
            for (AsyncSend send : waiting) {
                startAsync(send);
            }
        }
    }

    /** The endpoint has opened (called by the server after Tyrus's onOpen). */
    synchronized void opened() {
        if (session == null) {
            recordOnly = true;
            queued.clear();
        }
    }

    /** A send that does not block: it starts the write and reports completion to the handler. */
    private interface AsyncSend {
        void start(RemoteEndpoint.Async remote, SendHandler done);
    }

    /**
     * Sends a broadcast message without blocking the sender: now, or, while the endpoint is still opening, as
     * soon as it has opened (for broadcasts that reach a connection between its 101 and its onOpen). A client
     * that stops reading holds up nobody else; its connection is dropped once a send to it has waited longer
     * than the send timeout.
     */
    private void offer(AsyncSend send) {
        synchronized (this) {
            if (recordOnly || dropped) {
                return;
            }
            if (session == null) {
                if (queued.size() < MAX_QUEUED) {
                    queued.add(send);
                }
                return;
            }
        }
        startAsync(send);
    }

    private void startAsync(AsyncSend send) {
        Session s = session;
        if (dropped || s == null || !s.isOpen()) {
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            drop("more than " + MAX_PENDING + " messages were waiting to be sent to it (the client stopped reading?)");
            return;
        }
        AtomicBoolean finished = new AtomicBoolean();
        ScheduledFuture<?> timer = Timers.after(sendTimeout, () -> {
            if (!finished.get()) {
                drop(sendTimedOut());
            }
        });
        SendHandler done = result -> {
            if (finished.compareAndSet(false, true)) {
                timer.cancel(false);
                pending.decrementAndGet();
            }
        };
        try {
            send.start(s.getAsyncRemote(), done);
        } catch (RuntimeException closedMeanwhile) {
            done.onResult(new SendResult(closedMeanwhile));
        }
    }

    void broadcastText(String text) {
        offer((remote, done) -> remote.sendText(text, done));
    }

    void broadcastBinary(byte[] data) {
        byte[] copy = data.clone();
        offer((remote, done) -> remote.sendBinary(ByteBuffer.wrap(copy), done));
    }

    private String sendTimedOut() {
        return "a send did not complete within " + sendTimeout.toMillis() + " ms (the client stopped reading?);"
                + " its TCP connection is closed without a closing handshake";
    }

    /**
     * Gives up on the connection: its TCP connection is closed at once (Tyrus's own close would wait for the
     * unsent data to drain, which a client that stopped reading never lets happen), so the client sees 1006.
     */
    private void drop(String why) {
        synchronized (this) {
            if (dropped) {
                return;
            }
            dropped = true;
        }
        recorder.error("dropped by the server: " + why);
        if (transport != null) {
            transport.terminateSilently();
        } else {
            recorder.transportClosed();
        }
    }

    FrameRecorder recorder() {
        return recorder;
    }

    /** 1 for the server's first connection, 2 for the second, ... */
    @Override
    public int id() {
        return id;
    }

    @Override
    public ServerHandshake handshake() {
        return handshake;
    }

    /** Request path of this connection. */
    @Override
    public String path() {
        return handshake.path();
    }

    /** Everything this connection carried, from the server's side. */
    @Override
    public FrameLog log() {
        return recorder.log();
    }

    /** Whether the server can send on this connection (true when a {@link ServerBehaviour} serves it). */
    public boolean canSend() {
        return session != null;
    }

    public ServerConnection sendText(String text) {
        Objects.requireNonNull(text, "text");
        return send(s -> s.getBasicRemote().sendText(text));
    }

    /** Sends one text message split across frames, one frame per part. */
    public ServerConnection sendTextFragments(String... parts) {
        return send(s -> {
            for (int i = 0; i < parts.length; i++) {
                s.getBasicRemote().sendText(parts[i], i == parts.length - 1);
            }
        });
    }

    void sendTextPart(String part, boolean last) {
        send(s -> s.getBasicRemote().sendText(part, last));
    }

    void sendBinaryPart(byte[] part, boolean last) {
        send(s -> s.getBasicRemote().sendBinary(ByteBuffer.wrap(part), last));
    }

    public ServerConnection sendBinary(byte[] data) {
        Objects.requireNonNull(data, "data");
        return send(s -> s.getBasicRemote().sendBinary(ByteBuffer.wrap(data.clone())));
    }

    public ServerConnection sendPing(byte[] payload) {
        return send(s -> s.getBasicRemote().sendPing(ByteBuffer.wrap(payload.clone())));
    }

    /**
     * Starts the closing handshake from the server side. The TCP connection stays open until the client
     * answers with its close frame (or two seconds pass), so the log shows whether it did.
     */
    public ServerConnection close(int code, String reason) {
        CloseCodes.checkSendable(code, reason);
        return send(s -> {
            closing.expectAnswer();
            s.close(new CloseReason(() -> code, reason == null ? "" : reason));
        });
    }

    private interface Action {
        void run(Session s) throws IOException;
    }

    private ServerConnection send(Action action) {
        Session s = session;
        if (s == null) {
            throw new UnsupportedOperationException("connection " + id + " (" + path() + ") is served by your own"
                    + " endpoint class; send from the endpoint. Only connections served by a ServerBehaviour"
                    + " (echo, broadcast, custom) can be driven from the test.");
        }
        synchronized (sendLock) {
            try {
                if (!s.isOpen() || dropped) {
                    throw new IllegalStateException("server connection " + id + " (" + path() + ") is closed");
                }
                SendDeadline deadline = SendDeadline.start(sendTimeout);
                try {
                    action.run(s);
                } finally {
                    if (deadline.expired()) {
                        drop(sendTimedOut());
                        throw new IllegalStateException("server connection " + id + " (" + path() + "): "
                                + sendTimedOut());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("server connection " + id + " (" + path() + "): send failed: "
                        + e.getMessage(), e);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return "server connection " + id + " (" + path() + ", " + state() + ")";
    }
}
