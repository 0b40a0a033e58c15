package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.WsServer;
import dev.wstest.testing.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --deflate} on the shared connection options. */
@Timeout(120)
class DeflateCommandTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("send --deflate --json: the reply is marked compressed with its size on the wire")
    void sendJson() {
        try (WsServer server = WsServer.builder().permessageDeflate().start()) {
            String text = "compress me ".repeat(40);
            Cli.Result r = Tool.run("", "send", server.uri("/x").toString(), text, "--replies", "1", "--json",
                    "--deflate");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("\"compressed\":true", "\"wireSize\":", "\"size\":" + text.length());
            Cli.Result plain = Tool.run("", "send", server.uri("/x").toString(), text, "--replies", "1", "--json");
            assertThat(plain.out()).doesNotContain("compressed");
        }
    }

    @Test
    @DisplayName("session --deflate -v against python3-websockets shows RSV1; --record writes connect ... deflate")
    void sessionRecords() throws Exception {
        Path ws = dir.resolve("recorded.ws");
        try (Peer peer = Peer.start(Peer.Kind.PYTHON_WEBSOCKETS, "/peers/deflate_peer.py", "default");
             Tool.Background session = Tool.start("session", peer.uri("/echo").toString(), "--deflate", "-v",
                     "--record", ws.toString())) {
            session.awaitOut("HTTP 101", WAIT);
            session.type("text " + "abc ".repeat(30));
            session.awaitOut("<- TEXT   \\(opcode 0x1, 119 bytes; RSV1, \\d+ on the wire\\) abc", WAIT);
            session.type("close 1000");
            Cli.Result r = session.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(Files.readString(ws)).contains("connect ${URL} deflate\n");
            Cli.Result run = Cli.run("run", ws.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
    }

    @Test
    @DisplayName("conformance --deflate is refused: the suite makes its own offers")
    void conformanceRefuses() {
        Cli.Result r = Tool.run("", "conformance", "ws://127.0.0.1:9/", "--deflate");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--deflate does not apply to conformance");
    }
}
