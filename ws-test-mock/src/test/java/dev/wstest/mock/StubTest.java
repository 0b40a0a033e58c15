package dev.wstest.mock;

import static dev.wstest.assertions.MessageMatcher.jsonContaining;
import static dev.wstest.assertions.MessageMatcher.text;
import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.mock.MockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.record.EventType;
import dev.wstest.record.WsEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every kind of stub, against ws-test's own client. */
@Timeout(60)
class StubTest {

    @Test
    @DisplayName("on connect: send, after a pause (the log shows the delay)")
    void onConnect() {
        try (MockWsServer mock = MockWsServer.builder()
                .stub(Stub.onConnect().sendText("hello").pause(Duration.ofMillis(200)).sendText("later")).start();
             WsClient c = WsClient.connect(mock.uri("/"))) {
            assertThat(c).receivesText("hello").receivesText("later");
            List<WsEvent> sent = mock.connections().get(0).log().events(e -> e.isOutbound() && e.type().isMessage());
            assertThat(sent.get(1).sinceOpen().minus(sent.get(0).sinceOpen())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    @DisplayName("message patterns: text, contains, regex with groups, JSON, JSON subset, JSONPath, binary")
    void patterns() {
        try (MockWsServer mock = MockWsServer.builder()
                .stub(Stub.onText("ping").sendText("pong"))
                .stub(Stub.onTextContaining("weather").sendText("sunny"))
                .stub(Stub.onTextMatching("hello (?<who>\\w+) (\\d+)").sendText("hi ${group.who} #${group.2}"))
                .stub(Stub.onJson("{\"a\":1,\"b\":[1,2]}").sendText("json equal"))
                .stub(Stub.onJsonContaining("{\"op\":\"sub\"}").sendText("{\"ack\":\"${$.id}\",\"n\":${$.n}}"))
                .stub(Stub.onJsonPath("$.op", "\"unsub\"").sendText("bye ${$.args[0]}"))
                .stub(Stub.onJsonPathMatching("$.qty", "\\d{3,}").sendText("big order"))
                .stub(Stub.onBinary(new byte[] {1, 2}).sendBinary(new byte[] {3, 4}))
                .start();
             WsClient c = WsClient.connect(mock.uri("/"))) {
            c.sendText("ping").sendText("what's the weather?").sendText("hello bob 7").sendText("{\"b\":[1,2.0],\"a\":1}")
                    .sendText("{\"op\":\"sub\",\"id\":\"x1\",\"n\":5}").sendText("{\"op\":\"unsub\",\"args\":[\"ACME\"]}")
                    .sendText("{\"qty\":1000}").sendText("{\"qty\":10}").sendBinary(new byte[] {1, 2});
            assertThat(c).receivesNextText("pong").receivesNextText("sunny").receivesNextText("hi bob #7")
                    .receivesNextText("json equal").receivesNextJson("{\"ack\":\"x1\",\"n\":5}")
                    .receivesNextText("bye ACME").receivesNextText("big order").receivesBinary(new byte[] {3, 4});
            assertThat(mock).hasUsedEveryStub();
            assertThat(mock.unmatchedMessages()).singleElement()
                    .satisfies(u -> assertThat(u.message().text()).isEqualTo("{\"qty\":10}"));
        }
    }

    @Test
    @DisplayName("the assertions' own MessageMatcher works as a stub pattern")
    void messageMatcherAsPattern() {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onMessage(jsonContaining("{\"t\":\"x\"}"))
                .sendText("matched")).start(); WsClient c = WsClient.connect(mock.uri("/"))) {
            c.sendText("{\"t\":\"x\",\"more\":true}");
            assertThat(c).receivesText("matched");
        }
    }

    @Test
    @DisplayName("templates: header, query, cookie, path, connection number; a missing value sends nothing and says why")
    void templates() {
        try (MockWsServer mock = MockWsServer.builder()
                .stub(Stub.onConnect().sendText("${path} ${query.symbol} ${header.X-Client} ${cookie.sid} #${connection}"))
                .stub(Stub.onText("missing").sendText("${$.nothing}"))
                .stub(Stub.onText("default").sendText("${header.X-None:-fallback} $${literal}"))
                .start();
             WsClient c = WsClient.builder(mock.uri("/prices?symbol=AC%20ME")).header("X-Client", "ios")
                     .header("Cookie", "sid=42").connect()) {
            assertThat(c).receivesText("/prices AC ME ios 42 #1");
            c.sendText("missing").sendText("default");
            assertThat(c).receivesText("fallback ${literal}");
            assertThat(mock).connection(1).receivesText("default");
            assertThat(mock.connections().get(0).log().events(e -> e.type() == EventType.ERROR)).singleElement()
                    .satisfies(e -> assertThat(e.text()).contains("stub [on a text message equal to \"missing\"]")
                            .contains("sent nothing", "${$.nothing}"));
        }
    }

    @Test
    @DisplayName("several replies, a stream every T with ${n}, then close")
    void repliesAndStreams() {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onText("subscribe").sendTexts("ok", "snapshot")
                .sendTextEvery(Duration.ofMillis(20), "{\"tick\":${n}}", 3).close(4000, "end of stream")).start();
             WsClient c = WsClient.connect(mock.uri("/"))) {
            c.sendText("subscribe");
            assertThat(c).receivesNextText("ok").receivesNextText("snapshot").receivesNextJson("{\"tick\":1}")
                    .receivesNextJson("{\"tick\":2}").receivesNextJson("{\"tick\":3}")
                    .isClosedWith(4000, "end of stream").isClosedByServer();
        }
    }

    @Test
    @DisplayName("an endless stream (count 0) runs until the connection closes")
    void endlessStream() {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onConnect()
                .sendTextEvery(Duration.ofMillis(10), "t${n}", 0)).start();
             WsClient c = WsClient.connect(mock.uri("/"))) {
            assertThat(c).receivesText("t1").receivesText("t10");
            c.close(1000, "enough");
            assertThat(mock).connection(1).isClosedWith(1000, "enough").isClosedByClient();
        }
    }

    @Test
    @DisplayName("after N messages: close with a code and reason")
    void afterMessages() {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onAnyMessage().sendText("got ${message}"))
                .stub(Stub.afterMessages(3).close(4008, "three is enough")).start();
             WsClient c = WsClient.connect(mock.uri("/"))) {
            c.sendText("a").sendText("b").sendText("c");
            assertThat(c).receivesText("got c").isClosedWith(4008, "three is enough");
        }
    }

    @Test
    @DisplayName("per path and per subprotocol; priority decides among several; times(n) limits per connection")
    void scopingPriorityTimes() {
        try (MockWsServer mock = MockWsServer.builder().subprotocols("v1", "v2")
                .stub(Stub.onAnyMessage().priority(-1).sendText("fallback"))
                .stub(Stub.onText("who").path("/admin/*").sendText("admin"))
                .stub(Stub.onText("who").path("/public").sendText("public"))
                .stub(Stub.onText("ver").subprotocol("v2").sendText("two"))
                .stub(Stub.onText("ver").sendText("any"))
                .stub(Stub.onText("once").times(1).sendText("first time"))
                .stub(Stub.onTextContaining("o").priority(5).path("/public").sendText("priority"))
                .start()) {
            try (WsClient admin = WsClient.connect(mock.uri("/admin/x"))) {
                admin.sendText("who").sendText("ver").sendText("once").sendText("once");
                assertThat(admin).receivesNextText("admin").receivesNextText("any").receivesNextText("first time")
                        .receivesNextText("fallback");
            }
            try (WsClient pub = WsClient.builder(mock.uri("/public")).subprotocols("v2").connect()) {
                pub.sendText("who").sendText("ver");
                assertThat(pub).receivesNextText("priority").receivesNextText("two");
            }
            try (WsClient again = WsClient.connect(mock.uri("/admin/y"))) {
                again.sendText("once");
                assertThat(again).as("times(1) counts per connection").receivesText("first time");
            }
        }
    }

    @Test
    @DisplayName("stubs added while running answer open connections from the next message on")
    void runtimeStubs() {
        try (MockWsServer mock = MockWsServer.start(); WsClient c = WsClient.connect(mock.uri("/"))) {
            c.sendText("x");
            assertThat(mock).connection(1).receivesText("x");
            mock.stub(Stub.onText("x").sendText("now I answer").build());
            c.sendText("x");
            assertThat(c).receivesText("now I answer");
        }
    }

    @Test
    @DisplayName("unmatched: IGNORE records, ECHO echoes")
    void unmatchedIgnoreAndEcho() {
        try (MockWsServer mock = MockWsServer.start(); WsClient c = WsClient.connect(mock.uri("/"))) {
            c.sendText("nobody answers");
            assertThat(mock.awaitUntil(m -> m.unmatchedMessages().size() == 1, Duration.ofSeconds(2))).isTrue();
            assertThat(c).receivesNoMessageDuring(Duration.ofMillis(100));
        }
        try (MockWsServer mock = MockWsServer.builder().unmatched(Unmatched.ECHO).start();
             WsClient c = WsClient.connect(mock.uri("/"))) {
            c.sendText("echo me").sendBinary(new byte[] {9});
            assertThat(c).receivesText("echo me").receivesBinary(new byte[] {9});
            assertThat(mock.unmatchedMessages()).isEmpty();
        }
    }

    @Test
    @DisplayName("unmatched FAIL: close() fails naming the message and the stubs compared, closest first")
    void unmatchedFail() {
        MockWsServer mock = MockWsServer.builder().unmatched(Unmatched.FAIL)
                .stub(Stub.onText("subscribe ACME").sendText("ok"))
                .stub(Stub.onText("unsubscribe").name("leave").sendText("bye"))
                .stub(Stub.onText("help").path("/other").sendText("n/a"))
                .start();
        try (WsClient c = WsClient.connect(mock.uri("/feed"))) {
            c.sendText("subscribe ACMR");
            assertThat(mock.awaitUntil(m -> !m.unmatchedMessages().isEmpty(), Duration.ofSeconds(2))).isTrue();
        }
        assertThatThrownBy(mock::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting mock \"mock\" to receive only messages its stubs match,\n"
                        + "but 1 message(s) matched no stub:\n"
                        + "  connection 1 (/feed) at +")
                .hasMessageContaining("TEXT \"subscribe ACMR\"\n"
                        + "    compared with, closest first:\n"
                        + "      1. a text message equal to \"subscribe ACME\"\n"
                        + "      2. a text message equal to \"unsubscribe\" (stub [leave])\n")
                .hasMessageNotContaining("help")
                .hasMessageContaining("frames seen by the server");
        mock.close(); // idempotent: the failure is reported once
        assertThat(mock.isClosed()).isTrue();
    }

    @Test
    @DisplayName("a MockBehaviour gets what no stub matched, and can drive the connection")
    void behaviour() {
        try (MockWsServer mock = MockWsServer.builder().stub(Stub.onText("stub").sendText("from the stub"))
                .behaviour(new MockBehaviour() {
                    @Override
                    public void onOpen(MockConnection connection) {
                        connection.sendText("opened " + connection.id());
                    }

                    @Override
                    public void onText(MockConnection connection, String t) {
                        connection.sendText(new StringBuilder(t).reverse().toString());
                    }

                    @Override
                    public void onBinary(MockConnection connection, byte[] data) {
                        connection.close(4001, "no binary");
                    }
                }).start();
             WsClient c = WsClient.connect(mock.uri("/"))) {
            assertThat(c).receivesText("opened 1");
            c.sendText("stub").sendText("abc").sendBinary("x".getBytes(StandardCharsets.UTF_8));
            assertThat(c).receivesNextText("from the stub").receivesNextText("cba").isClosedWith(4001, "no binary");
            assertThat(mock.unmatchedMessages()).isEmpty();
        }
    }

    @Test
    @DisplayName("the test drives a connection: sends, fragments, pings, raw frames, faults, close")
    void driveFromTest() {
        try (MockWsServer mock = MockWsServer.start(); WsClient c = WsClient.connect(mock.uri("/q?user=ann"))) {
            MockConnection conn = mock.awaitConnection(1, Duration.ofSeconds(2));
            conn.sendText("plain ${not a template}").sendTextFragments("fr", "ag").sendBinary(new byte[] {7})
                    .sendPing("p").perform(new Action.SendText("hello ${query.user}", Delivery.whole()));
            assertThat(c).receivesNextText("plain ${not a template}").receivesNextText("frag")
                    .receivesNext(dev.wstest.assertions.MessageMatcher.binary(new byte[] {7})).receivesNextText("hello ann").receivesPing("p".getBytes());
            assertThat(mock).connection(1).receivesPong("p");
            conn.close(1001, "going away");
            assertThat(c).isClosedWith(1001, "going away").isClosedByServer();
            assertThat(mock).connection(1).isClosedWith(1001, "going away").isClosedByServer();
            assertThatThrownBy(() -> conn.sendText("late")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("connection 1 of mock \"mock\"").hasMessageContaining("TCP connection is gone");
        }
    }

    @Test
    @DisplayName("stub data: immutable, validated, readable")
    void stubData() {
        Stub s = Stub.onText("a").path("/x").subprotocol("v1").priority(3).times(2).sendText("b").build();
        assertThat(s.actions()).containsExactly(new Action.SendText("b", Delivery.whole()));
        assertThat(s.trigger()).isEqualTo(new Stub.Trigger.OnMessage(new MessagePattern.Text("a")));
        assertThat(s.toString()).isEqualTo("stub [on a text message equal to \"a\"] on /x for subprotocol v1"
                + " (priority 3)");
        assertThatThrownBy(() -> Stub.onJson("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected JSON is not valid JSON");
        assertThatThrownBy(() -> Stub.onJsonPath("op", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starting with \"$\"");
        assertThatThrownBy(() -> new Action.Close(1006, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may not be sent");
        assertThatThrownBy(() -> Faults.reservedOpcode(1)).hasMessageContaining("not reserved");
        assertThat(text("x").description()).isEqualTo(new MessagePattern.Text("x").description());
    }

    @Test
    @DisplayName("a reply refers into the message with ${$.path}; where no message exists, building the stub fails")
    void messagePaths() {
        try (MockWsServer mock = MockWsServer.builder()
                .stub(Stub.onJsonContaining("{\"op\":\"sub\"}").sendText("{\"ack\":${$.id},\"first\":\"${$.args[0]}\","
                        + "\"last\":\"${$.args[-1]}\",\"who\":\"${$.user:-anon}\"}")).start();
             WsClient c = WsClient.connect(mock.uri("/"))) {
            c.sendText("{\"op\":\"sub\",\"id\":7,\"args\":[\"a\",\"b\"]}");
            assertThat(c).receivesJson("{\"ack\":7,\"first\":\"a\",\"last\":\"b\",\"who\":\"anon\"}");
        }
        assertThatThrownBy(() -> Stub.onConnect().sendText("hi ${$.id}").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sends \"hi ${$.id}\", whose ${$...} refers into a message, but it runs on connect,"
                        + " where there is none");
        assertThatThrownBy(() -> Stub.afterMessages(2).sendTextEvery(Duration.ofSeconds(1), "${$.n}", 2).build())
                .hasMessageContaining("runs after a count of messages, where there is none");
        assertThatThrownBy(() -> Stub.onText("x").sendText("${$.args[*]}"))
                .isInstanceOf(dev.wstest.syntax.InvalidSyntaxException.class)
                .hasMessageContaining("expected a JSONPath into the message ($ then .field, [index] or ['field']");
        assertThatThrownBy(() -> Stub.onText("x").sendText("${TOKEN"))
                .hasMessageContaining("expected \"}\" to close the placeholder");
    }
}
