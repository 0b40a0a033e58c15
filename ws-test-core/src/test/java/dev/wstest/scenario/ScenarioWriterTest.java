package dev.wstest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.record.Redactor;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ScenarioWriterTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String TRICKY = "quote \" backslash \\ dollar ${NOT_A_VAR} $5 tab\t newline\n cr\r bell\u0007 é 😀";

    @Test
    @DisplayName("a recorded connection written as a scenario replays the same bytes, secrets as variables")
    void roundTrip() {
        try (WsServer echo = WsServer.echo()) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer s3cret");
            headers.put("X-Price", "$5");
            WsClient c = WsClient.builder(echo.uri("/r")).headers(headers).connect();
            c.sendText(TRICKY).sendBinary(new byte[] {0, (byte) 0xff, 0x10}).sendPing(new byte[] {1, 2});
            c.log().awaitUntil(() -> c.log().receivedMessages().size() == 2
                    && !c.log().events(e -> e.isInbound() && e.type().isPingOrPong()).isEmpty(), WAIT);
            c.close(4001, "bye \"now\"");
            c.log().awaitUntil(() -> c.closeStatus().isPresent(), WAIT);
            c.close();

            String text = ScenarioWriter.create().comment("recorded")
                    .var("URL", echo.uri("/r").toString())
                    .connection("${URL}", headers, List.of(), c.log().events(), c.closeStatus(), Redactor.DEFAULT)
                    .text();
            assertThat(text).contains("header \"Authorization: ${AUTHORIZATION}\"", "header \"X-Price: \\$5\"",
                    "send binary hex \"00 ff 10\"", "ping hex \"01 02\"", "expect pong hex \"01 02\"",
                    "close 4001 \"bye \\\"now\\\"\"", "expect closed 4001 \"bye \\\"now\\\"\"", "--var AUTHORIZATION=")
                    .doesNotContain("s3cret");

            ScenarioVariables vars = ScenarioVariables.builder().put("AUTHORIZATION", "Bearer replayed").build();
            Scenario s = ScenarioLoader.parse("recorded.ws", text, vars).scenarios().get(0);
            ScenarioResult r = ScenarioRunner.builder().variables(vars).build().run(s);
            assertThat(r.passed()).as("%s", r.failure()).isTrue();
            ServerConnection replayed = echo.awaitConnection(2, WAIT);
            assertThat(replayed.receivedTexts()).containsExactly(TRICKY);
            assertThat(replayed.handshake().headers().first("Authorization")).hasValue("Bearer replayed");
            assertThat(replayed.handshake().headers().first("X-Price")).hasValue("$5");
        }
    }

    @Test
    @DisplayName("quote escapes what the language needs and nothing else")
    void quote() {
        assertThat(ScenarioWriter.quote("a\"b\\c$d\ne\u0001")).isEqualTo("\"a\\\"b\\\\c\\$d\\ne\\u0001\"");
        assertThat(ScenarioWriter.quote("héllo 😀")).isEqualTo("\"héllo 😀\"");
    }
}
