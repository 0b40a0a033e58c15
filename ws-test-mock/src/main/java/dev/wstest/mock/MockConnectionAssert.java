package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.MessageMatcher;
import dev.wstest.assertions.ShouldReceive;
import dev.wstest.client.WsClient;
import dev.wstest.record.CloseStatus;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.LogScan;
import dev.wstest.record.Redactor;
import dev.wstest.record.Side;
import dev.wstest.record.WsEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * Assertions on what the client sent on one {@link MockConnection}, with the client assertions' words and
 * rules, seen from the server's side:
 * <ul>
 *   <li>{@code receives...} waits (2 s unless {@link #within(Duration)} says otherwise) for a matching
 *   message after the last one an earlier expectation on this connection matched, skipping others;
 *   {@code receivesNext...} requires the very next one; pings and pongs have a position of their own;
 *   {@code hasReceived...} looks at everything so far without waiting or moving.</li>
 *   <li>A wait ends the moment the frame arrives, and at once (failing) when the connection has closed and
 *   nothing more can come.</li>
 *   <li>A failure shows what was expected, the budget, and the connection's whole timeline as the server
 *   saw it ({@code <-} from the client, {@code ->} from the mock) with the closest candidate marked.</li>
 * </ul>
 *
 * <pre>{@code
 * assertThat(mock).connection(1)
 *         .receivesJsonContaining("{\"op\":\"subscribe\"}")     // passes once the client subscribed
 *         .receivesPong()                                        // answers to the mock's pings
 *         .isClosedWith(1000);                                   // the client closed cleanly
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class MockConnectionAssert extends AbstractAssert<MockConnectionAssert, MockConnection> {

    private static final Predicate<WsEvent> INBOUND_MESSAGE = e -> e.isInbound() && e.type().isMessage();

    private Duration budget = WsClient.DEFAULT_EXPECT_TIMEOUT;

    public MockConnectionAssert(MockConnection actual) {
        super(actual, MockConnectionAssert.class);
    }

    /**
     * How long the following expectations of this chain wait (default 2 s).
     *
     * <pre>{@code
     * assertThat(c).within(Duration.ofMillis(200)).receivesText("fast");
     * }</pre>
     */
    public MockConnectionAssert within(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        this.budget = timeout;
        return myself;
    }

    // ============================================================================================ messages

    /**
     * Waits for a text message from the client equal to {@code expected}.
     *
     * <pre>{@code
     * client.sendText("hello");
     * assertThat(mock.awaitConnection(1, timeout)).receivesText("hello");   // passes
     * assertThat(mock.awaitConnection(1, timeout)).receivesText("bye");     // fails, showing "hello"
     * }</pre>
     */
    public MockConnectionAssert receivesText(String expected) {
        return receivesMatching(MessageMatcher.text(expected), expected);
    }

    public MockConnectionAssert receivesTextContaining(String fragment) {
        return receivesMatching(MessageMatcher.textContaining(fragment), fragment);
    }

    public MockConnectionAssert receivesTextMatching(String regex) {
        return receivesMatching(MessageMatcher.textMatching(Pattern.compile(regex)), null);
    }

    /** Waits for a JSON message equal to {@code json} (key order, whitespace, number format ignored). */
    public MockConnectionAssert receivesJson(String json) {
        return receivesMatching(MessageMatcher.json(json), json);
    }

    /** Waits for a JSON message containing {@code json}: every field given, recursively; others ignored. */
    public MockConnectionAssert receivesJsonContaining(String json) {
        return receivesMatching(MessageMatcher.jsonContaining(json), json);
    }

    public MockConnectionAssert receivesBinary(byte[] expected) {
        return receivesMatching(MessageMatcher.binary(expected), null);
    }

    /** Waits for a message the matcher accepts (the client assertions' {@code MessageMatcher}s). */
    public MockConnectionAssert receives(MessageMatcher matcher) {
        return receivesMatching(matcher, null);
    }

    /**
     * Waits for a message the matcher accepts; a failure marks the text message closest to {@code closestTo} (and
     * carries both for IDE diffs), as {@link #receivesText(String)} does.
     */
    public MockConnectionAssert receives(MessageMatcher matcher, String closestTo) {
        return receivesMatching(matcher, closestTo);
    }

    private MockConnectionAssert receivesMatching(MessageMatcher matcher, String closestTo) {
        isNotNull();
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        LogScan scan = new LogScan(log, from, INBOUND_MESSAGE, matcher::matches);
        if (await(log, scan)) {
            actual.cursor().advanceMessages(scan.found().seq());
            return myself;
        }
        Map<Long, String> notes = notesFrom(from);
        String closest = null;
        if (closestTo != null) {
            Optional<WsEvent> c = ShouldReceive.closestText(log.eventsAfter(from), closestTo);
            if (c.isPresent()) {
                notes.put(c.get().seq(), "closest");
                closest = c.get().text();
            }
        }
        int seen = scan.candidatesSeen();
        String outcome = seen == 0 ? "but no message arrived" + afterLastMatch(from) + "."
                : "but none of the " + seen + " message(s) that arrived" + afterLastMatch(from) + " matched.";
        String message = message("to receive " + matcher.description(), budget, outcome, notes);
        if (closest != null) {
            throw failureWithValues(message, closestTo, closest);
        }
        throw failure(message);
    }

    /** Strict: the very next message (after the last matched one) must be this text. */
    public MockConnectionAssert receivesNextText(String expected) {
        return receivesNext(MessageMatcher.text(expected));
    }

    /** Strict: the very next message must satisfy the matcher. */
    public MockConnectionAssert receivesNext(MessageMatcher matcher) {
        isNotNull();
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        LogScan scan = new LogScan(log, from, INBOUND_MESSAGE, e -> true);
        if (!await(log, scan)) {
            throw failure(message("to receive next " + matcher.description(), budget, "but no message arrived"
                    + afterLastMatch(from) + ".", notesFrom(from)));
        }
        WsEvent next = scan.found();
        if (!matcher.matches(next)) {
            Map<Long, String> notes = notesFrom(from);
            notes.put(next.seq(), "the next message");
            throw failure(message("to receive next " + matcher.description(), null, "but the next message (+"
                    + next.sinceOpen().toMillis() + ") was " + FrameLogFormat.describe(next) + ".", notes));
        }
        actual.cursor().advanceMessages(next.seq());
        return myself;
    }

    /** Waits until {@code count} more messages of any content arrived, and moves past them. */
    public MockConnectionAssert receivesMessages(int count) {
        isNotNull();
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        int[] seen = {0};
        LogScan scan = new LogScan(log, from, INBOUND_MESSAGE, e -> ++seen[0] >= count);
        if (await(log, scan)) {
            actual.cursor().advanceMessages(scan.found().seq());
            return myself;
        }
        throw failure(message("to receive " + count + " more message(s)" + afterLastMatch(from), budget, "but "
                + scan.candidatesSeen() + " arrived.", notesFrom(from)));
    }

    /** Waits for messages matching each matcher, in this order (others may come in between). */
    public MockConnectionAssert receivesInOrder(MessageMatcher... matchers) {
        isNotNull();
        if (matchers.length == 0) {
            throw new IllegalArgumentException("give at least one matcher");
        }
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        List<WsEvent> matched = new ArrayList<>();
        LogScan[] scan = {new LogScan(log, from, INBOUND_MESSAGE, matchers[0]::matches)};
        java.util.function.BooleanSupplier done = () -> {
            while (scan[0].advance()) {
                matched.add(scan[0].found());
                if (matched.size() == matchers.length) {
                    return true;
                }
                scan[0] = new LogScan(log, scan[0].found().seq(), INBOUND_MESSAGE, matchers[matched.size()]::matches);
            }
            return false;
        };
        if (awaitCondition(log, done)) {
            actual.cursor().advanceMessages(matched.get(matched.size() - 1).seq());
            return myself;
        }
        Map<Long, String> notes = notesFrom(from);
        StringBuilder expectation = new StringBuilder("to receive, in this order:\n");
        for (int i = 0; i < matchers.length; i++) {
            expectation.append("  ").append(i + 1).append(". ").append(matchers[i].description());
            if (i < matched.size()) {
                notes.put(matched.get(i).seq(), "matched " + (i + 1) + ".");
            } else if (i == matched.size()) {
                expectation.append("   <- not found");
            }
            expectation.append('\n');
        }
        throw failure(message(expectation.toString().stripTrailing(), budget, "but only the first " + matched.size()
                + " of " + matchers.length + " were found in order.", notes));
    }

    /** Waits the whole duration and fails as soon as a message (after the last matched one) arrives. */
    public MockConnectionAssert receivesNoMessageDuring(Duration duration) {
        return receivesNoMessageDuring(duration, MessageMatcher.anyMessage());
    }

    /** Waits the whole duration and fails as soon as a message the matcher accepts arrives. */
    public MockConnectionAssert receivesNoMessageDuring(Duration duration, MessageMatcher matcher) {
        isNotNull();
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        LogScan scan = new LogScan(log, from, INBOUND_MESSAGE, matcher::matches);
        if (!log.awaitUntil(() -> scan.advance() || log.state() == ConnectionState.CLOSED, duration)
                || scan.found() == null) {
            return myself;
        }
        WsEvent unwanted = scan.found();
        Map<Long, String> notes = notesFrom(from);
        notes.put(unwanted.seq(), "unexpected");
        throw failure(message("to receive no " + (matcher.description().equals("any message") ? "message"
                : matcher.description().replaceFirst("^an? ", "")) + " during " + ShouldReceive.budget(duration), null,
                "but one arrived at +" + unwanted.sinceOpen().toMillis() + ": " + FrameLogFormat.describe(unwanted)
                        + ".", notes));
    }

    /** Whether a text message equal to {@code expected} arrived at any time so far (no waiting). */
    public MockConnectionAssert hasReceivedText(String expected) {
        return hasReceived(MessageMatcher.text(expected));
    }

    /** Whether a message the matcher accepts arrived at any time so far (no waiting). */
    public MockConnectionAssert hasReceived(MessageMatcher matcher) {
        isNotNull();
        if (actual.log().firstAfter(0, e -> INBOUND_MESSAGE.test(e) && matcher.matches(e)).isEmpty()) {
            throw failure(message("to have received " + matcher.description(), null, "but it has not.", null));
        }
        return myself;
    }

    /** AssertJ list assertions over the texts the client sent so far. */
    public ListAssert<String> receivedTexts() {
        isNotNull();
        return Assertions.assertThat(actual.receivedTexts()).as("texts received by %s%nFrames:%n%s",
                actual.describe(), actual.formatLog());
    }

    // ============================================================================================ ping / pong

    /** Waits for a pong from the client (any payload), e.g. an answer to the mock's pings. */
    public MockConnectionAssert receivesPong() {
        return receivesControl(EventType.PONG, null);
    }

    public MockConnectionAssert receivesPong(String payload) {
        return receivesPong(payload.getBytes(StandardCharsets.UTF_8));
    }

    public MockConnectionAssert receivesPong(byte[] payload) {
        return receivesControl(EventType.PONG, payload.clone());
    }

    /** Waits for a ping from the client (any payload). */
    public MockConnectionAssert receivesPing() {
        return receivesControl(EventType.PING, null);
    }

    public MockConnectionAssert receivesPing(String payload) {
        return receivesPing(payload.getBytes(StandardCharsets.UTF_8));
    }

    public MockConnectionAssert receivesPing(byte[] payload) {
        return receivesControl(EventType.PING, payload.clone());
    }

    private MockConnectionAssert receivesControl(EventType type, byte[] payload) {
        isNotNull();
        FrameLog log = actual.log();
        long from = actual.cursor().controls();
        LogScan scan = new LogScan(log, from, e -> e.isInbound() && e.type() == type,
                e -> payload == null || e.payloadEquals(payload));
        if (await(log, scan)) {
            actual.cursor().advanceControls(scan.found().seq());
            return myself;
        }
        String what = "a " + type + (payload == null ? "" : " with payload " + FrameLogFormat.hex(payload) + " ("
                + payload.length + " bytes)");
        throw failure(message("to receive " + what, budget, scan.candidatesSeen() == 0 ? "but no " + type
                + " arrived" + (from > 0 ? " after the last one an earlier expectation matched" : "") + "."
                : "but none of the " + scan.candidatesSeen() + " " + type + " frame(s) had that payload.", null));
    }

    // ============================================================================================ close

    /** The connection is open right now (no close frame sent or received). */
    public MockConnectionAssert isOpen() {
        isNotNull();
        if (actual.state() != ConnectionState.OPEN) {
            throw failure(message("to be OPEN", null, "but it is " + actual.state() + ".", null));
        }
        return myself;
    }

    /**
     * Waits for a close frame from the client with this code, whoever started closing (a client that
     * rejects a frame as a protocol violation answers with 1002 or 1007).
     *
     * <pre>{@code
     * mock.awaitConnection(1, timeout).perform(Faults.maskedFrame("x"));
     * assertThat(mock).connection(1).receivesCloseFrame(1002);   // a strict client fails the connection
     * }</pre>
     */
    public MockConnectionAssert receivesCloseFrame(int code) {
        return receivesCloseFrame(code, true);
    }

    /** Waits for a close frame from the client, whatever its code. */
    public MockConnectionAssert receivesCloseFrame() {
        return receivesCloseFrame(0, false);
    }

    private MockConnectionAssert receivesCloseFrame(int code, boolean withCode) {
        isNotNull();
        FrameLog log = actual.log();
        LogScan scan = new LogScan(log, 0, e -> e.isInbound() && e.type() == EventType.CLOSE,
                e -> !withCode || e.closeCode() == code);
        if (await(log, scan)) {
            return myself;
        }
        // a close frame that arrived with another code is the answer, not a wait that ran out
        throw failure(message("to receive a close frame" + (withCode ? " with code " + code : ""),
                scan.candidatesSeen() == 0 ? budget : null, scan.candidatesSeen() == 0
                        ? "but the client sent no close frame." : "but the client's close frame had another code.",
                null));
    }

    /** Waits until the connection is closed. */
    public MockConnectionAssert isClosed() {
        return awaitClosed("to be closed", s -> true);
    }

    /** Waits until it closed with this code (the one sent by the side that started closing). */
    public MockConnectionAssert isClosedWith(int code) {
        return awaitClosed("to be closed with code " + code, s -> s.code() == code);
    }

    public MockConnectionAssert isClosedWith(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        return awaitClosed("to be closed with code " + code + " and reason " + FrameLogFormat.quote(reason),
                s -> s.code() == code && s.reason().equals(reason));
    }

    /** Waits until it closed after the client sent the first close frame. */
    public MockConnectionAssert isClosedByClient() {
        return awaitClosed("to be closed by the client", s -> s.initiator().equals(Optional.of(Side.CLIENT)));
    }

    /** Waits until it closed after the mock sent the first close frame. */
    public MockConnectionAssert isClosedByServer() {
        return awaitClosed("to be closed by the server", s -> s.initiator().equals(Optional.of(Side.SERVER)));
    }

    /** Waits until it ended without any close frame (1006): the client dropped TCP. */
    public MockConnectionAssert isClosedAbnormally() {
        return awaitClosed("to be closed abnormally (1006, no close frame)", CloseStatus::isAbnormal);
    }

    private MockConnectionAssert awaitClosed(String expectation, Predicate<CloseStatus> condition) {
        isNotNull();
        FrameLog log = actual.log();
        if (!log.awaitUntil(() -> log.closeStatus().isPresent(), budget)) {
            throw failure(message(expectation, budget, "but it is still " + actual.state() + ".", null));
        }
        CloseStatus status = log.closeStatus().orElseThrow();
        if (!condition.test(status)) {
            throw failure(message(expectation, null, "but it closed with " + status + ".", null));
        }
        return myself;
    }

    /** Assertions on the upgrade request of this connection. */
    public ServerHandshakeAssert handshake() {
        isNotNull();
        return new ServerHandshakeAssert(actual.handshake(), actual.server().redactor());
    }

    // ============================================================================================ helpers

    /** Waits for the scan's target; ends early (false) once the connection has closed and it is not there. */
    private boolean await(FrameLog log, LogScan scan) {
        return awaitCondition(log, scan::advance);
    }

    private boolean awaitCondition(FrameLog log, java.util.function.BooleanSupplier found) {
        boolean[] hit = {false};
        log.awaitUntil(() -> (hit[0] = found.getAsBoolean()) || log.state() == ConnectionState.CLOSED, budget);
        return hit[0] || found.getAsBoolean();
    }

    private String afterLastMatch(long from) {
        return from > 0 ? " after the last matched one (+" + actual.log().get(from).sinceOpen().toMillis() + ")" : "";
    }

    private static Map<Long, String> notesFrom(long from) {
        Map<Long, String> notes = new HashMap<>();
        if (from > 0) {
            notes.put(from, "last matched by an earlier expectation; later ones look after it");
        }
        return notes;
    }

    private String message(String expectation, Duration wait, String outcome, Map<Long, String> notes) {
        return ShouldReceive.message(new ShouldReceive.Subject(actual.describe(), actual.log(),
                actual.server().redactor(), "Frames seen by the mock (<- from the client, -> from the mock; ms after"
                + " handshake):", ShouldReceive.violationLine(actual.log(), "The client", actual.lenient()
                ? null : "the mock failed the connection", "the mock is lenient, so it kept the connection open.")),
                expectation, wait, outcome, notes, null);
    }

    /** The message scrubbed of known secrets, and the {@code as(...)} description AssertJ puts before it too. */
    private String scrubbed(String message) {
        Redactor redactor = actual.server().redactor();
        String description = info.descriptionText();
        if (description != null && !description.isEmpty()) {
            describedAs(redactor.scrub(description));
        }
        return redactor.scrub(message);
    }

    /** A failure as it may leave the process: every known secret scrubbed (Redactor.scrub), values too. */
    private AssertionError failure(String raw) {
        String message = scrubbed(raw);
        try {
            failWithMessage("%s", message);
        } catch (AssertionError e) {
            return e;
        }
        return new AssertionError(message);
    }

    private AssertionError failureWithValues(String raw, Object expected, Object actualValue) {
        Redactor redactor = actual.server().redactor();
        String message = scrubbed(raw);
        try {
            failWithActualExpectedAndMessage(redactor.scrub(String.valueOf(actualValue)),
                    redactor.scrub(String.valueOf(expected)), "%s", message);
        } catch (AssertionError e) {
            return e;
        }
        return new AssertionError(message);
    }
}
