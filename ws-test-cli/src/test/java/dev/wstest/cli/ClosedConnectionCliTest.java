package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that closes ends the CLI's waits at once: run, listen and send --replies each report that the
 * connection closed long before their 30 s budgets (each test has a few seconds).
 */
@Timeout(15)
class ClosedConnectionCliTest {

    @TempDir
    Path dir;

    /** Says "hello" on connect and closes 4000 "bye" when it gets "close". */
    final WsServer server = WsServer.builder().behaviour(new ServerBehaviour() {
        @Override
        public void onOpen(ServerConnection c) {
            c.sendText("hello");
        }

        @Override
        public void onText(ServerConnection c, String t) {
            if (t.equals("close")) {
                c.close(4000, "bye");
            }
        }
    }).start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("run: an expect step with 30 s to wait fails as soon as the connection closed")
    void run() throws Exception {
        Path f = Files.writeString(dir.resolve("closed.ws"), "connect ${URL}\nexpect text \"hello\"\n"
                + "send text \"close\"\nexpect text \"never\" within 30s\n");
        Cli.Result r = Cli.run("run", f.toString(), "--var", "URL=" + server.uri("/"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(r.out()).contains("within 30s, but the connection closed at +", "4000 \"bye\", closed by server");
    }

    @Test
    @DisplayName("send --replies: fewer replies because the connection closed, said at once")
    void sendReplies() {
        Cli.Result r = Tool.run("", "send", server.uri("/").toString(), "close", "--replies", "3", "--timeout", "30s");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.err()).contains("expected 3 replies but got 1: the connection closed (4000 \"bye\")");
    }

    @Test
    @DisplayName("listen: the close ends it at once")
    void listen() {
        try (WsServer closer = WsServer.builder().behaviour(new ServerBehaviour() {
            @Override
            public void onOpen(ServerConnection c) {
                c.sendText("only one");
                c.close(4000, "bye");
            }
        }).start()) {
            Cli.Result r = Tool.run("", "listen", closer.uri("/").toString(), "--count", "3", "--timeout", "30s");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INCOMPLETE);
            assertThat(r.out()).isEqualTo("only one\n");
            assertThat(r.err()).contains("expected 3 message(s) but got 1: the connection closed");
        }
    }
}
