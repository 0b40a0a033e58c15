package dev.wstest.mock;

import dev.wstest.mock.internal.ConnectionIo;
import dev.wstest.mock.internal.Templates;
import dev.wstest.protocol.ClosePayload;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLog;
import dev.wstest.record.WsEvent;
import dev.wstest.server.ServerHandshake;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Matcher;

/**
 * What the mock does on one connection: reads the recorder's new events, answers pings and closes as the
 * policy says, runs the stubs' actions. Confined to the connection's event loop: every method runs there.
 */
final class ConnectionDriver implements ConnectionIo.Listener {

    private final MockWsServer server;
    private final int id;
    private final ServerHandshake handshake;
    private final String subprotocol;
    private final ConnectionPolicy policy;
    private final Map<MockWsServer.Entry, Integer> uses = new IdentityHashMap<>();
    private final List<Future<?>> timers = new ArrayList<>();
    private ConnectionIo io;
    private MockConnection connection;
    private volatile long dispatched;
    private int messages;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean tcpClosed;
    private boolean failed;
    private Playback playback;

    ConnectionDriver(MockWsServer server, int id, ServerHandshake handshake, String subprotocol,
                     ConnectionPolicy policy) {
        this.server = server;
        this.id = id;
        this.handshake = handshake;
        this.subprotocol = subprotocol;
        this.policy = policy;
    }

    ConnectionDriver attach(ConnectionIo connectionIo) {
        this.io = connectionIo;
        return this;
    }

    void connection(MockConnection c) {
        this.connection = c;
    }

    ConnectionIo io() {
        return io;
    }

    String subprotocol() {
        return subprotocol;
    }

    /** Right after the 101: reading, pings, connect stubs, the behaviour's onOpen. */
    void start() {
        if (!policy.reading()) {
            io.reading(false);
        }
        if (policy.stalled()) {
            return;
        }
        if (policy.pingEvery() != null) {
            timers.add(io.every(policy.pingEvery(), () -> writeFrame(Frame.ping(policy.pingPayload()))));
        }
        for (MockWsServer.Entry e : server.entries()) {
            if (e.stub().trigger() instanceof Stub.Trigger.OnConnect && applies(e) && use(e)) {
                run(e, context(null, null));
            }
        }
        if (server.recording() != null) {
            playback = new Playback(server.recording(), server.conversationFor(handshake.path()), new Playback.Wire() {
                @Override
                public void message(int opcode, byte[] payload) {
                    sendMessage(opcode, payload, policy.delivery(), null);
                }

                @Override
                public void frame(Frame frame) {
                    writeFrame(frame);
                }
            });
            playback.start();
        }
        MockBehaviour b = server.behaviour();
        if (b != null) {
            guard("onOpen", () -> b.onOpen(connection));
        }
    }

    // ------------------------------------------------------------------------------------------------ inbound

    @Override
    public void inbound() {
        FrameLog log = io.recorder().log();
        while (dispatched < log.size()) {
            WsEvent e = log.get(dispatched + 1);
            if (e.isInbound()) {
                handle(e);
            }
            dispatched = e.seq();
        }
        if (io.recorder().isFailed() && !failed) {
            failConnection();
        }
        server.signal();
    }

    /**
     * The client broke RFC 6455 and the rules are strict: fail the connection as a strict server must (7.1.7),
     * with a close frame carrying the rule's code and the rule as its reason, then TCP closed. A stalled
     * connection stays silent (the recorder has stopped reading it all the same).
     */
    private void failConnection() {
        failed = true;
        if (policy.stalled() || tcpClosed) {
            return;
        }
        WsEvent.Violation violation = io.recorder().log().firstViolation().orElseThrow();
        if (!closeSent) {
            closeSent = true;
            io.write(Frame.close(violation.rule().closeCode(), violation.rule().toString()).toBytes());
        }
        io.closeTcp(false);
    }

    /** Whether every inbound event up to this sequence number has been acted on. */
    boolean dispatchedUpTo(long seq) {
        return dispatched >= seq;
    }

    private void handle(WsEvent e) {
        switch (e.type()) {
            case TEXT:
            case BINARY:
                messages++;
                if (!policy.stalled()) {
                    dispatch(e);
                }
                break;
            case PING:
                if (!policy.stalled() && policy.answerPings() && !closeSent) {
                    writeFrame(Frame.pong(e.payload()));
                }
                if (playback != null && !policy.stalled()) {
                    playback.ping();
                }
                break;
            case CLOSE:
                closeReceived = true;
                if (playback != null) {
                    playback.close();
                }
                if (closeSent) {
                    io.closeTcp(false); // the client answered our close: the server closes TCP first (7.1.1)
                } else if (!policy.stalled() && policy.answerClose()) {
                    byte[] payload = e.payload();
                    writeFrame(ClosePayload.decode(payload).problem().isEmpty() ? Frame.of(Opcode.CLOSE, payload)
                            : Frame.close(1002, "invalid close frame"));
                }
                break;
            default:
                break;
        }
    }

