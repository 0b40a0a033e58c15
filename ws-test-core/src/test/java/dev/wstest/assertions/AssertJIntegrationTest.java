package dev.wstest.assertions;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wstest.client.WsClient;
import dev.wstest.client.WsHandshakeException;
import dev.wstest.protocol.Frame;
import dev.wstest.server.WsServer;
import dev.wstest.testing.MisbehavingServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * ws-test's assertions are AssertJ assertions: every public assertion method, found by reflection so a new
 * one cannot be forgotten, fails with opentest4j's {@code AssertionFailedError}, honours {@code as(...)},
 * {@code withFailMessage(...)} and {@code overridingErrorMessage(...)}, and is collected by soft assertions.
 */
@Timeout(120)
class AssertJIntegrationTest {

    static final Duration BUDGET = Duration.ofMillis(50);
    /** Assertion methods that cannot fail: configuration, and the AssertJ list assertions they hand out. */
    static final Set<String> NEVER_FAIL = Set.of("within", "receivedMessages", "receivedTexts");

    static WsServer server;
    static WsClient closed;
    static MisbehavingServer misbehaving;
    static WsClient violated;

    @BeforeAll
    static void fixtures() throws Exception {
        server = WsServer.builder().subprotocols("v2").permessageDeflate().start();
        closed = WsClient.connect(server.uri("/closed"));
        closed.close(1000, "done");
        misbehaving = MisbehavingServer.sending(Frame.text("Hello").masked(new byte[] {1, 2, 3, 4}).toBytes());
        violated = WsClient.connect(misbehaving.uri());
        violated.sendText("go");
        misbehaving.awaitOutcome();
    }

    @AfterAll
    static void stop() throws Exception {
        closed.close();
        violated.close();
        misbehaving.close();
        server.close();
    }

    /**
     * An open client that received "hello" and negotiated "v2" and permessage-deflate (so that hasNoExtensions
     * has a case to fail on): fresh per call, since expectations move on.
     */
    static WsClient open() {
        WsClient client = WsClient.builder(server.uri("/open")).subprotocols("v2").permessageDeflate().connect();
        client.sendText("hello");
        assertThat(client.log().awaitUntil(() -> client.receivedTexts().size() == 1, Duration.ofSeconds(5)))
                .isTrue();
        return client;
    }

