package dev.wstest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.WsServer;
import dev.wstest.testing.Peer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code connect ... deflate} and {@code expect handshake extension}, run against servers with compression on. */
@Timeout(60)
class DeflateScenarioTest {

    private static ScenarioResult run(String url, String... lines) {
        ScenarioVariables vars = ScenarioVariables.builder().put("URL", url).build();
        Scenario s = ScenarioLoader.parse("t.ws", String.join("\n", lines), vars).scenarios().get(0);
        return ScenarioRunner.builder().variables(vars).defaultTimeout(Duration.ofSeconds(5)).build().run(s);
    }

    @Test
    @DisplayName("python3-websockets: deflate negotiated with the parameters asked for, messages round-trip")
    void againstPython() {
        try (Peer peer = Peer.start(Peer.Kind.PYTHON_WEBSOCKETS, "/peers/deflate_peer.py", "no-takeover")) {
            ScenarioResult r = run(peer.uri("/echo").toString(),
                    "connect ${URL} deflate server_no_context_takeover client_no_context_takeover",
                    "expect handshake extension permessage-deflate server_no_context_takeover",
                    "send text \"" + "compress me ".repeat(50) + "\"",
                    "expect text contains \"compress me compress me\"");
            assertThat(r.passed()).as(() -> r.failure().map(Throwable::getMessage).orElse("")).isTrue();
        }
    }

    @Test
    @DisplayName("a server that declines: the extension expectation fails and says what was negotiated")
    void declined() {
        try (WsServer server = WsServer.echo()) {
            ScenarioResult r = run(server.uri().toString(), "connect ${URL} deflate",
                    "expect handshake extension permessage-deflate");
            assertThat(r.passed()).isFalse();
            assertThat(r.failure().orElseThrow().getMessage())
                    .contains("to have negotiated extension permessage-deflate")
                    .contains("but the server accepted none.");
        }
        try (WsServer server = WsServer.builder().permessageDeflate().start()) {
            ScenarioResult r = run(server.uri().toString(), "connect ${URL} deflate client_max_window_bits=10",
                    "expect handshake extension permessage-deflate client_max_window_bits=10",
                    "expect handshake extension permessage-deflate server_no_context_takeover");
            assertThat(r.failure().orElseThrow().getMessage())
                    .contains("but server_no_context_takeover is not in the server's answer: permessage-deflate;"
                            + " client_max_window_bits=10.");
        }
    }
}
