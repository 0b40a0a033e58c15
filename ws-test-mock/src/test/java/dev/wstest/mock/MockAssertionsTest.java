package dev.wstest.mock;

import static dev.wstest.assertions.MessageMatcher.text;
import static dev.wstest.mock.MockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.record.Headers;
import dev.wstest.server.ServerHandshake;
import java.time.Duration;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One passing and one failing case per assertion, with the failure message checked. */
@Timeout(60)
class MockAssertionsTest {

    private static final Duration SHORT = Duration.ofMillis(150);

    MockWsServer mock;
    WsClient client;
    MockConnection conn;

    @BeforeEach
    void connect() {
        mock = MockWsServer.builder().name("feed").stub(Stub.onText("hello").sendText("hi")).start();
        client = WsClient.builder(mock.uri("/prices?symbol=ACME&token=s3cret")).subprotocols("v1")
                .header("Authorization", "Bearer t0ken").header("Cookie", "sid=abc").connect();
        conn = mock.awaitConnection(1, Duration.ofSeconds(2));
    }

    @AfterEach
    void close() {
        client.close();
        mock.close();
    }

    @Test
    @DisplayName("receivesText: in order after the last match; a failure shows the timeline and the closest")
    void receivesText() {
        client.sendText("hello").sendText("{\"op\":\"sub\",\"id\":1}").sendText("bye");
        assertThat(conn).receivesText("hello").receivesJsonContaining("{\"op\":\"sub\"}").receivesText("bye");
        assertThatThrownBy(() -> assertThat(conn).within(SHORT).receivesText("hello"))
                .hasMessageStartingWith("Expecting connection 1 of mock \"feed\" (/prices, OPEN)\n"
                        + "to receive a text message equal to \"hello\"\n"
                        + "within 150ms, but no message arrived after the last matched one (+")
                .hasMessageContaining("Frames seen by the mock (<- from the client, -> from the mock; ms after handshake):")
                .hasMessageContaining("<-")
                .hasMessageContaining("TEXT   \"bye\"   <- last matched by an earlier expectation")
                .hasMessageContaining("Connection still OPEN at +");
    }

    @Test
    @DisplayName("closest candidate marked, with expected/actual for IDE diffs")
    void closest() {
        client.sendText("subscribe ACMR");
        assertThatThrownBy(() -> assertThat(conn).within(SHORT).receivesText("subscribe ACME"))
                .hasMessageContaining("TEXT   \"subscribe ACMR\"   <- closest")
                .isInstanceOf(org.opentest4j.AssertionFailedError.class)
                .satisfies(e -> assertThat(((org.opentest4j.AssertionFailedError) e).getExpected().getValue())
                        .isEqualTo("subscribe ACME"));
    }

    @Test
    @DisplayName("receivesNext is strict; receivesMessages counts; receivesInOrder; receivesNoMessageDuring")
    void strictCountsOrderSilence() {
        client.sendText("a").sendText("b").sendText("c");
        assertThat(conn).receivesNextText("a").receivesMessages(2);
        assertThatThrownBy(() -> assertThat(conn).within(SHORT).receivesMessages(1))
                .hasMessageContaining("to receive 1 more message(s) after the last matched one").hasMessageContaining("but 0 arrived.");
        client.sendText("x").sendText("y");
        assertThatThrownBy(() -> assertThat(conn).receivesNextText("y"))
                .hasMessageContaining("but the next message (+").hasMessageContaining("was \"x\".");
        client.sendText("z");
        assertThat(conn).receivesInOrder(text("x"), text("z"));
        assertThatThrownBy(() -> assertThat(conn).within(SHORT).receivesInOrder(text("z"), text("a")))
                .hasMessageContaining("1. a text message equal to \"z\"   <- not found");
        assertThat(conn).receivesNoMessageDuring(SHORT);
        client.sendText("noise");
        assertThatThrownBy(() -> assertThat(conn).receivesNoMessageDuring(Duration.ofSeconds(2)))
                .hasMessageContaining("to receive no message during 2s").hasMessageContaining("\"noise\"   <- unexpected");
    }

    @Test
    @DisplayName("hasReceived looks at everything without waiting; receivedTexts gives AssertJ list assertions")
    void soFar() {
        client.sendText("one");
        assertThat(conn).receivesText("one").hasReceivedText("one").receivedTexts().containsExactly("one");
        assertThatThrownBy(() -> assertThat(conn).hasReceivedText("two")).hasMessageContaining("but it has not.");
    }

    @Test
    @DisplayName("pings and pongs have their own position")
    void pingPong() {
        client.sendPing("p1");
        conn.sendPing("s1");
        assertThat(conn).receivesPing("p1").receivesPong("s1");
        assertThatThrownBy(() -> assertThat(conn).within(SHORT).receivesPing("p2"))
                .hasMessageContaining("to receive a PING with payload 0x7032 (2 bytes)")
                .hasMessageContaining("but no PING arrived after the last one an earlier expectation matched.");
    }

