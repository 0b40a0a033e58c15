package dev.wstest.samples.readme;

// README mock-server: begin
import static dev.wstest.mock.MockAssertions.assertThat;
// README mock-server: end

import dev.wstest.mock.Faults;
import dev.wstest.mock.MockWsServer;
import dev.wstest.mock.Stub;
import dev.wstest.mock.Unmatched;
import dev.wstest.samples.pricefeed.PriceFeedClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** README.md's mock-server example, run against the price-feed sample's client (which reconnects on 1006). */
@Timeout(60)
class MockReadmeTest {

    /** "Your client" of the example: the sample's client, subscribing to ACME on every connection. */
    static final class MyClient implements AutoCloseable {
        private PriceFeedClient feed;

        void connect(URI uri) {
            feed = new PriceFeedClient(PriceFeedClient.Options.defaults(uri, "t0ken"), (symbol, price) -> { });
            feed.subscribe("ACME");
            feed.start();
        }

        @Override
        public void close() {
            if (feed != null) {
                feed.close();
            }
        }
    }

    @Test
    void theClientResubscribesAfterTheConnectionDrops() {
        try (MyClient myClient = new MyClient()) {
            // README mock-server: begin
            try (MockWsServer mock = MockWsServer.builder()
                    .requireHeader("Authorization", "Bearer t0ken")          // others get a clean 401 and a closed socket
                    .stub(Stub.onConnect().sendText("{\"type\":\"welcome\"}"))
                    .stub(Stub.onJsonContaining("{\"op\":\"subscribe\"}").sendText("{\"ack\":\"${$.id}\"}")
                            .sendTextEvery(Duration.ofMillis(100), "{\"price\":${n}}", 5))
                    .unmatched(Unmatched.FAIL)
                    .start()) {
                myClient.connect(mock.uri("/prices"));                       // your client, which reconnects on 1006
                assertThat(mock).connection(1).receivesJsonContaining("{\"op\":\"subscribe\"}");
                mock.awaitConnection(1, Duration.ofSeconds(2)).perform(Faults.dropConnection());  // the client sees 1006
                assertThat(mock).within(Duration.ofSeconds(5)).connection(2).receivesJsonContaining("{\"op\":\"subscribe\"}");
            }
            // README mock-server: end
        }
    }
}
