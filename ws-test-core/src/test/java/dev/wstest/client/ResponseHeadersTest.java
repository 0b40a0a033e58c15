package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.raw.RawClient;
import dev.wstest.record.Headers;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioResult;
import dev.wstest.scenario.ScenarioRunner;
import dev.wstest.scenario.ScenarioVariables;
import dev.wstest.server.ServerHandshake;
import dev.wstest.server.WsServer;
import dev.wstest.testing.RawServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Header values are kept as sent: never split at the commas of a date or any other value. */
@Timeout(30)
class ResponseHeadersTest {

    static final String DATE = "Tue, 01 Jan 2030 00:00:00 GMT";
    static RawServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RawServer.start(c -> {
            c.accept("Date: " + DATE, "X-Pair: a, b", "Vary: Origin, Accept-Encoding");
            c.awaitEof(Duration.ofSeconds(10));
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("first(\"Date\") is the whole date, and the header assertions see it whole")
    void valuesAreWhole() {
        try (WsClient client = WsClient.connect(server.uri("/"))) {
            Headers headers = client.handshake().responseHeaders();
            assertThat(headers.first("Date")).contains(DATE);
            assertThat(headers.all("Date")).containsExactly(DATE);
            assertThat(headers.all("X-Pair")).containsExactly("a, b");
            assertThat(client).hasResponseHeader("Date", DATE)
                    .hasResponseHeaderMatching("Date", "Tue, \\d{2} Jan \\d{4} .*");
        }
    }

    @Test
    @DisplayName("list splitting only where the header is a list by definition")
    void listsOnlyForListHeaders() {
        try (WsClient client = WsClient.connect(server.uri("/"))) {
            Headers headers = client.handshake().responseHeaders();
            assertThat(headers.elements("Vary")).containsExactly("Origin", "Accept-Encoding");
            assertThat(headers.elements("Connection")).containsExactly("Upgrade");
            assertThatThrownBy(() -> headers.elements("Date")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Date is not a comma-separated list");
            assertThat(client).as("an element of a list header matches").hasResponseHeader("Vary", "Origin");
        }
    }

    @Test
    @DisplayName(".ws: expect handshake header Date matches ... sees the whole date")
    void scenarioSeesTheWholeValue() {
        ScenarioVariables vars = ScenarioVariables.builder().put("URL", server.uri("/").toString()).build();
        ScenarioResult r = ScenarioRunner.builder().variables(vars).build().run(ScenarioLoader.parse("h.ws",
                "connect ${URL}\nexpect handshake header Date matches \"Tue, .* GMT\"\n"
                        + "expect handshake header Date = \"" + DATE + "\"\n", vars).scenarios().get(0));
        assertThat(r.passed()).as(r.failure().map(Throwable::getMessage).orElse("")).isTrue();
    }

    @Test
    @DisplayName("the raw client keeps every field line as received")
    void rawClientKeepsLines() throws Exception {
        try (RawClient raw = RawClient.connect(server.uri("/").toString())) {
            assertThat(raw.handshakeResponse().header("Date")).contains(DATE);
            assertThat(raw.handshakeResponse().headers().get("x-pair")).containsExactly("a, b");
        }
    }

    @Test
    @DisplayName("an embedded server records request headers whole too")
    void serverRecordsWholeValues() {
        try (WsServer echo = WsServer.echo();
             WsClient client = WsClient.builder(echo.uri("/")).header("X-Sent", "a, b")
                     .header("If-Modified-Since", DATE).connect()) {
            ServerHandshake h = echo.handshakes().get(0);
            assertThat(h.headers().all("X-Sent")).containsExactly("a, b");
            assertThat(h.headers().first("If-Modified-Since")).contains(DATE);
            assertThat(client.handshake().requestHeaders().all("X-Sent")).containsExactly("a, b");
        }
    }
}
