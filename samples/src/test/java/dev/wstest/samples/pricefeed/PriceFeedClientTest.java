package dev.wstest.samples.pricefeed;

import static dev.wstest.mock.MockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.junit5.MockServer;
import dev.wstest.junit5.WebSocketTest;
import dev.wstest.mock.ConnectionPolicy;
import dev.wstest.mock.Faults;
import dev.wstest.mock.HttpAnswer;
import dev.wstest.mock.MockWsServer;
import dev.wstest.mock.Stub;
import dev.wstest.mock.Unmatched;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The price-feed client against the mock server: what a client team checks before it ships a subscriber.
 * Each test gets its own mock ({@code @MockServer} on an instance field), configured by {@link #feed}.
 */
@WebSocketTest
@Timeout(60)
class PriceFeedClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @MockServer(configure = "feed")
    MockWsServer feed;

    /** The feed as the client team knows it from the provider's docs. */
    static void feed(MockWsServer.Builder mock) {
        mock.requireHeader("Authorization", "Bearer t0ken") // others get 401
                .stub(Stub.onJsonContaining("{\"op\":\"subscribe\"}")
                        .sendText("{\"type\":\"price\",\"symbol\":\"${$.symbol}\",\"price\":101.5}"))
                .unmatched(Unmatched.FAIL); // the client may send nothing the feed does not know
    }

    private final List<String> events = new CopyOnWriteArrayList<>();
    private PriceFeedClient client;

    private PriceFeedClient start(PriceFeedClient.Options options) {
        client = new PriceFeedClient(options, new PriceFeedClient.Listener() {
            @Override
            public void onPrice(String symbol, double price) {
                events.add("price " + symbol + " " + price);
            }

            @Override
            public void onConnection(int attempt, boolean open, String why) {
                events.add((open ? "open " : "lost ") + attempt + " " + why);
            }
        });
        client.subscribe("ACME");
        client.start();
        return client;
    }

    /** Fast heartbeats and back-off, so that the tests see several rounds in a second. */
    private PriceFeedClient.Options options() {
        return new PriceFeedClient.Options(feed.uri("/prices"), "t0ken", Duration.ofMillis(100),
                Duration.ofMillis(150), Duration.ofMillis(50), Duration.ofMillis(400));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    private void awaitEvent(String event) {
        assertThat(feed.awaitUntil(() -> events.contains(event), WAIT)).as("event %s, got %s", event, events)
                .isTrue();
    }

    @Test
    @DisplayName("authenticates, subscribes and hands on prices")
    void subscribes() {
        start(options());
        assertThat(feed).connection(1).receivesJson("{\"op\":\"subscribe\",\"symbol\":\"ACME\"}");
        assertThat(feed).handshake(1).hasHeader("Authorization", "Bearer t0ken");
        awaitEvent("price ACME 101.5");
    }

    @Test
    @DisplayName("reconnects after a dropped connection (1006) and subscribes again")
    void reconnectsAfter1006() {
        start(options());
        assertThat(feed).connection(1).receivesJsonContaining("{\"op\":\"subscribe\"}");
        feed.awaitConnection(1, WAIT).perform(Faults.dropConnection()); // TCP gone, no close frame
        assertThat(feed).connection(1).isClosedAbnormally();
        assertThat(feed).connection(2).receivesJson("{\"op\":\"subscribe\",\"symbol\":\"ACME\"}");
        awaitEvent("open 2 open");
        // the second connection's first price may still be on its way when "open 2" is seen: wait for it
        assertThat(feed.awaitUntil(() -> events.stream().filter(e -> e.startsWith("price")).count() >= 2, WAIT))
                .as("a price on each connection, got %s", events).isTrue();
    }

    @Test
    @DisplayName("a refused upgrade (401) is retried after a back-off, then the client gets in")
    void refusedThenAccepted() {
        feed.refuseNext(1, HttpAnswer.status(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        start(options());
        awaitEvent("lost 1 refused with HTTP 401");
        awaitEvent("open 2 open");
        assertThat(feed).handshake(1).hasStatus(401);
        assertThat(feed).handshake(2).hasStatus(101);
        assertThat(feed).connection(1).receivesJsonContaining("{\"symbol\":\"ACME\"}");
    }

    @Test
    @DisplayName("gives a connection up when its pongs are withheld, and reconnects")
    void heartbeatTimeout() {
        feed.forNextConnections(1, ConnectionPolicy.defaults().withholdPongs());
        start(options());
        assertThat(feed).connection(1).receivesPing("hb").receivesPing("hb");
        assertThat(feed).connection(1).within(WAIT).isClosedAbnormally(); // the client aborted it
        awaitEvent("lost 1 no pong within 150 ms");
        assertThat(feed).connection(2).receivesJsonContaining("{\"op\":\"subscribe\"}").receivesPing("hb");
        assertThat(feed).connection(2).receivesNoMessageDuring(Duration.ofMillis(500)); // answered: it stays
        assertThat(feed.awaitConnection(2, WAIT).isOpen()).isTrue();
    }

    @Test
    @DisplayName("a server going away (1001) is reconnected to at once, not after the back-off")
    void goingAway() {
        PriceFeedClient.Options slowBackoff = new PriceFeedClient.Options(feed.uri("/prices"), "t0ken",
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30));
        start(slowBackoff);
        assertThat(feed).connection(1).receivesJsonContaining("{\"op\":\"subscribe\"}");
        feed.awaitConnection(1, WAIT).close(1001, "going away");
        assertThat(feed).connection(1).isClosedWith(1001, "going away").isClosedByServer();
        awaitEvent("lost 1 closed 1001 going away");
        // a back-off would wait 30 s; within the 2 s budget it is there only if the client did not wait
        assertThat(feed).connection(2).receivesJson("{\"op\":\"subscribe\",\"symbol\":\"ACME\"}");
    }
}
