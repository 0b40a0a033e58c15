package dev.wstest.junit5.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wstest.client.WsClient;
import dev.wstest.record.LogLimits;
import dev.wstest.server.WsServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection entries stay bounded however chatty the connection was, and never carry secret headers. */
@Timeout(60)
class ReportEntriesTest {

    @Test
    void longTimelinesKeepTheirHeadAndTailAndSecretsStayRedacted() throws Exception {
        int messages = ReportEntries.MAX_TIMELINE_EVENTS; // echoed: twice as many events
        try (WsServer server = WsServer.echo();
             WsClient client = WsClient.builder(server.uri()).header("Authorization", "Bearer s3cret").connect()) {
            for (int i = 0; i < messages; i++) {
                client.sendText("m" + i);
            }
            assertThat(client.log().awaitUntil(() -> client.receivedTexts().size() == messages,
                    Duration.ofSeconds(30))).isTrue();
            var entry = ReportEntries.connection(client).getKeyValuePairs();
            JsonNode events = new ObjectMapper().readTree(entry.get(ReportEntries.CONNECTION_EVENTS));
            assertThat(events.size()).isEqualTo(ReportEntries.MAX_TIMELINE_EVENTS + 1);
            assertThat(events.get(ReportEntries.MAX_TIMELINE_EVENTS / 4).get("desc").asText())
                    .isEqualTo((2 * messages - ReportEntries.MAX_TIMELINE_EVENTS) + " events omitted (the report keeps"
                            + " the first and last ones)");
            assertThat(events.get(0).get("desc").asText()).isEqualTo("\"m0\"");
            assertThat(events.get(events.size() - 1).get("desc").asText()).isEqualTo("\"m" + (messages - 1) + "\"");
            assertThat(entry.get(ReportEntries.CONNECTION_HANDSHAKE)).contains("Authorization")
                    .doesNotContain("s3cret");
        }
    }

    @Test
    void eventsTheLogNoLongerKeepsAreMarkedInTheTimeline() throws Exception {
        try (WsServer server = WsServer.echo();
             WsClient client = WsClient.builder(server.uri()).logLimits(new LogLimits(2, 3, Long.MAX_VALUE)).connect()) {
            for (int i = 0; i < 10; i++) {
                client.sendText("m" + i);
            }
            assertThat(client.log().awaitUntil(() -> client.log().lastSeq() == 20, Duration.ofSeconds(30))).isTrue();
            JsonNode events = new ObjectMapper().readTree(ReportEntries.connection(client).getKeyValuePairs()
                    .get(ReportEntries.CONNECTION_EVENTS));
            assertThat(events.size()).isEqualTo(6);
            assertThat(events.get(2).get("type").asText()).isEqualTo("ELIDED");
            assertThat(events.get(2).get("desc").asText())
                    .isEqualTo("\u2026 15 events elided (log limits: first 2, last 3 events, 9,223,372,036,854,775,807"
                            + " bytes) \u2026");
        }
    }

    @Test
    void timelineStringsAreEscapedAsJacksonEscapesThem() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            all.append(c);
        }
        all.append("\uD83D\uDE00 \uD800 \uDC00 \uFFFD \u2028\u2029");
        for (String s : new String[] {all.toString(), "", "plain", "\"q\" \\ / \u007f"}) {
            StringBuilder ours = new StringBuilder();
            ReportEntries.jsonString(ours, s);
            assertThat(ours.toString()).isEqualTo(jackson.writeValueAsString(s));
        }
    }

    @Test
    void theTimelineIsWhatJacksonWouldWrite() throws Exception {
        try (WsServer server = WsServer.echo(); WsClient client = WsClient.connect(server.uri())) {
            client.sendText("tab\there \"quoted\"");
            client.sendBinary(new byte[] {1, 2});
            client.close();
            String timeline = ReportEntries.connection(client).getKeyValuePairs().get(ReportEntries.CONNECTION_EVENTS);
            ObjectMapper jackson = new ObjectMapper();
            assertThat(timeline).isEqualTo(jackson.writeValueAsString(jackson.readTree(timeline)));
            assertThat(jackson.readTree(timeline).get(0).get("desc").asText()).isEqualTo("\"tab\\there \\\"quoted\\\"\"");
        }
    }
}
