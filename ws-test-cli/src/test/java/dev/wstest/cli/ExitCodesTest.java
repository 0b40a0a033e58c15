package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.protocol.Frame;
import dev.wstest.testing.RawServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit codes mean what --help says: a failure at run time (the peer stopped reading, the server went away,
 * 1006, a message too big) is 6, never 3 (invalid input); each command lists the codes it returns.
 */
@Timeout(120)
class ExitCodesTest {

    static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    @DisplayName("every command lists its exit codes in --help, 6 included where it can happen")
    void helpListsTheCodes() {
        Map<String, String> lists = Map.of(
                "send", "6   the connection broke while in use",
                "listen", "6   the connection broke while in use",
                "ping", "6   the connection broke while in use",
                "session", "6   the connection broke while in use",
                "echo-server", "6   a failure while running",
                "proxy", "6   a failure while running",
                "conformance", "6   a failure while running",
                "mock", "6   a failure while running");
        lists.forEach((command, six) -> {
            Cli.Result r = Cli.run(command, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).as(command).contains("Exit codes:", "0   ", "3   ", six);
        });
        assertThat(Cli.run("--help").out()).contains("6   the connection broke while in use");
    }

    @Test
    @DisplayName("send: a peer that stops reading makes the send time out: exit 6, one line")
    void sendToAPeerThatStoppedReading() throws Exception {
        Path big = Files.write(dir.resolve("big.bin"), new byte[32 * MIB]);
        // accepts, then never reads again: the client's write cannot finish once the TCP buffers are full
        try (RawServer deaf = RawServer.start(c -> {
            c.accept();
            c.socket().setReceiveBufferSize(4096);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(60).toNanos());
        })) {
            Cli.Result r = Tool.run("", "send", deaf.uri("/").toString(), "--file", big.toString(),
                    "--send-timeout", "300ms");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONNECTION_BROKEN);
            assertThat(r.err().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).startsWith("ws-test send: sending binary message on client \"send\"")
                    .contains("did not finish within the send timeout of 300 ms");
        }
    }

    @Test
    @DisplayName("send: the server drops the connection before replying: exit 6, not 5")
    void sendToAServerThatDrops() throws Exception {
        try (RawServer dropper = RawServer.start(c -> {
            c.accept();
            c.read(Duration.ofSeconds(10));
            c.socket().setSoLinger(true, 0);
            c.close();
        })) {
            Cli.Result r = Tool.run("", "send", dropper.uri("/").toString(), "hi", "--replies", "1", "--timeout", "20s");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONNECTION_BROKEN);
            assertThat(r.err()).isEqualTo("ws-test send: expected 1 reply but got 0: the connection broke: 1006,"
                    + " closed abnormally (no close frame)\n");
        }
    }

    @Test
    @DisplayName("listen and session: a dropped connection is exit 6")
    void listenAndSessionOnADroppedConnection() throws Exception {
        try (RawServer dropper = RawServer.start(c -> {
            c.accept();
            c.send(Frame.text("one"));
            c.close(); // TCP closed without a close frame; a FIN (unlike a reset) cannot overtake "one"
        })) {
            Cli.Result listen = Tool.run("", "listen", dropper.uri("/").toString());
            assertThat(listen.exitCode()).as(listen.toString()).isEqualTo(ExitCodes.CONNECTION_BROKEN);
            assertThat(listen.out()).isEqualTo("one\n");
            assertThat(listen.err()).contains("ws-test listen: the connection broke: 1006");
            Tool.Background session = Tool.start("session", dropper.uri("/").toString());
            Cli.Result s = session.await(Duration.ofSeconds(20));
            assertThat(s.exitCode()).as(s.toString()).isEqualTo(ExitCodes.CONNECTION_BROKEN);
            assertThat(s.err()).contains("ws-test session: the connection broke: 1006");
        }
    }

    @Test
    @DisplayName("ping: no pong because the connection dropped is 6; no pong on an open connection is 5")
    void ping() throws Exception {
        try (RawServer dropper = RawServer.start(c -> {
            c.accept();
            c.read(Duration.ofSeconds(10));
            c.socket().setSoLinger(true, 0);
            c.close();
        }); RawServer mute = RawServer.start(c -> {
            c.accept();
            c.awaitEof(Duration.ofSeconds(20));
        })) {
            Cli.Result dropped = Tool.run("", "ping", dropper.uri("/").toString(), "--count", "1", "--timeout", "20s");
            assertThat(dropped.exitCode()).as(dropped.toString()).isEqualTo(ExitCodes.CONNECTION_BROKEN);
            Cli.Result unanswered = Tool.run("", "ping", mute.uri("/").toString(), "--count", "1", "--timeout", "300ms");
            assertThat(unanswered.exitCode()).as(unanswered.toString()).isEqualTo(ExitCodes.INCOMPLETE);
        }
    }

    @Test
    @DisplayName("listen: a 16 MiB message is refused with 1009 and one line (exit 6); --max-message-size takes it")
    void messageTooBig() throws Exception {
        RawServer.Script sendsBig = c -> {
            c.accept();
            try {
                c.send(Frame.binary(new byte[16 * MIB]));
            } catch (java.io.IOException refused) {
                return;
            }
            c.read(Duration.ofSeconds(10));
        };
        try (RawServer big = RawServer.start(sendsBig)) {
            Cli.Result refused = Tool.run("", "listen", big.uri("/").toString(), "--count", "1");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.CONNECTION_BROKEN);
            assertThat(refused.err()).contains("ws-test listen: expected 1 message(s) but got 0: the connection broke:"
                    + " 1009 \"message too big: limit 4194304 bytes\", closed by client")
                    .doesNotContain("Exception", "\tat ");
            Cli.Result taken = Tool.run("", "listen", big.uri("/").toString(), "--count", "1",
                    "--max-message-size", "32MiB");
            assertThat(taken.exitCode()).as(taken.toString()).isZero();
            assertThat(taken.out()).startsWith("(binary, 16777216 bytes");
        }
        Cli.Result badSize = Cli.run("listen", "ws://127.0.0.1:1/", "--max-message-size", "lots");
        assertThat(badSize.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(badSize.err()).contains("expected a size like 65536, 512KiB or 16MiB but found \"lots\"");
        Cli.Result nearMiss = Cli.run("echo-server", "--max-message-size", "16MB");
        assertThat(nearMiss.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(nearMiss.err()).contains("but found \"16MB\": write 16MiB");
    }

    @Test
    @DisplayName("a header with a line break is invalid input: exit 3 and the rule")
    void headerInjectionIsInvalidInput() {
        Cli.Result r = Tool.run("", "send", "ws://127.0.0.1:1/", "hi", "-H", "X-Test: a\r\nInjected: yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("ws-test send: the value of header X-Test contains a line break (CR at index 1),"
                + " which would end the header line and inject what follows; a header value is one line\n");
    }
}
