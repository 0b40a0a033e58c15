package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.internal.Durations;
import dev.wstest.assertions.internal.Failing;
import dev.wstest.assertions.internal.JsonMatch;
import dev.wstest.assertions.internal.JsonMessageMatcher;
import dev.wstest.assertions.internal.Similarity;
import dev.wstest.client.Handshake;
import dev.wstest.client.WsClient;
import dev.wstest.record.CloseStatus;
import dev.wstest.record.ConnectionState;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.LogScan;
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
 * Assertions on a {@link WsClient}, with waiting built in.
 *
 * <h2>How expectations find messages</h2>
 * <ul>
 *   <li>{@code receives...} expectations wait (up to the budget) for a matching message that arrived
 *   <em>after the last message an earlier expectation on this client matched</em>, skipping unrelated
 *   messages. Skipped messages stay in the log; a later expectation can still not match them, because it
 *   starts after the last match. This reads like a conversation: each expectation consumes what it
 *   matched and everything before.</li>
 *   <li>{@code receivesNext...} is strict: the very next message after that point must match.</li>
 *   <li>Pings and pongs have a position of their own, so a pong never disturbs message order.</li>
 *   <li>{@code hasReceived...}, {@link #receivedMessages()} and {@link #receivedTexts()} look at
 *   everything received so far, without waiting and without moving any position.</li>
 *   <li>{@link #receivesNoMessageDuring(Duration)} waits the whole duration and fails as soon as a
 *   (matching) message arrives.</li>
 * </ul>
 *
 * <h2>How long they wait</h2>
 * The budget is the client's {@link WsClient#defaultTimeout()} (2 s unless the client was built with
 * another), or what {@link #within(Duration)} set for the rest of this assertion chain. A wait ends the
 * moment the awaited frame arrives. There is no global default to change.
 *
 * <h2>What a failure says</h2>
 * What was expected, the budget, every frame since connect (direction, type, size, payload, time since the
 * handshake) with the closest candidate marked, and the connection state.
 *
 * <h2>With the rest of AssertJ</h2>
 * Every failure is made by AssertJ ({@code failureWithActualExpected}), so {@code as(...)},
 * {@code withFailMessage(...)} and {@code overridingErrorMessage(...)} apply, the error is opentest4j's
 * {@code AssertionFailedError} (with expected and actual values for an IDE diff) when opentest4j is on the
 * classpath, and {@link WebSocketSoftAssertions} (or any {@code SoftAssertions.proxy(WsClientAssert.class,
 * WsClient.class, client)}) collects failures instead of stopping at the first.
 *
 * @param <SELF>   the concrete assertion type
 * @param <ACTUAL> the client type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class AbstractWsClientAssert<SELF extends AbstractWsClientAssert<SELF, ACTUAL>,
        ACTUAL extends WsClient> extends AbstractAssert<SELF, ACTUAL> {

    private static final Predicate<WsEvent> INBOUND_MESSAGE = e -> e.isInbound() && e.type().isMessage();
    private static final String NO_MESSAGE = "(no message)";
    private static final String ABSENT = "(absent)";
    private static final String NONE = "(none)";

    private Duration budget;

    protected AbstractWsClientAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Sets how long the following expectations of this chain wait.
     *
     * <pre>{@code
     * assertThat(client).within(Duration.ofMillis(200)).receivesText("fast");    // passes if it comes in time
     * assertThat(slow).within(Duration.ofMillis(10)).receivesText("late");       // fails after 10 ms
     * }</pre>
     */
    public SELF within(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        this.budget = timeout;
        return myself;
    }

    /** The wait budget of the next expectation. */
    protected Duration budget() {
        return budget != null ? budget : actual.defaultTimeout();
    }

    // ============================================================================================ messages

    /**
     * Waits for a text message equal to {@code expected}.
     *
     * <pre>{@code
     * echoClient.sendText("hi");
     * assertThat(echoClient).receivesText("hi");     // passes
     * assertThat(echoClient).receivesText("bye");    // fails: only "hi" arrived
     * }</pre>
     */
    public SELF receivesText(String expected) {
        return receivesMatching(MessageMatcher.text(expected), expected);
    }

    /** Waits for a text message containing {@code fragment}. */
    public SELF receivesTextContaining(String fragment) {
        return receivesMatching(MessageMatcher.textContaining(fragment), fragment);
    }

    /** Waits for a text message that the regular expression matches entirely. */
    public SELF receivesTextMatching(String regex) {
        return receivesMatching(MessageMatcher.textMatching(regex), null);
    }

    /** Waits for a text message that the pattern matches entirely. */
    public SELF receivesTextMatching(Pattern pattern) {
        return receivesMatching(MessageMatcher.textMatching(pattern), null);
    }

    /**
     * Waits for a text message whose JSON equals {@code expectedJson}, ignoring key order, whitespace and
     * number format ({@code 1} equals {@code 1.0}).
     *
     * <pre>{@code
     * // server sent {"b": 2, "a": 1}
     * assertThat(client).receivesJson("{\"a\":1,\"b\":2}");   // passes
     * assertThat(client).receivesJson("{\"a\":1}");           // fails: b is extra (use receivesJsonContaining)
     * }</pre>
     */
    public SELF receivesJson(String expectedJson) {
        return receivesMatching(MessageMatcher.json(expectedJson), expectedJson);
    }

    /**
     * Waits for a text message whose JSON contains {@code expectedSubset}: every field given must be present
     * with a matching value (recursively); other fields are ignored; arrays match element by element.
     */
    public SELF receivesJsonContaining(String expectedSubset) {
        return receivesMatching(MessageMatcher.jsonContaining(expectedSubset), expectedSubset);
    }

    /**
     * Waits for a text message whose JSON has, at the {@link JsonPath}, this Java value (a {@code String} is a
     * JSON string, numbers compare by value, {@code null} is JSON null; see
     * {@link MessageMatcher#jsonPath(String, Object)}). A failure names the closest message's value there.
     *
     * <pre>{@code
     * // server sent {"type": "msg", "order": {"id": 8}}
     * assertThat(client).receivesJsonPath("$.type", "msg");      // passes
     * assertThat(client).receivesJsonPath("$.order.id", 7);      // fails: $.order.id: expected 7 but was 8
     * }</pre>
     */
    public SELF receivesJsonPath(String path, Object expectedValue) {
        return receivesMatching(MessageMatcher.jsonPath(path, expectedValue), null);
    }

    /**
     * Waits for a text message whose JSON has, at the {@link JsonPath}, a value that reads as {@code type} and
     * satisfies the condition.
     *
     * <pre>{@code
     * // server sent {"price": 9.5}
     * assertThat(client).receivesJsonPath("$.price", Double.class, p -> p > 9);    // passes
     * assertThat(client).receivesJsonPath("$.price", Double.class, p -> p > 10);   // fails
     * }</pre>
     */
    public <T> SELF receivesJsonPath(String path, Class<T> type, Predicate<? super T> condition) {
        return receivesMatching(MessageMatcher.jsonPath(path, type, condition), null);
    }

    /**
     * Waits for a text message that arrived in exactly {@code frames} frames (a fragmented message is one
     * message in the log, which keeps the size of each of its frames).
     *
     * <pre>{@code
     * // server sent "fragmented" as "frag", "ment", "ed"
     * assertThat(client).receivesTextInFrames(3);                  // passes
     * assertThat(client).receivesTextInFrames("fragmented", 1);    // fails: it came in 3 frames
     * }</pre>
     */
    public SELF receivesTextInFrames(int frames) {
        return receivesMatching(MessageMatcher.textInFrames(frames), null);
    }

    /** Waits for a text message equal to {@code expected} that arrived in exactly {@code frames} frames. */
    public SELF receivesTextInFrames(String expected, int frames) {
        return receivesMatching(MessageMatcher.textInFrames(expected, frames), expected);
    }

    /** Waits for a binary message that arrived in exactly {@code frames} frames. */
    public SELF receivesBinaryInFrames(int frames) {
        return receivesMatching(MessageMatcher.binaryInFrames(frames), null);
    }

    /** Waits for a binary message with exactly these bytes. */
    public SELF receivesBinary(byte[] expected) {
        return receivesMatching(MessageMatcher.binary(expected), null);
    }

    /** Waits for a message the matcher accepts. */
    public SELF receives(MessageMatcher matcher) {
        return receivesMatching(matcher, null);
    }

    private SELF receivesMatching(MessageMatcher matcher, String closestTo) {
        isNotNull();
        Duration wait = budget();
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        LogScan scan = new LogScan(log, from, INBOUND_MESSAGE, matcher::matches);
        if (log.awaitUntil(scan::advance, wait)) {
            actual.cursor().advanceMessages(scan.found().seq());
            return myself;
        }
        Map<Long, String> notes = notesFrom(from);
        int skipped = scan.candidatesSeen();
        String outcome = skipped == 0
                ? "but no message arrived" + afterLastMatch(from) + "."
                : "but none of the " + skipped + " message(s) that arrived" + afterLastMatch(from) + " matched.";
        Object expected = matcher.description();
        Object got = arrivedAfter(from);
        if (matcher instanceof JsonMessageMatcher json) {
            Optional<Map.Entry<WsEvent, JsonMatch.Difference>> closest = closestJson(log.eventsAfter(from), json);
            if (closest.isPresent()) {
                WsEvent event = closest.get().getKey();
                JsonMatch.Difference difference = closest.get().getValue();
                notes.put(event.seq(), "closest");
                outcome += "\nClosest (+" + event.sinceOpen().toMillis() + "): " + difference.first()
                        + moreDifferences(difference);
                expected = difference.expected();
                got = difference.actual();
            }
        } else if (closestTo != null) {
            Optional<WsEvent> closest = closest(log.eventsAfter(from), closestTo);
            if (closest.isPresent()) {
                notes.put(closest.get().seq(), "closest");
                expected = closestTo;
                got = closest.get().text();
            }
        }
        throw failure(ShouldReceive.message(actual, "to receive " + matcher.description(), wait, outcome, notes,
                null), expected, got);
    }

    /**
     * Strict: the very next message (after the last one an earlier expectation matched) must be a text
     * message equal to {@code expected}.
     *
     * <pre>{@code
     * // server sent "a" then "b"
     * assertThat(client).receivesNextText("a").receivesNextText("b");   // passes
     * assertThat(client).receivesNextText("b");                         // fails: the next message is "a"
     * }</pre>
     */
    public SELF receivesNextText(String expected) {
        return receivesNext(MessageMatcher.text(expected), expected);
    }

    /** Strict: the very next message must be JSON equal to {@code expectedJson}. */
    public SELF receivesNextJson(String expectedJson) {
        return receivesNext(MessageMatcher.json(expectedJson));
    }

    /** Strict: the very next message must satisfy the matcher. */
    public SELF receivesNext(MessageMatcher matcher) {
        return receivesNext(matcher, null);
    }

    private SELF receivesNext(MessageMatcher matcher, String expectedText) {
        isNotNull();
        Duration wait = budget();
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        LogScan scan = new LogScan(log, from, INBOUND_MESSAGE, e -> true);
        if (!log.awaitUntil(scan::advance, wait)) {
            throw failure(ShouldReceive.message(actual, "to receive next " + matcher.description(), wait,
                    "but no message arrived" + afterLastMatch(from) + ".", notesFrom(from), null),
                    matcher.description(), NO_MESSAGE);
        }
        WsEvent next = scan.found();
        if (!matcher.matches(next)) {
            Map<Long, String> notes = notesFrom(from);
            notes.put(next.seq(), "the next message");
            String outcome = "but the next message (+" + next.sinceOpen().toMillis() + ") was "
                    + FrameLogFormat.describe(next) + ".";
            Object expected = matcher.description();
            Object got = FrameLogFormat.describe(next);
            Optional<JsonMatch.Difference> difference = matcher instanceof JsonMessageMatcher json
                    ? json.difference(next) : Optional.empty();
            if (difference.isPresent()) {
                outcome += "\nIt differs at " + difference.get().first() + moreDifferences(difference.get());
                expected = difference.get().expected();
                got = difference.get().actual();
            } else if (expectedText != null && next.type() == EventType.TEXT) {
                expected = expectedText;
                got = next.text();
            }
            throw failure(ShouldReceive.message(actual, "to receive next " + matcher.description(), null, outcome,
                    notes, null), expected, got);
        }
        actual.cursor().advanceMessages(next.seq());
        return myself;
    }

    /**
     * Waits until {@code count} more messages (of any content) have arrived after the last matched one,
     * and moves past them.
     */
    public SELF receivesMessages(int count) {
        isNotNull();
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        Duration wait = budget();
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        int[] seen = {0};
        LogScan scan = new LogScan(log, from, INBOUND_MESSAGE, e -> ++seen[0] >= count);
        if (log.awaitUntil(scan::advance, wait)) {
            actual.cursor().advanceMessages(scan.found().seq());
            return myself;
        }
        throw failure(ShouldReceive.message(actual, "to receive " + count + " more message(s)"
                + afterLastMatch(from), wait, "but " + scan.candidatesSeen() + " arrived.",
                notesFrom(from), null), count + " message(s)", scan.candidatesSeen() + " message(s)");
    }

    /**
     * Waits for messages matching each matcher in this order (other messages may come in between).
     *
     * <pre>{@code
     * assertThat(client).receivesInOrder(text("join"), textContaining("hello"), json("{\"bye\":true}"));
     * }</pre>
     */
    public SELF receivesInOrder(MessageMatcher... matchers) {
        isNotNull();
        if (matchers.length == 0) {
            throw new IllegalArgumentException("give at least one matcher");
        }
        Duration wait = budget();
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        List<WsEvent> matched = new ArrayList<>();
        LogScan[] scan = {new LogScan(log, from, INBOUND_MESSAGE, matchers[0]::matches)};
        boolean done = log.awaitUntil(() -> {
            while (scan[0].advance()) {
                matched.add(scan[0].found());
                if (matched.size() == matchers.length) {
                    return true;
                }
                scan[0] = new LogScan(log, scan[0].found().seq(), INBOUND_MESSAGE, matchers[matched.size()]::matches);
            }
            return false;
        }, wait);
        if (done) {
            actual.cursor().advanceMessages(matched.get(matched.size() - 1).seq());
            return myself;
        }
        Map<Long, String> notes = notesFrom(from);
        StringBuilder expectation = new StringBuilder("to receive, in this order:\n");
        for (int i = 0; i < matchers.length; i++) {
            expectation.append("  ").append(i + 1).append(". ").append(matchers[i].description());
            if (i < matched.size()) {
                expectation.append("   (matched at +").append(matched.get(i).sinceOpen().toMillis()).append(')');
                notes.put(matched.get(i).seq(), "matched " + (i + 1) + ".");
            } else if (i == matched.size()) {
                expectation.append("   <- not found");
            }
            expectation.append('\n');
        }
        List<String> wanted = new ArrayList<>();
        for (MessageMatcher m : matchers) {
            wanted.add(m.description());
        }
        throw failure(ShouldReceive.message(actual, expectation.toString().stripTrailing(), wait,
                "but only the first " + matched.size() + " of " + matchers.length + " were found in order.", notes,
                null), String.join("\n", wanted), arrivedAfter(from));
    }

    /**
     * Waits the whole {@code duration} and fails as soon as any message arrives (after the last matched one).
     *
     * <pre>{@code
     * client.sendText("unsubscribe");
     * assertThat(client).receivesText("unsubscribed").receivesNoMessageDuring(Duration.ofMillis(500));
     * }</pre>
     */
    public SELF receivesNoMessageDuring(Duration duration) {
        return receivesNoMessageDuring(duration, MessageMatcher.anyMessage());
    }

    /** Waits the whole {@code duration} and fails as soon as a message matching the matcher arrives. */
    public SELF receivesNoMessageDuring(Duration duration, MessageMatcher matcher) {
        isNotNull();
        Objects.requireNonNull(duration, "duration");
        FrameLog log = actual.log();
        long from = actual.cursor().messages();
        LogScan scan = new LogScan(log, from, INBOUND_MESSAGE, matcher::matches);
        if (!log.awaitUntil(scan::advance, duration)) {
            return myself;
        }
        WsEvent unwanted = scan.found();
        Map<Long, String> notes = notesFrom(from);
        notes.put(unwanted.seq(), "unexpected");
        throw failure(ShouldReceive.message(actual, "to receive no "
                + (matcher.description().equals("any message") ? "message" : matcher.description().replaceFirst("^an? ", ""))
                + " during " + Durations.format(duration), null, "but one arrived at +"
                + unwanted.sinceOpen().toMillis() + ": " + FrameLogFormat.describe(unwanted) + ".", notes, null),
                NO_MESSAGE, FrameLogFormat.describe(unwanted));
    }

    // ============================================================================================ so far

    /** Whether a text message equal to {@code expected} was received at any time so far (no waiting). */
    public SELF hasReceivedText(String expected) {
        return hasReceived(MessageMatcher.text(expected));
    }

    /** Whether a message the matcher accepts was received at any time so far (no waiting). */
    public SELF hasReceived(MessageMatcher matcher) {
        isNotNull();
        if (actual.log().firstAfter(0, e -> INBOUND_MESSAGE.test(e) && matcher.matches(e)).isEmpty()) {
            throw failure(ShouldReceive.message(actual, "to have received " + matcher.description(), null,
                    "but it has not.", null, null), matcher.description(), arrivedAfter(0));
        }
        return myself;
    }

    /**
     * The message the last successful expectation on this client matched, to read values from (a capture, as
     * {@code capture ... json $.from as speaker} is in a {@code .ws} file). No waiting; fails when no
     * expectation has matched a message yet.
     *
     * <pre>{@code
     * String speaker = assertThat(bob).receivesJsonContaining("{\"type\":\"say\"}").lastMatch().json("$.from");
     * int id = assertThat(bob).lastMatch().json("$.id", Integer.class);
     * }</pre>
     */
    public MatchedMessage lastMatch() {
        isNotNull();
        long seq = actual.cursor().messages();
        Optional<WsEvent> matched = seq == 0 ? Optional.empty() : actual.log().find(seq);
        if (matched.isEmpty()) {
            throw failure(ShouldReceive.message(actual, "to have a message matched by an earlier expectation",
                    null, seq == 0 ? "but no expectation has matched a message yet."
                            : "but it was dropped from the log by its limits.", null,
                    "lastMatch() reads the message the last receives... expectation matched."),
                    "a matched message", NO_MESSAGE);
        }
        return new MatchedMessage(actual, matched.get());
    }

    /** AssertJ list assertions over every message received so far (text and binary events). */
    public ListAssert<WsEvent> receivedMessages() {
        isNotNull();
        return Assertions.assertThat(actual.log().receivedMessages())
                .as("messages received by %s%nFrames since connect:%n%s", actual.describe(), actual.formatLog());
    }

    /** AssertJ list assertions over the texts of every text message received so far. */
    public ListAssert<String> receivedTexts() {
        isNotNull();
        return Assertions.assertThat(actual.receivedTexts())
                .as("texts received by %s%nFrames since connect:%n%s", actual.describe(), actual.formatLog());
    }

    // ============================================================================================ ping / pong

    /** Waits for a pong (any payload) after the last ping/pong an earlier expectation matched. */
    public SELF receivesPong() {
        return receivesControl(EventType.PONG, null);
    }

    /** Waits for a pong with exactly this payload. */
    public SELF receivesPong(byte[] payload) {
        return receivesControl(EventType.PONG, payload.clone());
    }

    /** Waits for a pong whose payload is the UTF-8 of {@code payload}. */
    public SELF receivesPong(String payload) {
        return receivesPong(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for a ping from the server (any payload). */
    public SELF receivesPing() {
        return receivesControl(EventType.PING, null);
    }

    /** Waits for a ping from the server with exactly this payload. */
    public SELF receivesPing(byte[] payload) {
        return receivesControl(EventType.PING, payload.clone());
    }

    /** Waits for a ping from the server whose payload is the UTF-8 of {@code payload}. */
    public SELF receivesPing(String payload) {
        return receivesPing(payload.getBytes(StandardCharsets.UTF_8));
    }

    private SELF receivesControl(EventType type, byte[] payload) {
        isNotNull();
        Duration wait = budget();
        FrameLog log = actual.log();
        long from = actual.cursor().controls();
        LogScan scan = new LogScan(log, from, e -> e.isInbound() && e.type() == type,
                e -> payload == null || e.payloadEquals(payload));
        if (log.awaitUntil(scan::advance, wait)) {
            actual.cursor().advanceControls(scan.found().seq());
            return myself;
        }
        String what = "a " + type + (payload == null ? "" : " with payload "
                + FrameLogFormat.hex(payload) + " (" + payload.length + " bytes)");
        String hint = type == EventType.PONG && log.firstAfter(0, e -> e.isOutbound() && e.type() == EventType.PING)
                .isEmpty() ? "no ping was sent on this connection; a server only answers pings." : null;
        throw failure(ShouldReceive.message(actual, "to receive " + what, wait, scan.candidatesSeen() == 0
                ? "but no " + type + " arrived" + (from > 0 ? " after the last one an earlier expectation matched" : "")
                + "."
                : "but none of the " + scan.candidatesSeen() + " " + type + " frame(s) had that payload.",
                null, hint), what, listed(log.eventsAfter(from), e -> e.isInbound() && e.type() == type,
                "(no " + type + ")"));
    }

    // ============================================================================================ close

    /** The connection is open right now (no close frame sent or received). No waiting. */
    public SELF isOpen() {
        isNotNull();
        if (actual.state() != ConnectionState.OPEN) {
            throw failure(ShouldReceive.message(actual, "to be OPEN", null, "but it is " + actual.state() + ".",
                    null, null), ConnectionState.OPEN, actual.state());
        }
        return myself;
    }

    /** Waits until the connection is closed, however it ended (clean, unanswered, or dropped). */
    public SELF isClosed() {
        return awaitClosed("to be closed", s -> true, Ending.ANY, null);
    }

    /**
     * Waits until the connection is closed with this code (the one sent by the side that started closing)
     * after a clean closing handshake: a close frame each way. A connection the client failed (the server
     * broke RFC 6455 or sent a message over the size limit) counts too: the client then sends its close
     * frame (1002, 1007, 1009) and closes TCP without waiting for an answer, as RFC 6455 section 7.1.7 asks.
     *
     * <pre>{@code
     * client.close(1000, "bye");
     * assertThat(client).isClosedWith(1000);   // passes once the server answered with its close frame
     * // fails, "but the server never answered the closing handshake", when it did not within the budget
     * }</pre>
     */
    public SELF isClosedWith(int code) {
        return awaitClosed("to be closed with code " + code, s -> s.code() == code, Ending.COMPLETE, null);
    }

    /** As {@link #isClosedWith(int)}, with this reason too. */
    public SELF isClosedWith(int code, String reason) {
        Objects.requireNonNull(reason, "reason (use isClosedWith(code) to ignore it, \"\" for none)");
        return awaitClosed("to be closed with code " + code + " and reason " + FrameLogFormat.quote(reason),
                s -> s.code() == code && s.reason().equals(reason), Ending.COMPLETE, null);
    }

    /**
     * Waits until the server started a closing handshake that the client answered (a clean close), as
     * {@link #isClosedWith(int)}.
     */
    public SELF isClosedByServer() {
        return awaitClosed("to be closed by the server", s -> s.initiator().equals(Optional.of(Side.SERVER)),
                Ending.COMPLETE, null);
    }

    /**
     * Waits until the client started a closing handshake that the server answered (a clean close), or the
     * client failed the connection, as {@link #isClosedWith(int)}.
     */
    public SELF isClosedByClient() {
        return awaitClosed("to be closed by the client", s -> s.initiator().equals(Optional.of(Side.CLIENT)),
                Ending.COMPLETE, null);
    }

    /**
     * Waits until the connection is closed cleanly: both close frames were exchanged before the TCP connection
     * went (RFC 6455 section 7.1.4), whichever side started and with whatever code.
     *
     * <pre>{@code
     * client.close(1000, "");
     * assertThat(client).isClosedCleanly();     // passes: the server answered
     * assertThat(silentServerClient).isClosedCleanly();   // fails: the server never answered
     * }</pre>
     */
    public SELF isClosedCleanly() {
        return awaitClosed("to be closed cleanly (a close frame each way)", s -> true, Ending.CLEAN, null);
    }

    /**
     * Waits until the connection is closed without a complete closing handshake: one side's close frame was
     * never answered, or there was no close frame at all (1006).
     */
    public SELF isClosedUncleanly() {
        return awaitClosed("to be closed uncleanly (closing handshake not completed)", s -> !s.isClean(),
                Ending.ANY,
                "both close frames were exchanged, so this was a clean close.");
    }

    /** Waits until the connection ends without any close frame (code 1006). */
    public SELF isClosedAbnormally() {
        return awaitClosed("to be closed abnormally (1006, no close frame)", CloseStatus::isAbnormal, Ending.ANY,
                "a close frame was exchanged, so this was not an abnormal closure.");
    }

    /** How complete the closing handshake must be for a close expectation. */
    private enum Ending {
        /** However it ended. */
        ANY,
        /**
         * A close frame each way, or this client failed the connection (RFC 6455 section 7.1.7: it sends its
         * close frame and closes TCP without waiting for an answer, so none is missing).
         */
        COMPLETE,
        /** A close frame each way. */
        CLEAN
    }

    private SELF awaitClosed(String expectation, Predicate<CloseStatus> condition, Ending ending,
                             String mismatchHint) {
        isNotNull();
        Duration wait = budget();
        FrameLog log = actual.log();
        if (!log.awaitUntil(() -> log.closeStatus().isPresent(), wait)) {
            throw failure(ShouldReceive.message(actual, expectation, wait,
                    "but it is still " + actual.state() + stillClosingBecause(log) + ".", null,
                    actual.state() == ConnectionState.OPEN
                            ? "close it from the test with client.close(code, reason), or check that the server"
                            + " closes." : null), expectation, "still " + actual.state());
        }
        CloseStatus status = log.closeStatus().orElseThrow();
        if (!condition.test(status)) {
            throw failure(ShouldReceive.message(actual, expectation, null, "but it closed with " + status + ".",
                    null, status.isAbnormal() ? null : mismatchHint), expectation, "closed with " + status);
        }
        boolean complete = status.isClean() || ending == Ending.COMPLETE && status.isFailed();
        if (ending != Ending.ANY && !complete) {
            throw failure(ShouldReceive.message(actual, expectation, null, "but " + status.problem().orElseThrow()
                    + " (" + status + ").", null, null), expectation, "closed with " + status);
        }
        return myself;
    }

    /** ", waiting for the server to answer the close frame sent at +12" while a closing handshake is under way. */
    private static String stillClosingBecause(FrameLog log) {
        if (log.state() != ConnectionState.CLOSING) {
            return "";
        }
        return log.firstAfter(0, e -> e.type() == EventType.CLOSE)
                .map(e -> ", waiting for the " + (e.isOutbound() ? log.side().peer() : log.side())
                        + " to answer the close frame " + (e.isOutbound() ? "sent" : "received") + " at +"
                        + e.sinceOpen().toMillis())
                .orElse("");
    }

    // ============================================================================================ protocol

    /**
     * The server has kept to RFC 6455 on this connection so far: no frame of its broke a rule (masking,
     * reserved bits or opcodes, control frames, fragmentation, UTF-8, close codes). No waiting. A strict
     * client fails the connection at the first violation; a {@code lenient()} one goes on recording them.
     *
     * <pre>{@code
     * assertThat(client).hasNoProtocolViolations();   // passes against a server that keeps to the RFC
     * // against a server that masks its frames it fails with:
     * //   The server broke RFC 6455 at +12: §5.1: server frames must not be masked (masked with key
     * //   0x37fa213d); the client failed the connection with 1002.
     * //   Expecting client "c" (ws://127.0.0.1:40809/, CLOSED)
     * //   to see no protocol violations from the server
     * //   but it saw 1.
     * }</pre>
     */
    public SELF hasNoProtocolViolations() {
        isNotNull();
        FrameLog log = actual.log();
        int count = log.violationCount();
        if (count > 0) {
            Map<Long, String> notes = new HashMap<>();
            log.violations().forEach(v -> notes.put(v.seq(), "violation"));
            throw failure(ShouldReceive.message(actual, "to see no protocol violations from the server", null,
                    "but it saw " + count + ".", notes, null), "no protocol violations",
                    listed(log.violations(), e -> true, ""));
        }
        return myself;
    }

    // ============================================================================================ handshake

    /** The upgrade response had this HTTP status (101 for every connected client). */
    public SELF hasHandshakeStatus(int status) {
        isNotNull();
        if (actual.handshake().status() != status) {
            throw handshakeFailure("to have handshake status " + status, "but it was "
                    + actual.handshake().status() + ".", status, actual.handshake().status());
        }
        return myself;
    }

    /** The upgrade response carried this header (name case-insensitive). */
    public SELF hasResponseHeader(String name) {
        isNotNull();
        if (!actual.handshake().responseHeaders().contains(name)) {
            throw handshakeFailure("to have response header " + name, "but it is absent.", name, ABSENT);
        }
        return myself;
    }

    /**
     * The upgrade response carried this header with this value: a whole value equals {@code value} (a date is
     * compared whole, commas and all), or, for a header that is a comma-separated list by definition
     * ({@link dev.wstest.record.Headers#isList}), one of its elements does.
     *
     * <pre>{@code
     * assertThat(client).hasResponseHeader("Date", "Tue, 01 Jan 2030 00:00:00 GMT");   // passes
     * assertThat(client).hasResponseHeader("Vary", "Origin");                          // "Vary: Origin, Accept": passes
     * assertThat(client).hasResponseHeader("Date", "Tue");                             // fails
     * }</pre>
     */
    public SELF hasResponseHeader(String name, String value) {
        isNotNull();
        Handshake h = actual.handshake();
        List<String> values = h.responseHeaders().all(name);
        if (!h.responseHeaders().hasValue(name, value)) {
            throw handshakeFailure("to have response header " + name + ": " + value, values.isEmpty()
                    ? "but it is absent." : "but its value is " + String.join(", ", values) + ".", name + ": " + value,
                    values.isEmpty() ? ABSENT : name + ": " + String.join(", ", values));
        }
        return myself;
    }

    /**
     * The upgrade response carried this header with a value the regular expression matches entirely (the
     * whole value as received: {@code hasResponseHeaderMatching("Date", "Tue, .* GMT")}).
     */
    public SELF hasResponseHeaderMatching(String name, String regex) {
        isNotNull();
        Pattern p = Pattern.compile(regex);
        List<String> values = actual.handshake().responseHeaders().all(name);
        if (values.stream().noneMatch(v -> p.matcher(v).matches())) {
            throw handshakeFailure("to have response header " + name + " matching /" + regex + "/",
                    values.isEmpty() ? "but it is absent." : "but its value is " + String.join(", ", values) + ".",
                    name + ": /" + regex + "/", values.isEmpty() ? ABSENT : name + ": " + String.join(", ", values));
        }
        return myself;
    }

    /** The server chose this subprotocol. */
    public SELF hasSubprotocol(String subprotocol) {
        isNotNull();
        Optional<String> chosen = actual.subprotocol();
        if (!chosen.equals(Optional.of(subprotocol))) {
            throw handshakeFailure("to have negotiated subprotocol " + subprotocol, chosen
                    .map(c -> "but the server chose " + c + ".")
                    .orElse("but the server chose none (no Sec-WebSocket-Protocol in the response)."), subprotocol,
                    chosen.orElse(NONE));
        }
        return myself;
    }

    /** The server chose no subprotocol. */
    public SELF hasNoSubprotocol() {
        isNotNull();
        actual.subprotocol().ifPresent(c -> {
            throw handshakeFailure("to have negotiated no subprotocol", "but the server chose " + c + ".", NONE, c);
        });
        return myself;
    }

    /**
     * The server accepted this extension and, if any are given, answered with each of these parameters,
     * written as in the header: a name ({@code server_no_context_takeover}) or {@code name=value}
     * ({@code client_max_window_bits=10}). Names and values compare case-insensitively; parameters not
     * listed may also be there.
     *
     * <pre>{@code
     * // the server answered "permessage-deflate; server_no_context_takeover; client_max_window_bits=12"
     * assertThat(client).hasExtension("permessage-deflate");                                  // passes
     * assertThat(client).hasExtension("permessage-deflate", "client_max_window_bits=12");     // passes
     * assertThat(client).hasExtension("permessage-deflate", "client_no_context_takeover");    // fails
     * }</pre>
     */
    public SELF hasExtension(String extension, String... parameters) {
        isNotNull();
        List<String> accepted = actual.handshake().extensions();
        Optional<List<String>> answered = actual.handshake().extensionParameters(extension);
        String expectation = "to have negotiated extension " + extension
                + (parameters.length == 0 ? "" : " with " + String.join("; ", parameters));
        String wantedHeader = extension + (parameters.length == 0 ? "" : "; " + String.join("; ", parameters));
        if (answered.isEmpty()) {
            throw handshakeFailure(expectation, accepted.isEmpty()
                    ? "but the server accepted none." : "but the server accepted " + accepted + ".", wantedHeader,
                    accepted.isEmpty() ? NONE : String.join(", ", accepted));
        }
        List<String> missing = new ArrayList<>();
        for (String p : parameters) {
            String wanted = p.replace(" ", "");
            if (answered.get().stream().noneMatch(a -> a.equalsIgnoreCase(wanted))) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            String answer = extension + (answered.get().isEmpty() ? "" : "; " + String.join("; ", answered.get()));
            throw handshakeFailure(expectation, "but " + String.join(", ", missing) + (missing.size() == 1
                    ? " is" : " are") + " not in the server's answer: " + answer
                    + (answered.get().isEmpty() ? " (no parameters)" : "") + ".", wantedHeader, answer);
        }
        return myself;
    }

    /** The server accepted no extension (no {@code Sec-WebSocket-Extensions} in its answer). */
    public SELF hasNoExtensions() {
        isNotNull();
        List<String> accepted = actual.handshake().extensions();
        if (!accepted.isEmpty()) {
            String answer = String.join(", ", actual.handshake().responseHeaders().all("Sec-WebSocket-Extensions"));
            throw handshakeFailure("to have negotiated no extension", "but the server accepted " + answer + ".", NONE,
                    answer);
        }
        return myself;
    }

    private AssertionError handshakeFailure(String expectation, String outcome, Object expected, Object got) {
        return failure("Expecting " + actual.describe() + "\n" + expectation + "\n" + outcome + "\n\nHandshake:\n"
                + actual.handshake().format(actual.redactor()), expected, got);
    }

    // ============================================================================================ helpers

    /** The messages that arrived after the event {@code from}, one per line: the "actual" of a failure. */
    private String arrivedAfter(long from) {
        return listed(actual.log().eventsAfter(from), INBOUND_MESSAGE, NO_MESSAGE);
    }

    private static String listed(List<? extends WsEvent> events, Predicate<WsEvent> which, String none) {
        StringBuilder sb = new StringBuilder();
        for (WsEvent e : events) {
            if (which.test(e)) {
                sb.append(sb.length() == 0 ? "" : "\n").append(FrameLogFormat.describe(e));
            }
        }
        return sb.length() == 0 ? none : sb.toString();
    }

    private static String moreDifferences(JsonMatch.Difference difference) {
        int more = difference.count() - 1;
        return more == 0 ? "" : " (and " + (difference.count() >= JsonMatch.Difference.LIMIT ? "many" : more)
                + " more difference" + (more == 1 ? "" : "s") + ")";
    }

    /** The JSON message with the fewest differences from what the matcher expects (the first of equals). */
    private static Optional<Map.Entry<WsEvent, JsonMatch.Difference>> closestJson(List<WsEvent> events,
                                                                                  JsonMessageMatcher matcher) {
        Map.Entry<WsEvent, JsonMatch.Difference> best = null;
        for (WsEvent e : events) {
            if (INBOUND_MESSAGE.test(e)) {
                Optional<JsonMatch.Difference> d = matcher.difference(e);
                if (d.isPresent() && (best == null || d.get().count() < best.getValue().count())) {
                    best = Map.entry(e, d.get());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private String afterLastMatch(long from) {
        return from > 0 ? " after the last matched one" + actual.log().find(from)
                .map(e -> " (+" + e.sinceOpen().toMillis() + ")").orElse(" (elided since)") : "";
    }

    private Map<Long, String> notesFrom(long from) {
        Map<Long, String> notes = new HashMap<>();
        if (from > 0) {
            notes.put(from, "last matched by an earlier expectation; later ones look after it");
        }
        return notes;
    }

    private static Optional<WsEvent> closest(List<WsEvent> events, String expected) {
        WsEvent best = null;
        double bestScore = 0.3; // below this, "closest" would mislead
        for (WsEvent e : events) {
            if (INBOUND_MESSAGE.test(e) && e.type() == EventType.TEXT) {
                double score = Similarity.of(expected, e.text());
                if (score > bestScore) {
                    bestScore = score;
                    best = e;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The failure, made by AssertJ: the description ({@code as}) and an overriding message
     * ({@code withFailMessage}) apply, and it is opentest4j's {@code AssertionFailedError} with the expected
     * and actual values when opentest4j is on the classpath. The one place this assertion's text leaves, so
     * known secrets are scrubbed from all of it (a frame may carry a token).
     */
    private AssertionError failure(String message, Object expected, Object got) {
        return Failing.failure(info, actual.redactor(), message, expected, got, this::failureWithActualExpected);
    }
}