    @Test
    @DisplayName("close: by whom, with which code; the client's close frame; waits end once closed")
    void close_() {
        client.close(4000, "bye");
        assertThat(conn).receivesCloseFrame(4000).isClosedWith(4000, "bye").isClosedByClient().isClosed();
        assertThatThrownBy(() -> assertThat(conn).isClosedByServer())
                .hasMessageContaining("but it closed with 4000 \"bye\", closed by client.");
        assertThatThrownBy(() -> assertThat(conn).isClosedAbnormally()).hasMessageContaining("closed by client");
        assertThatThrownBy(() -> assertThat(conn).isOpen()).hasMessageContaining("but it is CLOSED.");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> assertThat(conn).within(Duration.ofSeconds(10)).receivesText("never"))
                .hasMessageContaining("within 10s, but the connection closed at +")
                .hasMessageContaining("(4000 \"bye\", closed by client), so nothing more can arrive:");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("a closed connection fails at once")
                .isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> assertThat(conn).receivesCloseFrame(1000))
                .hasMessageContaining("but the client's close frame had another code.");
    }

    @Test
    @DisplayName("handshake: path, query, headers, subprotocols, cookies, status; secrets never shown")
    void handshake() {
        assertThat(mock).handshake(1).hasPath("/prices").hasQueryParameter("symbol", "ACME")
                .hasHeader("Authorization", "Bearer t0ken").hasHeader("Sec-WebSocket-Version")
                .hasHeaderMatching("Authorization", "Bearer .*").offersSubprotocols("v1").hasCookie("sid", "abc")
                .hasStatus(101).hasNoHeader("X-Nope");
        assertThatThrownBy(() -> assertThat(mock).handshake(1).hasHeader("Authorization", "Bearer other"))
                .hasMessageContaining("to have header Authorization: Bearer <redacted 5 chars>")
                .hasMessageContaining("but its value is Bearer <redacted 5 chars>.")
                .hasMessageNotContaining("t0ken").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> assertThat(mock).handshake(1).hasCookie("sid", "xyz"))
                .hasMessageContaining("but its value was <redacted 3 chars>.").hasMessageNotContaining("abc");
        assertThatThrownBy(() -> assertThat(mock).handshake(1).hasQueryParameter("token", "guess"))
                .hasMessageNotContaining("s3cret").hasMessageNotContaining("guess");
        assertThatThrownBy(() -> assertThat(mock).handshake(1).hasPath("/other"))
                .hasMessageContaining("Expecting the upgrade request\n  GET /prices?symbol=ACME&token=<redacted 6 chars> -> 101")
                .hasMessageContaining("but the path was /prices.");
        assertThat(ServerHandshake.of(1, "/x", null, Headers.empty(), 401)).hasStatus(401);
    }

    @Test
    @DisplayName("server: connections, handshakes, stubs used, unexpected messages, with the whole activity")
    void server() {
        assertThat(mock).acceptsConnections(1).hasAcceptedConnections(1).receivesHandshakes(1).hasRefusedHandshakes(0);
        assertThatThrownBy(() -> assertThat(mock).within(SHORT).acceptsConnections(2))
                .hasMessageStartingWith("Expecting ws-test mock \"feed\" at " + mock.uri() + "\n"
                        + "to accept 2 connection(s) within 150ms\nbut it accepted 1.")
                .hasMessageContaining("Handshakes received by server \"feed\"");
        assertThatThrownBy(() -> assertThat(mock).hasUsedEveryStub())
                .hasMessageContaining("but 1 of 1 never answered:\n  stub [on a text message equal to \"hello\"]");
        client.sendText("hello").sendText("unknown");
        assertThat(mock).connection(1).receivesText("unknown");
        assertThat(mock).hasUsedEveryStub();
        assertThatThrownBy(() -> assertThat(mock).hasNoUnexpectedMessages())
                .hasMessageContaining("but 1 message(s) matched no stub:")
                .hasMessageContaining("TEXT \"unknown\"");
    }

    @Test
    @DisplayName("works with SoftAssertions and as()")
    void soft() {
        SoftAssertions softly = new SoftAssertions();
        softly.proxy(MockConnectionAssert.class, MockConnection.class, conn).within(SHORT).receivesText("x");
        softly.proxy(MockServerAssert.class, MockWsServer.class, mock).hasAcceptedConnections(3);
        assertThat(softly.errorsCollected()).hasSize(2);
        assertThatThrownBy(() -> assertThat(conn).as("subscription").within(SHORT).receivesText("x"))
                .hasMessageStartingWith("[subscription] Expecting connection 1");
    }
}