    private void dispatch(WsEvent message) {
        List<MockWsServer.Entry> compared = new ArrayList<>();
        for (MockWsServer.Entry e : server.entries()) {
            if (!(e.stub().trigger() instanceof Stub.Trigger.OnMessage on) || !applies(e)) {
                continue;
            }
            compared.add(e);
            if (usable(e) && e.matcher().matches(message)) {
                use(e);
                run(e, context(message, on.pattern()));
                afterMessages();
                return;
            }
        }
        if (playback != null) {
            playback.message(message, playbackExpected -> server.recordUnmatched(connection, message, compared,
                    playbackExpected));
            afterMessages();
            return;
        }
        MockBehaviour b = server.behaviour();
        if (b != null) {
            if (message.type() == EventType.TEXT) {
                guard("onText", () -> b.onText(connection, message.text()));
            } else {
                guard("onBinary", () -> b.onBinary(connection, message.payload()));
            }
        } else if (server.unmatched() == Unmatched.ECHO) {
            writeFrame(message.type() == EventType.TEXT ? Frame.of(Opcode.TEXT, message.payload())
                    : Frame.binary(message.payload()));
        } else {
            server.recordUnmatched(connection, message, compared);
        }
        afterMessages();
    }

    private void afterMessages() {
        for (MockWsServer.Entry e : server.entries()) {
            if (e.stub().trigger() instanceof Stub.Trigger.AfterMessages after && after.count() == messages
                    && applies(e) && use(e)) {
                run(e, context(null, null));
            }
        }
    }

    @Override
    public void closed() {
        tcpClosed = true;
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        server.connectionClosed();
        MockBehaviour b = server.behaviour();
        if (b != null) {
            guard("onClose", () -> b.onClose(connection));
        }
    }

    // ------------------------------------------------------------------------------------------------ stubs

    private boolean applies(MockWsServer.Entry e) {
        return e.stub().appliesTo(handshake.path(), subprotocol);
    }

    private boolean usable(MockWsServer.Entry e) {
        return e.stub().times() == 0 || uses.getOrDefault(e, 0) < e.stub().times();
    }

    private boolean use(MockWsServer.Entry e) {
        if (!usable(e)) {
            return false;
        }
        uses.merge(e, 1, Integer::sum);
        server.recordUse(e);
        return true;
    }

    private Templates.Context context(WsEvent message, MessagePattern pattern) {
        String text = message != null && message.type() == EventType.TEXT ? message.text() : null;
        Matcher groups = null;
        if (text != null && pattern instanceof MessagePattern.TextMatching m) {
            groups = m.pattern().matcher(text);
            groups = groups.matches() ? groups : null;
        }
        return new Templates.Context(handshake, id, text, groups, null, server.variables());
    }

    private void run(MockWsServer.Entry e, Templates.Context ctx) {
        String who = "stub [" + e.stub().name() + "]";
        if (policy.replyDelay().isZero()) {
            run(e.stub().actions(), 0, ctx, who);
        } else {
            timers.add(io.schedule(policy.replyDelay(), () -> run(e.stub().actions(), 0, ctx, who)));
        }
    }

    /** Actions the test asked for on this connection (texts are templates over the handshake). */
    void perform(List<Action> actions) {
        run(actions, 0, context(null, null), "the test");
    }

    private void run(List<Action> actions, int from, Templates.Context ctx, String who) {
        for (int i = from; i < actions.size(); i++) {
            if (tcpClosed || !io.isActive()) {
                return;
            }
            Action a = actions.get(i);
            int next = i + 1;
            Runnable rest = () -> run(actions, next, ctx, who);
            if (a instanceof Action.SendText t) {
                byte[] payload = render(t.template(), ctx, who);
                if (payload != null && sendMessage(Opcode.TEXT, payload, delivery(t.delivery()), rest)) {
                    return;
                }
            } else if (a instanceof Action.SendBinary b) {
                if (sendMessage(Opcode.BINARY, b.data(), delivery(b.delivery()), rest)) {
                    return;
                }
            } else if (a instanceof Action.SendEvery every) {
                repeat(every, ctx, who, every.count() == 0 ? null : rest);
                if (every.count() > 0) {
                    return;
                }
            } else if (a instanceof Action.SendPing p) {
                writeFrame(Frame.ping(p.payload()));
            } else if (a instanceof Action.SendFrames f) {
                f.frames().forEach(this::writeFrame);
            } else if (a instanceof Action.SendBytes b) {
                io.write(b.bytes());
            } else if (a instanceof Action.Pause p) {
                timers.add(io.schedule(p.duration(), rest));
                return;
            } else if (a instanceof Action.Close c) {
                writeFrame(Frame.close(c.code(), c.reason()));
            } else if (a instanceof Action.DropConnection d) {
                io.closeTcp(d.reset());
                return;
            } else if (a instanceof Action.HalfClose) {
                io.shutdownOutput();
            } else if (a instanceof Action.StopReading) {
                io.reading(false);
            } else if (a instanceof Action.ResumeReading) {
                io.reading(true);
            } else if (a instanceof Action.Sequence s) {
                List<Action> flat = new ArrayList<>(s.steps());
                flat.addAll(actions.subList(next, actions.size()));
                run(flat, 0, ctx, who);
                return;
            }
        }
    }

