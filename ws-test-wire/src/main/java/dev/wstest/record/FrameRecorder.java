package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.CloseCodes;
import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.Frame;
import dev.wstest.protocol.FrameHeader;
import dev.wstest.protocol.FrameReader;
import dev.wstest.protocol.Opcode;
import dev.wstest.protocol.PerMessageInflater;
import dev.wstest.protocol.Utf8Validator;
import dev.wstest.protocol.WsProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * The write side of a {@link FrameLog}: fed the raw bytes of a connection after its handshake, it decodes
 * frames, reassembles fragmented messages and records every event with its direction and time.
 *
 * <p>ws-test's client and embedded servers tap the transport underneath Tyrus and feed it here, which is
 * how the log sees what the Jakarta WebSocket API hides: inbound pings, fragment boundaries and the frames
 * the stack sends on its own (pong replies, close echoes).
 *
 * <p>The peer's frames are checked against RFC 6455 as they arrive ({@link ProtocolRule}): one that
 * breaks a rule is recorded as a {@link WsEvent.Violation}. Under strict {@link WireRules} the recorder
 * stops reading the peer at the first violation, and {@link #inbound} tells the caller which bytes came
 * before it, so that the violating frame never reaches the WebSocket stack.
 *
 * <p>The same stop, whatever the rules' leniency, refuses a message over the rules'
 * {@linkplain WireRules#maxMessageBytes() size limit}: at the frame header that goes over it, before its
 * payload is buffered, with one ERROR event that says so. {@link #stop()} tells the caller which close
 * code to fail the connection with, and why.
 *
 * <p>On a connection with permessage-deflate (RFC 7692) the recorder inflates compressed messages in both
 * directions with the negotiated parameters, and records them decompressed, marked
 * {@linkplain WsEvent#isCompressed() compressed}, with their frames' sizes on the wire. The peer's compressed
 * messages are checked after inflating (UTF-8 of text), and two rules of RFC 7692 join RFC 6455's: RSV1
 * only on the first frame of a data message, and compressed data that inflates. A sender that ignores a
 * negotiated {@code *_no_context_takeover} shows up here too: its back-references into an earlier message
 * do not inflate.
 *
 * <p>Inbound and outbound bytes may be fed from different threads; each direction must be fed in order.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FrameRecorder {

    private static final byte[] EMPTY = new byte[0];
    /** The RSV bit permessage-deflate uses (the "Per-Message Compressed" bit). */
    private static final int RSV1 = 0b100;

    private final FrameLog log;
    private final WireRules rules;
    private final DeflateParameters deflate;
    private final Object outboundLock = new Object();
    private final DirectionState in;
    private final DirectionState out;
    private final AtomicInteger requestedPongs = new AtomicInteger();
    private volatile boolean closeReceived;
    private volatile boolean disconnected;
    private volatile boolean transportGone;
    private volatile Stop stop;

    /**
     * Why the recorder stopped reading the peer: the close code the connection must be failed with (1002 or
     * 1007 for a violation under strict rules, 1009 for a message over the size limit) and the close reason.
     */
    public record Stop(int closeCode, String reason) {
    }

    /** Starts a log whose clock starts now (call this when the handshake completes); strict, default limits. */
    public FrameRecorder(Side side) {
        this(side, null);
    }

    /**
     * Starts a log whose clock starts now and that calls {@code onEvent} after every recorded event (a
     * server uses this to wake threads waiting on conditions over all its connections). The callback runs
     * on the recording thread and must be quick. Strict, default limits.
     */
    public FrameRecorder(Side side, Runnable onEvent) {
        this(side, onEvent, LogLimits.DEFAULT, WireRules.STRICT);
    }

    /**
     * Starts a log whose clock starts now.
     *
     * @param onEvent called after every recorded event, on the recording thread; may be null
     * @param limits  how much of a long conversation the log keeps
     * @param rules   what the peer's frames are checked against, and whether a violation stops reading
     */
    public FrameRecorder(Side side, Runnable onEvent, LogLimits limits, WireRules rules) {
        this(side, onEvent, limits, rules, null);
    }

    /**
     * Starts a log whose clock starts now, for a connection that negotiated permessage-deflate.
     *
     * @param onEvent called after every recorded event, on the recording thread; may be null
     * @param limits  how much of a long conversation the log keeps
     * @param rules   what the peer's frames are checked against (RSV1 is allowed as RFC 7692 says)
     * @param deflate the negotiated permessage-deflate parameters; null when it was not negotiated
     */
    public FrameRecorder(Side side, Runnable onEvent, LogLimits limits, WireRules rules, DeflateParameters deflate) {
        this.log = new FrameLog(side, System.nanoTime(), onEvent, limits);
        this.rules = deflate == null ? rules : rules.allowingRsv(RSV1);
        this.deflate = deflate;
        // Inflaters are released by the JDK's cleaner when the recorder goes: frames may be recorded until the
        // very end (after the session closed), so there is no moment at which ending them early is safe.
        PerMessageInflater inbound = deflate == null ? null
                : deflate.inflater(role(side.peer()), this.rules.maxMessageBytes());
        PerMessageInflater outbound = deflate == null ? null : deflate.inflater(role(side), Long.MAX_VALUE);
        this.in = new DirectionState(Direction.INBOUND, true, inbound);
        this.out = new DirectionState(Direction.OUTBOUND, false, outbound);
    }

    private static DeflateParameters.Role role(Side side) {
        return side == Side.CLIENT ? DeflateParameters.Role.CLIENT : DeflateParameters.Role.SERVER;
    }

    /** The permessage-deflate parameters of the connection, if it negotiated the extension. */
    public java.util.Optional<DeflateParameters> deflate() {
        return java.util.Optional.ofNullable(deflate);
    }

    public FrameLog log() {
        return log;
    }

    /** The rules the peer's frames are checked against. */
    public WireRules rules() {
        return rules;
    }

    /**
     * Records bytes received from the peer; the buffer's position is not changed.
     *
     * @return how many of the buffer's bytes may be handed on to the WebSocket stack: all of them, unless
     *         strict rules found a violation, in which case the bytes before the violating frame (0 when
     *         it began in an earlier buffer). Once a violation stopped the recorder, every call returns 0.
     */
    public int inbound(ByteBuffer bytes) {
        return in.feed(bytes);
    }

    /**
     * Whether the recorder stopped reading the peer (a violation under strict rules, or a message over the
     * size limit); the connection must be failed, as {@link #stop()} says.
     */
    public boolean isFailed() {
        return in.stopped;
    }

    /** Why the recorder stopped reading the peer; empty while it reads on. */
    public java.util.Optional<Stop> stop() {
        return java.util.Optional.ofNullable(stop);
    }

    /**
     * Records bytes sent to the peer; the buffer's position is not changed. Bytes written after the
     * transport closed never reach the peer and are ignored.
     */
    public void outbound(ByteBuffer bytes) {
        if (transportGone) {
            return;
        }
        synchronized (outboundLock) {
            out.feed(bytes);
        }
    }

    /** Announces that the next outbound pong is the user's, not the stack's automatic reply to a ping. */
    public void expectRequestedPong() {
        requestedPongs.incrementAndGet();
    }

    /** Records an error reported by the WebSocket stack. */
    public void error(String message) {
        log.append(System.nanoTime(), (seq, at) -> new WsEvent.Failure(seq, at, message));
    }

    /**
     * Records that the TCP connection went away, with the close code the stack reported. Only the first
     * call counts.
     */
    public void disconnected(int code, String reason) {
        disconnected(code, reason, null);
    }

    /** As {@link #disconnected(int, String)}, saying how the connection went away. */
    public void disconnected(int code, String reason, String how) {
        if (disconnected) {
            return;
        }
        synchronized (this) {
            if (disconnected) {
                return;
            }
            disconnected = true;
        }
        log.append(System.nanoTime(), (seq, at) -> new WsEvent.Disconnected(seq, at, code, reason, how));
    }

    /**
     * The WebSocket stack reports the session closed, with the code it reports. Stacks do this as soon as
     * they consider the connection finished, which can be right after sending a close frame, before the
     * peer's reply arrives (Tyrus's client does not wait for it). Frames that still arrive afterwards are
     * recorded after the DISCONNECTED event, as they happened.
     */
    public void sessionClosed(int code, String reason) {
        disconnected(code, reason, "session closed by the WebSocket stack");
    }

    /**
     * Records that the transport closed the connection: with the code of the close frame received when
     * there was one, otherwise 1006 (the connection dropped without a closing handshake).
     */
    public void transportClosed() {
        transportGone = true;
        if (disconnected) {
            return;
        }
        java.util.Optional<WsEvent> close = log.firstClose();
        if (close.isPresent()) {
            disconnected(close.get().closeCode(), close.get().text(), "TCP connection closed");
        } else {
            disconnected(CloseStatus.ABNORMAL_CLOSURE, "", "TCP connection dropped without a closing handshake");
        }
    }

    /** Whether {@link #disconnected} was called. */
    public boolean isDisconnected() {
        return disconnected;
    }

    private boolean takeRequestedPong() {
        while (true) {
            int n = requestedPongs.get();
            if (n == 0) {
                return false;
            }
            if (requestedPongs.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    /** One direction: its frame reader, the message being reassembled and, for the peer's frames, the rules. */
    private final class DirectionState implements FrameReader.Handler {
        final Direction direction;
        /** Whether frames in this direction come from the peer and are checked against the rules. */
        final boolean checked;
        final FrameReader reader = new FrameReader(Integer.MAX_VALUE - 64);
        /** Inflates this direction's compressed messages; null without permessage-deflate. */
        final PerMessageInflater inflater;
        boolean desynced;
        volatile boolean stopped;
        // the data message being reassembled, if any
        int pendingOpcode = -1;
        List<byte[]> pendingParts;
        List<Integer> pendingSizes;
        /** Bytes of the pending message: decompressed, and as its frames declared them on the wire. */
        long pendingBytes;
        long pendingWireBytes;
        /** Whether the message being read (pending, or the frame whose payload arrives) is compressed. */
        boolean compressing;
        boolean pendingCompressed;
        final Utf8Validator utf8 = new Utf8Validator();
        Utf8Validator text;
        // lenient rules: the rule the current frame broke (recorded when it completes), or the message's first
        ProtocolRule frameRule;
        String frameDetail;
        ProtocolRule messageRule;
        String messageDetail;
        FrameHeader messageRuleHeader;

        DirectionState(Direction direction, boolean checked, PerMessageInflater inflater) {
            this.direction = direction;
            this.checked = checked;
            this.inflater = inflater;
        }

        int feed(ByteBuffer bytes) {
            if (stopped) {
                return 0;
            }
            if (desynced) {
                return bytes.remaining();
            }
            try {
                return reader.feed(bytes, this);
            } catch (WsProtocolException e) {
                if (checked && reader.problem() == FrameReader.Problem.ABOVE_LIMIT
                        && rules.maxMessageBytes() != Long.MAX_VALUE) {
                    tooBig("a frame of more than " + (Integer.MAX_VALUE - 64) + " bytes");
                    return reader.failureOffset();
                }
                if (checked && reader.problem() == FrameReader.Problem.LENGTH_MSB_SET) {
                    if (!violation(ProtocolRule.LENGTH_TOP_BIT_SET, null, null, EMPTY, -1)) {
                        return reader.failureOffset();
                    }
                    desynced = true;
                    return bytes.remaining();
                }
                desynced = true;
                log.append(System.nanoTime(), (seq, at) -> new WsEvent.Failure(seq, at,
                        direction.name().toLowerCase(Locale.ROOT) + " stream: " + e.getMessage()
                                + "; the recorder stops decoding this direction"));
                return bytes.remaining();
            }
        }

        @Override
        public boolean header(FrameHeader h) {
            if (!checked) {
                return true;
            }
            ProtocolRule rule = headerRule(h);
            if (rule != null) {
                String detail = headerDetail(rule, h);
                if (!rules.lenient()) {
                    return violation(rule, detail, h, EMPTY, h.payloadLength());
                }
                boolean belongsToMessage = (h.opcode() == Opcode.TEXT || h.opcode() == Opcode.BINARY
                        || h.opcode() == Opcode.CONTINUATION) && rule != ProtocolRule.CONTINUATION_WITHOUT_START
                        && rule != ProtocolRule.DATA_FRAME_INSIDE_MESSAGE;
                if (belongsToMessage) {
                    taintMessage(rule, detail, h);
                } else {
                    frameRule = rule;
                    frameDetail = detail;
                }
            }
            if (!h.isControl() && !withinSizeLimit(h)) {
                return false;
            }
            if (h.opcode() == Opcode.TEXT && frameRule == null) {
                utf8.reset();
                text = utf8;
            } else if (h.opcode() == Opcode.BINARY && frameRule == null) {
                text = null;
            }
            if (h.opcode() == Opcode.TEXT || h.opcode() == Opcode.BINARY) {
                compressing = startsCompressed(h);
            }
            return true;
        }

        private ProtocolRule headerRule(FrameHeader h) {
            Side peer = log.side().peer();
            if (peer == Side.SERVER && h.masked()) {
                return ProtocolRule.SERVER_FRAME_MASKED;
            }
            if (peer == Side.CLIENT && !h.masked()) {
                return ProtocolRule.CLIENT_FRAME_UNMASKED;
            }
            if ((h.rsv() & ~rules.extensionRsv()) != 0) {
                return ProtocolRule.RESERVED_BITS;
            }
            if (inflater != null && (h.rsv() & RSV1) != 0 && (h.isControl() || h.opcode() == Opcode.CONTINUATION)) {
                return ProtocolRule.COMPRESSED_BIT_MISPLACED;
            }
            if (Opcode.isReserved(h.opcode())) {
                return ProtocolRule.RESERVED_OPCODE;
            }
            if (h.lengthEncoding() != Frame.LengthEncoding.MINIMAL) {
                return ProtocolRule.NON_MINIMAL_LENGTH;
            }
            if (h.isControl()) {
                if (h.payloadLength() > 125) {
                    return ProtocolRule.CONTROL_FRAME_TOO_LONG;
                }
                if (!h.fin()) {
                    return ProtocolRule.CONTROL_FRAME_FRAGMENTED;
                }
                return null;
            }
            if (direction == Direction.INBOUND && closeReceived) {
                return ProtocolRule.DATA_AFTER_CLOSE;
            }
            if (h.opcode() == Opcode.CONTINUATION && pendingOpcode < 0) {
                return ProtocolRule.CONTINUATION_WITHOUT_START;
            }
            if (h.opcode() != Opcode.CONTINUATION && pendingOpcode >= 0) {
                return ProtocolRule.DATA_FRAME_INSIDE_MESSAGE;
            }
            return null;
        }

        /**
         * Whether the message this data frame belongs to still fits the size limit, counting what its frames
         * declare; if not, the message is refused (see {@link #tooBig}).
         */
        private boolean withinSizeLimit(FrameHeader h) {
            long limit = rules.maxMessageBytes();
            boolean continues = h.opcode() == Opcode.CONTINUATION && pendingOpcode >= 0;
            long declared = continues ? pendingWireBytes + h.payloadLength() : h.payloadLength();
            if (declared <= limit) {
                return true;
            }
            int opcode = continues ? pendingOpcode : h.opcode();
            String kind = opcode == Opcode.TEXT ? "a text message" : opcode == Opcode.BINARY ? "a binary message"
                    : "a message";
            tooBig(kind + " of " + (h.fin() ? "" : "at least ") + declared + " bytes");
            return false;
        }

        /** Refuses a message over the size limit: one ERROR line, and the recorder stops reading the peer. */
        private void tooBig(String what) {
            long limit = rules.maxMessageBytes();
            String owner = log.side() == Side.CLIENT ? "this client's" : "this server's";
            String line = "message too big: " + what + ", above " + owner + " limit of " + limit
                    + " bytes (maxMessageBytes); closing with " + CloseCodes.MESSAGE_TOO_BIG;
            log.append(System.nanoTime(), (seq, at) -> new WsEvent.Failure(seq, at, line));
            stopWith(new Stop(CloseCodes.MESSAGE_TOO_BIG, "message too big: limit " + limit + " bytes"));
        }

        private void stopWith(Stop why) {
            if (stop == null) {
                stop = why;
            }
            log.markFailed();
            stopped = true;
            pendingParts = null;
            pendingSizes = null;
        }

        /** Whether a TEXT or BINARY frame starts a compressed message. */
        private boolean startsCompressed(FrameHeader h) {
            return inflater != null && (h.rsv() & RSV1) != 0;
        }

        private String headerDetail(ProtocolRule rule, FrameHeader h) {
            switch (rule) {
                case SERVER_FRAME_MASKED:
                    return "masked with key " + h.maskKeyHex();
                case RESERVED_BITS:
                    return "RSV bits 0b" + String.format(Locale.ROOT, "%3s", Integer.toBinaryString(h.rsv()))
                            .replace(' ', '0') + (rules.extensionRsv() == 0 ? ", no extension negotiated" : "");
                case RESERVED_OPCODE:
                    return "opcode 0x" + Integer.toHexString(h.opcode());
                case COMPRESSED_BIT_MISPLACED:
                    return "RSV1 on a " + Opcode.name(h.opcode()) + " frame";
                case DATA_AFTER_CLOSE:
                    return Opcode.name(h.opcode()) + " frame after the close frame";
                case NON_MINIMAL_LENGTH:
                    return h.payloadLength() + " bytes in the "
                            + (h.lengthEncoding() == Frame.LengthEncoding.BITS_16 ? "16" : "64") + "-bit length form";
                case CONTROL_FRAME_TOO_LONG:
                    return Opcode.name(h.opcode()) + " of " + h.payloadLength() + " bytes";
                case CONTROL_FRAME_FRAGMENTED:
                    return Opcode.name(h.opcode()) + " without FIN";
                case DATA_FRAME_INSIDE_MESSAGE:
                    return Opcode.name(h.opcode()) + " frame while a " + Opcode.name(pendingOpcode)
                            + " message of " + pendingSizes.size() + " frame(s) is unfinished";
                default:
                    return null;
            }
        }

        @Override
        public boolean payload(FrameHeader h, byte[] payload, int from, int to) {
            if (!checked || text == null || frameRule != null || messageRule != null || compressing) {
                return true; // a compressed message's text is checked once inflated, in frame()
            }
            boolean isText = h.opcode() == Opcode.TEXT || h.opcode() == Opcode.CONTINUATION;
            if (isText && !text.feed(payload, from, to)) {
                String detail = utf8Detail(payload, text.invalidAt() - pendingBytes);
                if (!rules.lenient()) {
                    return violation(ProtocolRule.INVALID_UTF8_TEXT, detail, h, Arrays.copyOf(payload, to),
                            h.payloadLength());
                }
                taintMessage(ProtocolRule.INVALID_UTF8_TEXT, detail, h);
            }
            return true;
        }

        private String utf8Detail(byte[] payload, long offsetInFrame) {
            String where = pendingSizes == null ? "" : " of frame " + (pendingSizes.size() + 1);
            if (offsetInFrame < 0 || offsetInFrame >= payload.length) {
                return "invalid byte" + where;
            }
            return String.format(Locale.ROOT, "byte 0x%02x at offset %d%s", payload[(int) offsetInFrame] & 0xff,
                    offsetInFrame, where);
        }

        @Override
        public boolean frame(FrameHeader h, byte[] payload) {
            if (frameRule != null) { // lenient: a frame that broke a rule on its own, recorded as such
                ProtocolRule rule = frameRule;
                String detail = frameDetail;
                frameRule = null;
                frameDetail = null;
                return violation(rule, detail, h, payload, h.payloadLength());
            }
            switch (h.opcode()) {
                case Opcode.CONTINUATION:
                    if (pendingParts == null) { // only in the unchecked direction
                        log.append(System.nanoTime(), (seq, at) -> new WsEvent.Failure(seq, at, "continuation frame"
                                + " without a message to continue (" + payload.length + " bytes)"));
                        return true;
                    }
                    byte[] part = pendingCompressed ? inflate(h, payload) : payload;
                    if (part == null) {
                        return readOn;
                    }
                    pendingParts.add(part);
                    pendingSizes.add(payload.length);
                    pendingBytes += part.length;
                    pendingWireBytes += payload.length;
                    if (!h.fin()) {
                        return true;
                    }
                    int opcode = pendingOpcode;
                    byte[] whole = join(pendingParts, pendingBytes);
                    List<Integer> sizes = pendingSizes;
                    boolean compressed = pendingCompressed;
                    clearPending();
                    return endMessage(opcode, whole, sizes, h, compressed);
                case Opcode.TEXT:
                case Opcode.BINARY:
                    boolean deflated = startsCompressed(h);
                    pendingBytes = 0;
                    byte[] content = deflated ? inflate(h, payload) : payload;
                    if (content == null) {
                        return readOn;
                    }
                    if (h.fin()) { // the common case: a message in one frame, recorded as it is
                        return endMessage(h.opcode(), content, deflated ? List.of(payload.length) : null, h,
                                deflated);
                    }
                    pendingOpcode = h.opcode();
                    pendingCompressed = deflated;
                    pendingParts = new ArrayList<>(4);
                    pendingParts.add(content);
                    pendingSizes = new ArrayList<>();
                    pendingSizes.add(payload.length);
                    pendingBytes = content.length;
                    pendingWireBytes = payload.length;
                    return true;
                case Opcode.CLOSE:
                    return close(h, payload);
                case Opcode.PING:
                    log.append(System.nanoTime(), (seq, at) -> new WsEvent.Ping(seq, direction, at, payload));
                    return true;
                case Opcode.PONG:
                    boolean automatic = direction == Direction.OUTBOUND && !takeRequestedPong();
                    log.append(System.nanoTime(), (seq, at) -> new WsEvent.Pong(seq, direction, at, payload,
                            automatic));
                    return true;
                default: // a reserved opcode in the unchecked direction
                    log.append(System.nanoTime(), (seq, at) -> new WsEvent.Failure(seq, at, "frame with reserved opcode"
                            + " 0x" + Integer.toHexString(h.opcode()) + " (" + payload.length + " bytes)"));
                    return true;
            }
        }

        /** Whether to read on after {@link #inflate} gave up on a frame (false: the recorder stopped). */
        boolean readOn;

        /**
         * The decompressed part of a compressed message that this frame's payload stands for; null when it
         * does not inflate, the message inflates beyond the size limit, or (the peer's text) the part is not
         * UTF-8; then the problem is recorded and {@link #readOn} says whether to go on.
         */
        private byte[] inflate(FrameHeader h, byte[] payload) {
            byte[] part;
            try {
                part = inflater.decompress(payload, h.fin());
            } catch (PerMessageInflater.TooBig e) {
                dropMessage();
                if (checked) {
                    tooBig("a compressed message that inflates to more than " + e.limit() + " bytes");
                    readOn = false;
                } else {
                    log.append(System.nanoTime(), (seq, at) -> new WsEvent.Failure(seq, at, "outbound stream: "
                            + e.getMessage()));
                    readOn = true;
                }
                return null;
            } catch (WsProtocolException e) {
                dropMessage();
                if (checked) {
                    readOn = violation(ProtocolRule.INVALID_COMPRESSED_DATA, e.getMessage(), h, payload,
                            payload.length);
                } else {
                    log.append(System.nanoTime(), (seq, at) -> new WsEvent.Failure(seq, at, "outbound stream: "
                            + e.getMessage()));
                    readOn = true;
                }
                return null;
            }
            if (checked && text != null && frameRule == null && messageRule == null
                    && !text.feed(part, 0, part.length)) {
                String detail = utf8Detail(part, text.invalidAt() - pendingBytes) + " (decompressed)";
                if (!rules.lenient()) {
                    dropMessage();
                    readOn = violation(ProtocolRule.INVALID_UTF8_TEXT, detail, h, part, part.length);
                    return null;
                }
                taintMessage(ProtocolRule.INVALID_UTF8_TEXT, detail, h);
            }
            return part;
        }

        /** The message being reassembled is complete: nothing is pending any more. */
        private void clearPending() {
            pendingOpcode = -1;
            pendingParts = null;
            pendingSizes = null;
            pendingBytes = 0;
            pendingWireBytes = 0;
            pendingCompressed = false;
        }

        /** Forgets the message being reassembled (its frames did not make a message). */
        private void dropMessage() {
            clearPending();
            text = null;
            messageRule = null;
            messageDetail = null;
            messageRuleHeader = null;
        }

        private boolean endMessage(int opcode, byte[] whole, List<Integer> sizes, FrameHeader last,
                                   boolean compressed) {
            ProtocolRule rule = messageRule;
            String detail = messageDetail;
            FrameHeader ruleHeader = messageRuleHeader;
            Utf8Validator validator = opcode == Opcode.TEXT ? text : null;
            messageRule = null;
            messageDetail = null;
            messageRuleHeader = null;
            text = null;
            if (rule == null && checked && validator != null && !validator.isComplete()) {
                rule = ProtocolRule.INVALID_UTF8_TEXT;
                detail = "the message ends inside a UTF-8 sequence";
                ruleHeader = last;
            }
            if (rule != null) {
                return violation(rule, detail, ruleHeader, whole, whole.length);
            }
            if (opcode == Opcode.TEXT) {
                log.append(System.nanoTime(), (seq, at) -> new WsEvent.Text(seq, direction, at, whole, sizes,
                        compressed));
            } else {
                log.append(System.nanoTime(), (seq, at) -> new WsEvent.Binary(seq, direction, at, whole, sizes,
                        compressed));
            }
            return true;
        }

        private boolean close(FrameHeader h, byte[] payload) {
            if (checked) {
                ProtocolRule rule = null;
                String detail = null;
                if (payload.length == 1) {
                    rule = ProtocolRule.CLOSE_PAYLOAD_ONE_BYTE;
                    detail = String.format(Locale.ROOT, "payload 0x%02x", payload[0] & 0xff);
                } else if (payload.length >= 2) {
                    int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                    if (!CloseCodes.isSendable(code)) {
                        rule = ProtocolRule.INVALID_CLOSE_CODE;
                        detail = "code " + code;
                    } else if (!Utf8Validator.isValid(payload, 2, payload.length)) {
                        rule = ProtocolRule.INVALID_UTF8_CLOSE_REASON;
                        detail = "close code " + code;
                    }
                }
                if (rule != null) {
                    return violation(rule, detail, h, payload, payload.length);
                }
            }
            boolean echo = direction == Direction.OUTBOUND && closeReceived;
            if (direction == Direction.INBOUND) {
                closeReceived = true;
            }
            log.append(System.nanoTime(), (seq, at) -> new WsEvent.Close(seq, direction, at, payload, echo));
            return true;
        }

        private void taintMessage(ProtocolRule rule, String detail, FrameHeader h) {
            if (h.opcode() != Opcode.CONTINUATION) {
                pendingOpcode = -1; // a new message starts with this frame (see frame())
            }
            if (messageRule == null || h.opcode() != Opcode.CONTINUATION) {
                messageRule = rule;
                messageDetail = detail;
                messageRuleHeader = h;
            }
            text = null;
        }

        /** Records a violation; returns whether to read on (lenient rules) or stop (strict). */
        private boolean violation(ProtocolRule rule, String detail, FrameHeader h, byte[] payload, long length) {
            log.append(System.nanoTime(), (seq, at) -> new WsEvent.Violation(seq, direction, at, rule, detail, h,
                    payload, length));
            if (rules.lenient()) {
                return true;
            }
            stopWith(new Stop(rule.closeCode(), rule.toString()));
            return false;
        }
    }

    private static byte[] join(List<byte[]> parts, long total) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        byte[] whole = new byte[(int) total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, whole, at, p.length);
            at += p.length;
        }
        return whole;
    }
}
