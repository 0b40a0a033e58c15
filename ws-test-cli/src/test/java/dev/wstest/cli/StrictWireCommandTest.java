package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.protocol.Frame;
import dev.wstest.raw.RawClient;
import dev.wstest.testing.MisbehavingServer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The toolbox shows protocol violations, and with -vv the header of the offending frame, mask key included. */
@Timeout(120)
class StrictWireCommandTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @DisplayName("session -vv against a server that masks its frames: the violation, the mask key, close 1002")
    void sessionShowsTheMask() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.sending(Frame.text("Hello").masked(new byte[] {0x37,
                (byte) 0xfa, 0x21, 0x3d}).toBytes());
             Tool.Background session = Tool.start("session", server.uri().toString(), "-vv")) {
            session.awaitOut("HTTP 101", WAIT);
            session.type("text go");
            session.awaitOut("<- VIOLATION §5\\.1: server frames must not be masked", WAIT);
            Cli.Result r = session.await(WAIT);
            assertThat(r.out()).contains("<- TEXT   (opcode 0x1, 5 bytes) hello",
                    "<- VIOLATION §5.1: server frames must not be masked (masked with key 0x37fa213d)",
                    "  frame header: FIN=1 RSV=000 opcode=0x1 MASK=1 key=0x37fa213d length=5",
                    "closed: 1002 \"§5.1: server frames must not be masked\", closed by client");
            assertThat(server.awaitOutcome().closeCode()).isEqualTo(1002);
        }
    }

    @Test
    @DisplayName("session --lenient against a server that masks its frames: the violation is shown, the session goes on")
    void lenientSessionShowsButDoesNotFail() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.sending(Frame.text("Hello").masked(new byte[] {0x37,
                (byte) 0xfa, 0x21, 0x3d}).toBytes());
             Tool.Background session = Tool.start("session", server.uri().toString(), "--lenient")) {
            session.awaitOut("connected", WAIT);
            session.type("text go");
            session.awaitOut("<- VIOLATION §5\\.1: server frames must not be masked", WAIT);
            session.type("close 4000 done looking");
            Cli.Result r = session.await(WAIT);
            assertThat(r.out()).doesNotContain("closed: 1002");
            MisbehavingServer.Outcome outcome = server.awaitOutcome();
            assertThat(outcome.closeCode()).as("the session's own close, not a failed connection: %s", outcome)
                    .isEqualTo(4000);
        }
    }

    @Test
    @DisplayName("conformance --lenient is refused: its raw client judges every frame itself")
    void conformanceRefusesLenient() {
        Cli.Result r = Cli.run("conformance", "ws://127.0.0.1:9/", "--lenient");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--lenient does not apply to conformance");
    }

    @Test
    @DisplayName("echo-server -vv: a client's unmasked frame is a violation, failed with 1002")
    void echoServerShowsUnmaskedFrames() throws Exception {
        try (Tool.Background server = Tool.start("echo-server", "-vv", "--count", "1", "--timeout", "60s")) {
            String url = server.awaitOut("listening on (ws://127\\.0\\.0\\.1:\\d+/)", WAIT);
            try (RawClient raw = RawClient.builder(url + "raw").connect()) {
                raw.send(Frame.text("Hello, world!"));
                RawClient.Received close = raw.read(WAIT);
                assertThat(close.isFrame()).as(raw.formatTranscript()).isTrue();
                assertThat(close.frame().opcode()).isEqualTo(0x8);
            }
            Cli.Result r = server.await(WAIT);
            assertThat(r.out()).contains("<- VIOLATION §5.1: client frames must be masked",
                    "  frame header: FIN=1 RSV=000 opcode=0x1 MASK=0 length=13",
                    "-> CLOSE  (opcode 0x8, 37 bytes) 1002 \"§5.1: client frames must be masked\"",
                    "disconnected: 1002 \"§5.1: client frames must be masked\", closed by server");
        }
    }

    @Test
    @DisplayName("echo-server --lenient: a client's unmasked frame is shown as a violation and echoed, not failed")
    void lenientEchoServerShowsButDoesNotFail() throws Exception {
        try (Tool.Background server = Tool.start("echo-server", "--lenient", "--count", "1", "--timeout", "60s")) {
            String url = server.awaitOut("listening on (ws://127\\.0\\.0\\.1:\\d+/)", WAIT);
            try (RawClient raw = RawClient.builder(url + "raw").connect()) {
                raw.send(Frame.text("Hello, world!"));
                RawClient.Received echo = raw.read(WAIT);
                assertThat(echo.isFrame()).as(raw.formatTranscript()).isTrue();
                assertThat(echo.frame().opcode()).as("echoed, not closed").isEqualTo(0x1);
                raw.send(Frame.close(1000, "").masked());
                raw.read(WAIT);
            }
            Cli.Result r = server.await(WAIT);
            assertThat(r.out()).contains("<- VIOLATION §5.1: client frames must be masked").doesNotContain("1002");
        }
    }
}
