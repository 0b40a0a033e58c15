package dev.wstest.scenario.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.protocol.Frame;
import dev.wstest.raw.RawClient;
import dev.wstest.record.ProtocolRule;
import dev.wstest.record.WsEvent;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioVariables;
import dev.wstest.server.WsServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a {@code server echo|broadcast ...} step starts, checked on the server itself. */
@Timeout(60)
class ServerStepsTest {

    /** Runs the one server step of the text and returns what it started. */
    private static WsServer start(String line, RunContext ctx) throws Exception {
        ScenarioStep step = (ScenarioStep) ScenarioLoader.parse("t.ws", line, ScenarioVariables.none()).scenarios()
                .get(0).steps().get(0);
        step.run(ctx);
        return (WsServer) ctx.server("s");
    }

    private static String firstAnswer(WsServer server) throws Exception {
        try (RawClient raw = RawClient.builder(server.uri("/")).connect()) {
            raw.send(Frame.text("unmasked")); // a client frame must be masked (RFC 6455 5.1)
            RawClient.Received r = raw.read(Duration.ofSeconds(5));
            assertThat(r.isFrame()).as(raw.formatTranscript()).isTrue();
            return r.frame().opcode() == 0x8 ? "close " + (((r.frame().payload()[0] & 0xff) << 8)
                    | (r.frame().payload()[1] & 0xff)) : new String(r.frame().payload(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("server ... lenient: a client's violation is recorded, not failed; without it, it is failed with 1002")
    void lenientServer() throws Exception {
        RunContext ctx = new RunContext(ScenarioVariables.none(), Duration.ofSeconds(2), c -> { });
        try {
            WsServer lenient = start("server echo as s lenient", ctx);
            assertThat(firstAnswer(lenient)).as("Tyrus echoes what ws-test only recorded").isEqualTo("unmasked");
            assertThat(lenient.awaitConnection(1, Duration.ofSeconds(5)).log().awaitUntil(
                    () -> !lenient.connections().get(0).log().violations().isEmpty(), Duration.ofSeconds(5))).isTrue();
            assertThat(lenient.connections().get(0).log().violations()).extracting(WsEvent.Violation::rule)
                    .containsExactly(ProtocolRule.CLIENT_FRAME_UNMASKED);

            WsServer strict = start("server echo as s", ctx);
            assertThat(firstAnswer(strict)).isEqualTo("close 1002");
        } finally {
            ctx.servers().forEach(s -> s.close());
        }
    }
}
