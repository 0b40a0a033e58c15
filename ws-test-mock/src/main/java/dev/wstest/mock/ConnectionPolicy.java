package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How the mock behaves on a connection as a whole, beyond its stubs: pings it sends, pongs and close frames it
 * answers (or withholds), whether it stalls or stops reading, how replies are delayed and delivered.
 * Immutable; each method returns a changed copy. Applies to every connection
 * ({@link MockWsServer.Builder#policy}) or to the next N ({@link MockWsServer#forNextConnections(int,
 * ConnectionPolicy)}).
 *
 * <pre>{@code
 * ConnectionPolicy.defaults().pingEvery(Duration.ofMillis(200))  // heartbeats; the client's pongs are recorded
 * ConnectionPolicy.defaults().withholdPongs()                     // the client's pings go unanswered
 * ConnectionPolicy.defaults().neverAnswerClose()                  // the client's close waits for nothing
 * ConnectionPolicy.defaults().stall()                             // 101, then silence: no stub, no pong, no close
 * ConnectionPolicy.defaults().stopReading()                       // the client's sends block once buffers fill
 * ConnectionPolicy.defaults().replyDelay(Duration.ofMillis(300)).delivery(Delivery.inFragments(3))
 * ConnectionPolicy.defaults().lenient()                           // client violations recorded, not failed
 * }</pre>
 *
 * @param pingEvery      interval of the mock's own pings, or null for none
 * @param pingPayload    payload of those pings
 * @param answerPings    whether the client's pings get a pong
 * @param answerClose    whether the client's close frame gets a close frame back (then TCP is closed)
 * @param stalled        whether the mock does nothing at all after the 101 (it still reads and records)
 * @param reading        whether the mock reads from the socket
 * @param replyDelay     delay before every stub runs
 * @param delivery       how stub messages go on the wire unless a stub says otherwise
 * @param closeTimeout   how long the mock waits for the client's close frame after sending its own, before
 *                       closing TCP anyway
 * @param strict         whether a client frame that breaks RFC 6455 fails the connection with the rule's close
 *                       code, as a strict server does (true, the default), or is only recorded (false)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ConnectionPolicy(Duration pingEvery, byte[] pingPayload, boolean answerPings, boolean answerClose,
                               boolean stalled, boolean reading, Duration replyDelay, Delivery delivery,
                               Duration closeTimeout, boolean strict) {

    private static final ConnectionPolicy DEFAULTS = new ConnectionPolicy(null, new byte[0], true, true, false, true,
            Duration.ZERO, Delivery.whole(), Duration.ofSeconds(2), true);

    public ConnectionPolicy {
        pingPayload = Objects.requireNonNull(pingPayload, "pingPayload").clone();
        if (pingPayload.length > 125) {
            throw new IllegalArgumentException("a ping payload has at most 125 bytes (use Faults.oversizedPing() to"
                    + " send a longer one on purpose)");
        }
        if (pingEvery != null && (pingEvery.isNegative() || pingEvery.isZero())) {
            throw new IllegalArgumentException("pingEvery must be positive, was " + pingEvery);
        }
        Objects.requireNonNull(replyDelay, "replyDelay");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    /** A well-behaved server: answers pings and closes, reads everything, replies at once and whole. */
    public static ConnectionPolicy defaults() {
        return DEFAULTS;
    }

    /** Sends a ping every {@code period} (empty payload); the client's pongs are in the connection's log. */
    public ConnectionPolicy pingEvery(Duration period) {
        return pingEvery(period, "");
    }

    /** Sends a ping with this payload every {@code period}. */
    public ConnectionPolicy pingEvery(Duration period, String payload) {
        return new ConnectionPolicy(Objects.requireNonNull(period, "period"),
                payload.getBytes(StandardCharsets.UTF_8), answerPings, answerClose, stalled, reading, replyDelay,
                delivery, closeTimeout, strict);
    }

    /** Never answers the client's pings (to test the client's heartbeat timeout). */
    public ConnectionPolicy withholdPongs() {
        return new ConnectionPolicy(pingEvery, pingPayload, false, answerClose, stalled, reading, replyDelay, delivery,
                closeTimeout, strict);
    }

    /** Never answers the client's close frame and keeps TCP open: the client's closing handshake cannot finish. */
    public ConnectionPolicy neverAnswerClose() {
        return new ConnectionPolicy(pingEvery, pingPayload, answerPings, false, stalled, reading, replyDelay, delivery,
                closeTimeout, strict);
    }

    /** Accepts the upgrade, then sends nothing at all: no stub runs, no pong, no close answer. */
    public ConnectionPolicy stall() {
        return new ConnectionPolicy(pingEvery, pingPayload, answerPings, answerClose, true, reading, replyDelay,
                delivery, closeTimeout, strict);
    }

    /** Never reads from the socket: once the TCP buffers fill, the client's sends block. */
    public ConnectionPolicy stopReading() {
        return new ConnectionPolicy(pingEvery, pingPayload, answerPings, answerClose, stalled, false, replyDelay,
                delivery, closeTimeout, strict);
    }

    /**
     * Keeps the connection open when the client breaks RFC 6455 (an unmasked frame, invalid UTF-8, ...): the
     * frame is recorded as a VIOLATION with its rule, never handled as a message, and the frames after it are
     * handled as usual. The default fails the connection with the rule's code (1002, or 1007 for invalid
     * UTF-8), as a strict server must.
     */
    public ConnectionPolicy lenient() {
        return new ConnectionPolicy(pingEvery, pingPayload, answerPings, answerClose, stalled, reading, replyDelay,
                delivery, closeTimeout, false);
    }

    /** Waits this long before every stub runs. */
    public ConnectionPolicy replyDelay(Duration delay) {
        return new ConnectionPolicy(pingEvery, pingPayload, answerPings, answerClose, stalled, reading,
                Objects.requireNonNull(delay, "delay"), delivery, closeTimeout, strict);
    }

    /** Delivers stub messages this way unless the stub gives its own {@link Delivery}. */
    public ConnectionPolicy delivery(Delivery newDelivery) {
        return new ConnectionPolicy(pingEvery, pingPayload, answerPings, answerClose, stalled, reading, replyDelay,
                Objects.requireNonNull(newDelivery, "delivery"), closeTimeout, strict);
    }

    /** How long to wait for the client's close frame after the mock sent its own (default 2 s). */
    public ConnectionPolicy closeTimeout(Duration timeout) {
        return new ConnectionPolicy(pingEvery, pingPayload, answerPings, answerClose, stalled, reading, replyDelay,
                delivery, Objects.requireNonNull(timeout, "timeout"), strict);
    }

    @Override
    public byte[] pingPayload() {
        return pingPayload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionPolicy p && Objects.equals(p.pingEvery, pingEvery)
                && java.util.Arrays.equals(p.pingPayload, pingPayload) && p.answerPings == answerPings
                && p.answerClose == answerClose && p.stalled == stalled && p.reading == reading
                && p.replyDelay.equals(replyDelay) && p.delivery.equals(delivery) && p.closeTimeout.equals(closeTimeout)
                && p.strict == strict;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pingEvery, java.util.Arrays.hashCode(pingPayload), answerPings, answerClose, stalled,
                reading, replyDelay, delivery, closeTimeout, strict);
    }
}
