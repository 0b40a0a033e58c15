package dev.wstest.mock;

import static dev.wstest.mock.MockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the mock prints or throws never carries a client's secrets: the {@code Authorization} header, a cookie
 * and a query token of a client that is not ws-test's (the JDK's, so only the mock can have told ws-test about
 * them), echoed back by a stub and sent again in a message no stub matches.
 */
@Timeout(60)
class MockSecretsTest {

    // fresh per run: nothing else in this JVM can have registered them as secrets
    private static final String TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");
    private static final String COOKIE = "ck" + UUID.randomUUID().toString().replace("-", "");
    private static final String QUERY = "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);

    @Test
    @DisplayName("describeActivity, logs, failure messages and close()'s report of unmatched messages hide them")
    void noClientSecretInAnythingTheMockWrites() throws Exception {
        Map<String, String> outputs = new LinkedHashMap<>();
        MockWsServer mock = MockWsServer.builder().name("feed").unmatched(Unmatched.FAIL)
                .stub(Stub.onText("who").sendText("you are ${header.Authorization}, ${cookie.sid}, ${query.access_token}"))
                .start();
        List<String> received = new ArrayList<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + TOKEN).header("Cookie", "sid=" + COOKIE)
                .buildAsync(URI.create(mock.uri("/feed") + "?access_token=" + URLEncoder.encode(QUERY,
                        StandardCharsets.UTF_8)), new WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        synchronized (received) {
                            received.add(data.toString());
                        }
                        w.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        try {
            ws.sendText("who", true).get(5, TimeUnit.SECONDS);
            ws.sendText("unexpected " + TOKEN, true).get(5, TimeUnit.SECONDS);
            MockConnection c = mock.awaitConnection(1, Duration.ofSeconds(5));
            assertThat(c).receivesText("who").receivesText("unexpected " + TOKEN);
            // the stub did send the secrets: the wire is the client's, only the text written about it is scrubbed
            java.util.function.Supplier<List<String>> sent = () -> c.log().events(e -> e.isOutbound()
                    && e.type() == dev.wstest.record.EventType.TEXT).stream().map(e -> e.text()).toList();
            assertThat(c.log().awaitUntil(() -> sent.get().size() == 1, Duration.ofSeconds(5))).isTrue();
            assertThat(sent.get().get(0)).contains(TOKEN, COOKIE, QUERY);

            outputs.put("describeActivity()", mock.describeActivity());
            outputs.put("formatLog()", c.formatLog());
            outputs.put("describe()", c.describe());
            outputs.put("handshake toString()", c.handshake().toString());
            outputs.put("unexpectedMessages()", mock.unexpectedMessages().orElseThrow());
            outputs.put("receivesText failure", failure(() -> assertThat(c).within(Duration.ofMillis(100))
                    .receivesText("you are Bearer " + TOKEN)));
            outputs.put("receivesText failure with as()", failure(() -> assertThat(c).as("token " + TOKEN)
                    .within(Duration.ofMillis(100)).receivesText(TOKEN)));
            outputs.put("handshake header failure", failure(() -> assertThat(c).handshake()
                    .hasHeader("Authorization", "Bearer x" + TOKEN)));
            outputs.put("cookie failure", failure(() -> assertThat(c).handshake().hasCookie("sid", "x" + COOKIE)));
            outputs.put("hasNoUnexpectedMessages failure", failure(() -> assertThat(mock).hasNoUnexpectedMessages()));
            outputs.put("awaitConnection failure", failure(() -> mock.awaitConnection(2, Duration.ofMillis(50))));
        } finally {
            ws.abort();
            outputs.put("close() with unmatched fail", failure(mock::close));
        }

        assertThat(outputs.get("describeActivity()")).contains("Authorization: Bearer <redacted ", "<redacted ");
        assertThat(outputs.get("close() with unmatched fail")).contains("matched no stub");
        List<String> leaks = new ArrayList<>();
        for (String secret : forms()) {
            outputs.forEach((label, text) -> {
                if (text.contains(secret)) {
                    leaks.add(label + " contains \"" + secret + "\":\n" + text);
                }
            });
        }
        assertThat(leaks).as("secrets written").isEmpty();
    }

    private static String failure(Runnable r) {
        try {
            r.run();
        } catch (AssertionError e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a failure");
    }

    private static List<String> forms() {
        List<String> forms = new ArrayList<>();
        for (String s : List.of(TOKEN, COOKIE, QUERY)) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            forms.add(s);
            forms.add(s.substring(0, 8)); // a prefix left behind where a long payload is shortened
            forms.add(Base64.getEncoder().encodeToString(b).replace("=", ""));
            forms.add(HexFormat.of().formatHex(b));
        }
        return forms;
    }
}
