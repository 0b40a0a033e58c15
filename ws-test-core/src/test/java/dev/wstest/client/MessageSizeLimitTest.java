package dev.wstest.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.protocol.Frame;
import dev.wstest.protocol.Opcode;
import dev.wstest.raw.RawClient;
import dev.wstest.record.EventType;
import dev.wstest.server.WsServer;
import dev.wstest.testing.RawServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message over the limit is refused with 1009 and one clear line in the log, on the client and on the
 * embedded servers, never with 1011 and a stack trace from Tyrus; the limit is configurable.
 */
@Timeout(60)
class MessageSizeLimitTest {

    static final int MIB = 1024 * 1024;

    final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    @DisplayName("the client refuses a 16 MiB message with 1009 and says why in the log; Tyrus logs nothing")
    void clientRefusesWith1009() throws Exception {
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        try (RawServer server = RawServer.start(c -> {
            c.accept();
            Thread writer = new Thread(() -> {
                try {
                    c.send(Frame.binary(new byte[16 * MIB]));
                } catch (java.io.IOException closedByTheClient) {
                    // the client closes before taking it all
                }
            });
            writer.start();
            reply.complete(c.read(Duration.ofSeconds(10)));
        })) {
            try (WsClient client = WsClient.connect(server.uri("/"))) {
                client.log().awaitUntil(() -> client.closeStatus().isPresent(), Duration.ofSeconds(10));
                assertThat(client.closeStatus()).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo(1009));
                assertThat(client.log().events(e -> e.type() == EventType.ERROR)).singleElement()
                        .satisfies(e -> assertThat(e.text()).isEqualTo("message too big: a binary message of 16777216"
                                + " bytes, above this client's limit of 4194304 bytes (maxMessageBytes); closing"
                                + " with 1009"));
                assertThat(client.log().receivedMessages()).isEmpty();
            }
            Frame close = reply.get(10, TimeUnit.SECONDS);
            assertThat(close).isNotNull();
            assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
            assertThat(close.payload()[0] << 8 | close.payload()[1] & 0xff).isEqualTo(1009);
        }
        assertThat(warnings).as("nothing logged by Tyrus").isEmpty();
    }

    @Test
    @DisplayName("a fragmented message counts whole: 3 frames of 2 MiB are over a 4 MiB limit")
    void fragmentedMessagesCountWhole() throws Exception {
        try (RawServer server = RawServer.start(c -> {
            c.accept();
            c.send(Frame.text(new byte[2 * MIB]).fin(false));
            c.send(Frame.continuation(new byte[2 * MIB]).fin(false));
            c.send(Frame.continuation(new byte[2 * MIB]));
            c.read(Duration.ofSeconds(10));
        })) {
            try (WsClient client = WsClient.connect(server.uri("/"))) {
                client.log().awaitUntil(() -> client.closeStatus().isPresent(), Duration.ofSeconds(10));
                assertThat(client.closeStatus()).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo(1009));
            }
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("lenient() does not lift the limit: the message is still refused with 1009, not left to Tyrus")
    void lenientKeepsTheLimit() throws Exception {
        try (RawServer server = RawServer.start(c -> {
            c.accept();
            try {
                c.send(Frame.binary(new byte[8 * MIB]));
            } catch (java.io.IOException closedByTheClient) {
                return;
            }
            c.read(Duration.ofSeconds(10));
        })) {
            try (WsClient client = WsClient.builder(server.uri("/")).lenient().connect()) {
                client.log().awaitUntil(() -> client.closeStatus().isPresent(), Duration.ofSeconds(10));
                assertThat(client.closeStatus()).hasValueSatisfying(s -> {
                    assertThat(s.code()).isEqualTo(1009);
                    assertThat(s.isFailed()).as(s.toString()).isTrue();
                });
                assertThat(client.log().events(e -> e.type() == EventType.ERROR)).singleElement()
                        .satisfies(e -> assertThat(e.text()).startsWith("message too big: a binary message of 8388608"));
            }
        }
        assertThat(warnings).as("nothing logged by Tyrus").isEmpty();
    }

    @Test
    @DisplayName("maxMessageBytes raises the client's limit: 16 MiB then arrives whole")
    void clientLimitIsConfigurable() throws Exception {
        try (RawServer server = RawServer.start(c -> {
            c.accept();
            c.send(Frame.binary(new byte[16 * MIB]));
            c.read(Duration.ofSeconds(10));
        })) {
            try (WsClient client = WsClient.builder(server.uri("/")).maxMessageBytes(32 * MIB).connect()) {
                client.log().awaitUntil(() -> !client.log().receivedMessages().isEmpty(), Duration.ofSeconds(10));
                assertThat(client.log().receivedMessages()).singleElement()
                        .satisfies(e -> assertThat(e.size()).isEqualTo(16 * MIB));
            }
        }
    }

    @Test
    @DisplayName("an embedded server refuses a 16 MiB message with 1009, and takes it when its limit is raised")
    void serverRefusesWith1009() throws Exception {
        try (WsServer echo = WsServer.echo(); RawClient c = RawClient.builder(echo.uri("/")).connect()) {
            try {
                c.send(Frame.binary(new byte[16 * MIB]).masked());
            } catch (java.io.IOException closedByTheServer) {
                // the server closes before taking it all; its close frame is already on its way
            }
            RawClient.Received r = c.read(Duration.ofSeconds(10));
            assertThat(r.isFrame()).as(c.formatTranscript()).isTrue();
            assertThat(r.frame().opcode()).isEqualTo(Opcode.CLOSE);
            assertThat(r.frame().payload()[0] << 8 | r.frame().payload()[1] & 0xff).isEqualTo(1009);
            echo.awaitUntil(s -> s.connections().get(0).closeStatus().isPresent(), Duration.ofSeconds(5));
            assertThat(echo.connections().get(0).log().events(e -> e.type() == EventType.ERROR)).singleElement()
                    .satisfies(e -> assertThat(e.text()).startsWith("message too big: a binary message of 16777216"
                            + " bytes, above this server's limit of 4194304 bytes (maxMessageBytes)"));
        }
        assertThat(warnings).as("nothing logged by Tyrus").isEmpty();
        try (WsServer echo = WsServer.builder().maxMessageBytes(32 * MIB).start();
             RawClient c = RawClient.builder(echo.uri("/")).connect()) {
            c.send(Frame.binary(new byte[16 * MIB]).masked());
            RawClient.Received r = c.read(Duration.ofSeconds(10));
            assertThat(r.isFrame()).as(c.formatTranscript()).isTrue();
            assertThat(r.frame().payloadLength()).isEqualTo(16 * MIB);
        }
    }
}