    /** Every public assertion method of the client assertions, declared by ws-test, in a stable order. */
    static List<Method> assertionMethods() {
        return Arrays.stream(WsClientAssert.class.getMethods())
                .filter(m -> m.getDeclaringClass().getPackageName().equals("dev.wstest.assertions"))
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !NEVER_FAIL.contains(m.getName()))
                .sorted(Comparator.comparing(Method::toGenericString))
                .collect(Collectors.toList());
    }

    /**
     * Arguments that make the method fail on at least one of the fixtures: a JSON path where one is asked for,
     * and strings that are valid JSON (a JSON string) so that the JSON expectations take them.
     */
    static Object[] argumentsFor(Method m) {
        Class<?>[] types = m.getParameterTypes();
        return IntStream.range(0, types.length).mapToObj(i -> {
            Class<?> type = types[i];
            if (i == 0 && type == String.class && m.getName().contains("JsonPath")) {
                return "$.nope";
            } else if (type == String.class || type == Object.class) {
                return "\"nope\"";
            } else if (type == int.class) {
                return 4999;
            } else if (type == byte[].class) {
                return new byte[] {9, 9};
            } else if (type == Duration.class) {
                return BUDGET;
            } else if (type == Pattern.class) {
                return Pattern.compile("nope");
            } else if (type == MessageMatcher.class) {
                return MessageMatcher.anyMessage();
            } else if (type == String[].class) {
                return new String[] {"nope_param"};   // e.g. hasExtension's parameters
            } else if (type == MessageMatcher[].class) {
                return new MessageMatcher[] {MessageMatcher.anyMessage()};
            } else if (type == Class.class) {
                return String.class;
            } else if (type == Predicate.class) {
                return (Predicate<Object>) v -> false;
            }
            throw new IllegalStateException("AssertJIntegrationTest has no argument for " + type + " of " + m
                    + "; add one that makes it fail");
        }).toArray();
    }

    /**
     * Calls the method on an open, a closed and a violated client, each assertion made by {@code make}; returns
     * what each call threw (null where it passed).
     */
    static List<Throwable> failuresOf(Method m, Function<WsClient, WsClientAssert> make) {
        List<Throwable> thrown = new ArrayList<>();
        WsClient open = open();
        try {
            for (WsClient client : List.of(open, closed, violated)) {
                WsClientAssert assertion = make.apply(client).within(BUDGET);
                try {
                    m.invoke(assertion, argumentsFor(m));
                    thrown.add(null);
                } catch (InvocationTargetException e) {
                    thrown.add(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            open.close();
        }
        return thrown;
    }

    @Test
    @DisplayName("the walk covers every assertion method")
    void walkIsNotEmpty() {
        assertThat(assertionMethods()).extracting(Method::getName)
                .contains("receivesText", "receivesNextText", "hasSubprotocol", "isClosedWith", "receivesJsonPath",
                        "receivesTextInFrames", "receivesPing", "lastMatch", "hasNoProtocolViolations")
                .hasSizeGreaterThan(35);
    }

    @Test
    @DisplayName("every assertion method fails with opentest4j's AssertionFailedError carrying expected and actual")
    void everyFailureIsAnAssertionFailedError() {
        for (Method m : assertionMethods()) {
            List<Throwable> thrown = failuresOf(m, WebSocketAssertions::assertThat);
            assertThat(thrown).as(m.toGenericString()).anySatisfy(t -> assertThat(t).isNotNull());
            for (Throwable t : thrown) {
                if (t != null) {
                    assertThat(t).as(m.toGenericString()).isExactlyInstanceOf(AssertionFailedError.class);
                    AssertionFailedError failure = (AssertionFailedError) t;
                    assertThat(failure.isExpectedDefined() && failure.isActualDefined()).as(m.toGenericString())
                            .isTrue();
                    assertThat(failure.getExpected().getStringRepresentation()).as(m.toGenericString())
                            .isNotEqualTo(failure.getActual().getStringRepresentation());
                }
            }
        }
    }

    @Test
    @DisplayName("withFailMessage and overridingErrorMessage replace the message of every assertion method")
    void withFailMessageIsHonoured() {
        for (Method m : assertionMethods()) {
            assertThat(failuresOf(m, c -> assertThat(c).withFailMessage("custom %s", "failure")))
                    .as(m.toGenericString()).filteredOn(t -> t != null).isNotEmpty()
                    .allSatisfy(t -> assertThat(t).hasMessage("custom failure"));
            assertThat(failuresOf(m, c -> assertThat(c).overridingErrorMessage("overridden")))
                    .as(m.toGenericString()).filteredOn(t -> t != null).isNotEmpty()
                    .allSatisfy(t -> assertThat(t).hasMessage("overridden"));
        }
    }

    @Test
    @DisplayName("as(...) prefixes the message of every assertion method with the description")
    void descriptionIsHonoured() {
        for (Method m : assertionMethods()) {
            assertThat(failuresOf(m, c -> assertThat(c).as("step %d", 3)))
                    .as(m.toGenericString()).filteredOn(t -> t != null).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.getMessage()).startsWith("[step 3] ").contains("Expecting"));
        }
    }

    @Test
    @DisplayName("SoftAssertions.proxy collects the failure of every assertion method instead of throwing it")
    void softProxyCollects() {
        for (Method m : assertionMethods()) {
            SoftAssertions softly = new SoftAssertions();
            List<Throwable> thrown = failuresOf(m, c -> softly.proxy(WsClientAssert.class, WsClient.class, c));
            assertThat(thrown).as(m.toGenericString()).containsOnlyNulls();
            assertThat(softly.errorsCollected()).as(m.toGenericString()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e).isInstanceOf(AssertionFailedError.class));
        }
    }

    @Test
    @DisplayName("a secret in a description or an overriding message is scrubbed like the rest of the failure")
    void secretsInDescriptionsAreScrubbed() {
        try (WsClient client = WsClient.builder(server.uri("/s")).header("Authorization", "Bearer s3cr3t-t0ken")
                .connect()) {
            assertThatThrownBy(() -> assertThat(client).as("with s3cr3t-t0ken").within(BUDGET).receivesText("x"))
                    .message().doesNotContain("s3cr3t-t0ken").startsWith("[with ");
            assertThatThrownBy(() -> assertThat(client).withFailMessage("got s3cr3t-t0ken").isClosed())
                    .message().doesNotContain("s3cr3t-t0ken");
        }
    }

    @Nested
    class Soft {

        @Test
        @DisplayName("WebSocketSoftAssertions.assertSoftly reports every failure at the end, each with its frame log")
        void assertSoftlyReportsAll() {
            WsClient client = open();
            try {
                Throwable thrown = catchThrowable(() -> WebSocketSoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(client).within(BUDGET).receivesText("first miss");
                    softly.assertThat(client).receivesText("hello");           // passes: the miss moved nothing
                    softly.assertThat(client).hasSubprotocol("v9");
                    softly.assertThat(client.receivedTexts()).hasSize(2);      // AssertJ's own, softly
                }));
                assertThat(thrown).isInstanceOf(AssertionError.class);
                assertThat(thrown.getMessage())
                        .contains("Multiple Failures (3 failures)")
                        .contains("to receive a text message equal to \"first miss\"")
                        .contains("TEXT   \"hello\"")
                        .contains("to have negotiated subprotocol v9")
                        .contains("Expected size: 2 but was: 1");
            } finally {
                client.close();
            }
        }

        @Test
        @DisplayName("soft assertions on a refused handshake collect too")
        void softHandshake() {
            try (WsServer guarded = WsServer.builder().requireHeader("Authorization", "Bearer right").start()) {
                WsHandshakeException refused = (WsHandshakeException) catchThrowable(
                        () -> WsClient.connect(guarded.uri("/g")));
                WebSocketSoftAssertions softly = new WebSocketSoftAssertions();
                softly.assertThat(refused).hasStatus(403).hasResponseHeader("X-Nope")
                        .hasResponseHeaderMatching("Connection", "keep-.*").hasStatus(401);
                assertThat(softly.errorsCollected()).hasSize(3)
                        .allSatisfy(e -> assertThat(e).isInstanceOf(AssertionFailedError.class));
                SoftAssertions plain = new SoftAssertions();
                plain.proxy(WsHandshakeExceptionAssert.class, WsHandshakeException.class, refused).hasStatus(500);
                assertThat(plain.errorsCollected()).singleElement()
                        .satisfies(e -> assertThat(e).hasMessageContaining("HTTP status 500\nbut it was 401"));
            }
        }

        @Test
        @DisplayName("AssertJ's SoftAssertionsExtension injects WebSocketSoftAssertions and reports what it collected")
        void extensionInjects() {
            Events results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(InjectedFixture.class))
                    .execute().testEvents();
            results.assertStatistics(s -> s.started(1).failed(1));
            Throwable failure = results.failed().stream().findFirst().orElseThrow()
                    .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
            assertThat(failure.getMessage()).contains("Multiple Failures (2 failures)")
                    .contains("to receive a text message equal to \"a\"")
                    .contains("to receive a text message equal to \"b\"");
        }
    }

    /** Run by {@link Soft#extensionInjects()} through the test kit, not directly. */
    @ExtendWith(SoftAssertionsExtension.class)
    static class InjectedFixture {
        @InjectSoftAssertions
        WebSocketSoftAssertions softly;

        @Test
        void twoMisses() {
            try (WsServer echo = WsServer.echo(); WsClient client = WsClient.connect(echo.uri("/x"))) {
                softly.assertThat(client).within(BUDGET).receivesText("a");
                softly.assertThat(client).within(BUDGET).receivesText("b");
            }
        }
    }

    @Test
    @DisplayName("assertThatHandshakeRefused fails with an AssertionFailedError when the handshake was accepted")
    void handshakeRefusedFailsThroughAssertJ() {
        assertThatThrownBy(() -> assertThatHandshakeRefused(() -> WsClient.connect(server.uri("/ok"))))
                .isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Expecting the server to refuse the WebSocket handshake,\nbut the connection"
                        + " was accepted");
    }

    @Test
    @DisplayName("one static import of WebSocketAssertions.assertThat reaches AssertJ's overloads too")
    void oneImportForAll() {
        List<String> names = List.of("a", "b");
        assertThat(names).hasSize(2);       // AssertJ's, through WebSocketAssertions
        assertThat(3).isGreaterThan(2);
        assertThat(closed).isClosed();      // ws-test's
    }
}
