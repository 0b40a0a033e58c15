package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.cli.internal.SessionCommands;
import dev.wstest.testing.Peer;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(120)
class SessionCommandTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("piped commands send text, json, binary and pings; received frames are printed with time and type")
    void pipedSession() {
        try (WsServer echo = WsServer.echo();
             Tool.Background session = Tool.start("session", echo.uri("/chat").toString(), "-H",
                     "Authorization: Bearer s3cret")) {
            session.awaitOut("HTTP 101", WAIT);
            session.type("text hello world");
            session.awaitOut("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} <- TEXT   hello world", WAIT);
            session.type("json {\"a\": [1, 2]}").type("json {broken").type("binary ca fe").type("ping hb");
            session.awaitOut("<- PONG   \"hb\" \\(2 bytes\\)", WAIT);
            session.type("close 1005").type("close 4000 " + "x".repeat(124)).type("nonsense").type("close 4001 bye");
            Cli.Result r = session.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("<- TEXT   {\"a\": [1, 2]}", "<- BINARY 0xcafe (2 bytes)",
                    "error: not valid JSON: ", "(send it anyway with: text {broken)",
                    "error: close code 1005 (No Status Rcvd) may not be sent",
                    "error: close reason is 124 bytes of UTF-8; at most 123 fit in a close frame",
                    "error: unknown command 'nonsense'", "closed: 4001 \"bye\", closed by client")
                    .contains("Authorization: Bearer <redacted").doesNotContain("s3cret");
            ServerConnection c = echo.awaitConnection(1, WAIT);
            assertThat(c.receivedTexts()).containsExactly("hello world", "{\"a\": [1, 2]}");
            assertThat(echo.awaitUntil(x -> c.closeStatus().isPresent(), WAIT)).isTrue();
            assertThat(c.closeStatus()).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo(4001));
        }
    }

    @Test
    @DisplayName("sleep and wait read durations in the notation of .ws files")
    void sleepReadsTheOneDurationNotation() {
        assertThat(SessionCommands.parse("sleep 1.5s")).satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SessionCommands.Kind.SLEEP);
            assertThat(a.code()).isEqualTo(1500);
        });
        assertThat(SessionCommands.parse("wait 2m").code()).isEqualTo(120_000);
        assertThatThrownBy(() -> SessionCommands.parse("wait 5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wait: expected a duration like 500ms, 1.5s or 2m but found \"5\": add a unit: 5s or 5ms");
    }

    @Test
    @DisplayName("help lists the commands; help COMMAND shows examples; end of input closes with 1000")
    void helpAndEof() {
        try (WsServer echo = WsServer.echo()) {
            Cli.Result r = Tool.run("help\nhelp close\n", "session", echo.uri("/").toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("Commands (the words of .ws scenario files", "  text MESSAGE",
                    "  binary HEX", "  close [CODE [REASON]]", "Examples:\n    close\n    close 4001 going away",
                    "closed: 1000");
            ServerConnection c = echo.awaitConnection(1, WAIT);
            assertThat(echo.awaitUntil(x -> c.closeStatus().isPresent(), WAIT)).isTrue();
            assertThat(c.closeStatus()).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo(1000));
        }
    }

    @Test
    @DisplayName("server pings and the server's close are shown, and end the session")
    void serverPingAndClose() {
        try (WsServer server = WsServer.echo();
             Tool.Background session = Tool.start("session", server.uri("/").toString(), "-v")) {
            ServerConnection c = server.awaitConnection(1, WAIT);
            c.sendPing("heartbeat".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            session.awaitOut("<- PING   \\(opcode 0x9, 9 bytes\\) \"heartbeat\"", WAIT);
            session.awaitOut("-> PONG .*automatic", WAIT);
            c.close(4002, "server says bye");
            Cli.Result r = session.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("<- CLOSE  (opcode 0x8, ", "4002 \"server says bye\"",
                    "closed: 4002 \"server says bye\", closed by server");
        }
    }

    @Test
    @DisplayName("--timeout ends the session with close 1000")
    void sessionTimeout() {
        try (WsServer echo = WsServer.echo();
             Tool.Background session = Tool.start("session", echo.uri("/").toString(), "--timeout", "500ms")) {
            Cli.Result r = session.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("session timeout after 500 ms: closing", "closed: 1000");
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.Kind.class)
    @DisplayName("--record writes a scenario that ws-test run passes against the same independent peer")
    void recordThenRun(Peer.Kind kind) throws Exception {
        Path ws = dir.resolve("recorded.ws");
        Path txt = dir.resolve("session.txt");
        try (Peer peer = Peer.start(kind);
             Tool.Background session = Tool.start("session", peer.uri("/echo").toString(), "--record", ws.toString(),
                     "-o", txt.toString(), "-H", "Authorization: Bearer s3cret", "-H", "X-Price: $5")) {
            session.awaitOut("HTTP 101", WAIT);
            session.type("text hello \"quoted\" ${not a var}");
            session.awaitOut("<- TEXT   hello", WAIT);
            session.type("json {\"n\": 1}").type("binary 00 ff 10").type("ping hb");
            session.awaitOut("<- PONG", WAIT);
            session.awaitOut("<- BINARY", WAIT);
            session.type("close 4003 done");
            Cli.Result r = session.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            String scenario = Files.readString(ws);
            assertThat(scenario).contains("var URL = " + peer.uri("/echo"),
                    "connect ${URL} header \"Authorization: ${AUTHORIZATION}\" header \"X-Price: \\$5\"",
                    "send text \"hello \\\"quoted\\\" \\${not a var}\"", "expect text \"hello \\\"quoted\\\" \\${not a var}\"",
                    "send binary hex \"00 ff 10\"", "expect binary hex \"00 ff 10\"", "ping \"hb\"", "expect pong \"hb\"",
                    "close 4003 \"done\"", "expect closed 4003 \"done\"", "--var AUTHORIZATION=")
                    .doesNotContain("s3cret");
            assertThat(Files.readString(txt)).contains("-> ", "<- ", "TEXT", "Bearer <redacted").doesNotContain("s3cret");

            Cli.Result run = Cli.run("run", ws.toString(), "--var", "AUTHORIZATION=Bearer other");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("1 passed");
        }
    }

    @Test
    @DisplayName("an unknown transcript extension is refused before connecting")
    void badTranscriptExtension() {
        Cli.Result r = Tool.run("", "session", "ws://127.0.0.1:9/", "-o", "x.pdf");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("ws-test session: -o x.pdf: the extension says the format; use .txt, .html or .svg\n");
    }
}
