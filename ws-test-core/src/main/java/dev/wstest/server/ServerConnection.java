package dev.wstest.server;

import dev.wstest.protocol.CloseCodes;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameRecorder;
import dev.wstest.tyrus.SendDeadline;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One connection an embedded server accepted: its handshake and everything that crossed it, recorded from
 * the server's side (INBOUND = sent by the client). Connections served by a {@link ServerBehaviour} can
 * also send; connections served by the user's own endpoint classes are recorded only.
 */
public final class ServerConnection implements RecordedServerConnection {

    private final WsServer server;
    private final int id;
    private final ServerHandshake handshake;
    private final FrameRecorder recorder;
    private volatile Session session;
    /** Set once the endpoint opened without a behaviour (the user's own endpoint): nothing to queue for. */
    private boolean recordOnly;
    /** Messages for a connection whose endpoint is still opening; guarded by this. */
    private final List<Action> queued = new ArrayList<>();
    private static final int MAX_QUEUED = 1000;
    /** How long a send may block on a client that stopped reading. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    ServerConnection(WsServer server, int id, ServerHandshake handshake, FrameRecorder recorder) {
        this.server = server;
        this.id = id;
        this.handshake = handshake;
        this.recorder = recorder;
    }

    /** The server that accepted this connection. */
    public WsServer server() {
        return server;
    }

    void attach(Session session) {
        synchronized (this) {
            this.session = session;
            List<Action> waiting = new ArrayList<>(queued);
            queued.clear();
            for (Action action : waiting) {
                send(action);
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

    /**
     * Sends now, or, while the endpoint is still opening, as soon as it has opened (for broadcasts that
     * reach a connection between its 101 and its onOpen).
     */
    void sendWhenOpen(Action action) {
        synchronized (this) {
            if (recordOnly) {
                return;
            }
            if (session == null) {
                if (queued.size() < MAX_QUEUED) {
                    queued.add(action);
                }
                return;
            }
        }
        send(action);
    }

    void sendTextWhenOpen(String text) {
        sendWhenOpen(s -> s.getBasicRemote().sendText(text));
    }

    void sendBinaryWhenOpen(byte[] data) {
        sendWhenOpen(s -> s.getBasicRemote().sendBinary(ByteBuffer.wrap(data.clone())));
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

    /** Starts the closing handshake from the server side. */
    public ServerConnection close(int code, String reason) {
        CloseCodes.checkSendable(code, reason);
        return send(s -> s.close(new CloseReason(() -> code, reason == null ? "" : reason)));
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
        synchronized (this) {
            try {
                if (!s.isOpen()) {
                    throw new IllegalStateException("server connection " + id + " (" + path() + ") is closed");
                }
                SendDeadline deadline = SendDeadline.start(SEND_TIMEOUT);
                try {
                    action.run(s);
                } finally {
                    if (deadline.expired()) {
                        throw new IllegalStateException("server connection " + id + " (" + path() + "): a send did"
                                + " not finish within " + SEND_TIMEOUT.toSeconds() + " s (is the client still"
                                + " reading?)");
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