    private Delivery delivery(Delivery own) {
        return own.isWhole() && own.tcpChunkBytes() == 0 ? policy.delivery() : own;
    }

    private byte[] render(String template, Templates.Context ctx, String who) {
        try {
            return Templates.render(template, ctx).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            io.recorder().error(who + " sent nothing: " + e.getMessage());
            return null;
        }
    }

    private void repeat(Action.SendEvery every, Templates.Context ctx, String who, Runnable then) {
        int[] tick = {0};
        Future<?>[] timer = new Future<?>[1];
        timer[0] = io.every(every.period(), () -> {
            if (tcpClosed || !io.isActive()) {
                timer[0].cancel(false);
                return;
            }
            tick[0]++;
            Templates.Context now = new Templates.Context(ctx.handshake(), ctx.connection(), ctx.message(),
                    ctx.groups(), tick[0], ctx.variables());
            if (every.message() instanceof Action.SendText t) {
                byte[] payload = render(t.template(), now, who);
                if (payload != null) {
                    sendMessage(Opcode.TEXT, payload, delivery(t.delivery()), null);
                }
            } else if (every.message() instanceof Action.SendBinary b) {
                sendMessage(Opcode.BINARY, b.data(), delivery(b.delivery()), null);
            }
            if (every.count() > 0 && tick[0] >= every.count()) {
                timer[0].cancel(false);
                if (then != null) {
                    then.run();
                }
            }
        });
        timers.add(timer[0]);
    }

    /** Writes a message as the delivery says; returns true when it finishes later and then runs {@code then}. */
    private boolean sendMessage(int opcode, byte[] payload, Delivery d, Runnable then) {
        List<Frame> frames = frames(opcode, payload, d);
        if (d.tcpChunkBytes() == 0) {
            frames.forEach(this::writeFrame);
            return false;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        frames.forEach(f -> all.writeBytes(f.toBytes()));
        writeChunks(all.toByteArray(), 0, d, then);
        return true;
    }

    private void writeChunks(byte[] bytes, int from, Delivery d, Runnable then) {
        if (tcpClosed || !io.isActive()) {
            return;
        }
        int to = Math.min(bytes.length, from + d.tcpChunkBytes());
        io.write(Arrays.copyOfRange(bytes, from, to));
        if (to < bytes.length) {
            timers.add(io.schedule(d.chunkPause(), () -> writeChunks(bytes, to, d, then)));
        } else if (then != null) {
            then.run();
        }
    }

    static List<Frame> frames(int opcode, byte[] payload, Delivery d) {
        List<byte[]> parts = new ArrayList<>();
        if (d.frameBytes() > 0) {
            for (int at = 0; at < payload.length || parts.isEmpty(); at += d.frameBytes()) {
                parts.add(Arrays.copyOfRange(payload, at, Math.min(payload.length, at + d.frameBytes())));
            }
        } else {
            int n = d.fragments();
            for (int i = 0; i < n; i++) {
                parts.add(Arrays.copyOfRange(payload, payload.length * i / n, payload.length * (i + 1) / n));
            }
        }
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Frame f = Frame.of(i == 0 ? opcode : Opcode.CONTINUATION, parts.get(i)).fin(i == parts.size() - 1);
            frames.add(f);
            if (i == 0 && d.pingBetweenFragments() && parts.size() > 1) {
                frames.add(Frame.ping("between fragments".getBytes(StandardCharsets.UTF_8)));
            }
        }
        return frames;
    }

    /** Writes one frame; a close frame starts (or finishes) the closing handshake. */
    private void writeFrame(Frame f) {
        if (tcpClosed) {
            return;
        }
        io.write(f.toBytes());
        if (f.opcode() == Opcode.CLOSE && !closeSent) {
            closeSent = true;
            if (closeReceived) {
                io.closeTcp(false);
            } else {
                timers.add(io.schedule(policy.closeTimeout(), () -> io.closeTcp(false)));
            }
        }
    }

    private void guard(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            io.recorder().error("MockBehaviour." + callback + " threw " + e);
        }
    }
}
