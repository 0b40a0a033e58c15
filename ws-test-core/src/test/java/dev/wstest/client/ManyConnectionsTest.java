package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.WsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clients must be cheap: the shared transport keeps threads flat, and closed clients release their sockets. */
@Timeout(300)
class ManyConnectionsTest {

    @Test
    @DisplayName("1,000 sequential connections leave no thread or socket growth")
    void sequentialConnections() {
        try (WsServer server = WsServer.echo()) {
            roundTrips(server, 50); // warm-up: shared transport and server worker pool reach their steady state
            int threadsBefore = Thread.activeCount();
            int socketsBefore = openSockets();

            roundTrips(server, 1_000);

            assertThat(server.connectionCount()).isEqualTo(1_050);
            // Counts settle asynchronously (server worker threads finish closing); wait on the condition.
            assertThat(settles(() -> Thread.activeCount(), threadsBefore + 4))
                    .as("threads after 1,000 connections (before: %d)", threadsBefore).isTrue();
            assertThat(settles(ManyConnectionsTest::openSockets, socketsBefore + 8))
                    .as("open sockets after 1,000 connections (before: %d, now %d)", socketsBefore, openSockets())
                    .isTrue();
        }
    }

    @Test
    @DisplayName("200 clients held open at once share a handful of transport threads")
    void concurrentConnections() {
        try (WsServer server = WsServer.echo()) {
            roundTrips(server, 5);
            int threadsBefore = Thread.activeCount();
            List<WsClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    clients.add(WsClient.connect(server.uri("/held/" + i)));
                }
                for (WsClient c : clients) {
                    c.sendText("x");
                }
                for (WsClient c : clients) {
                    assertThat(c).receivesText("x");
                }
                // The default (non-shared) Tyrus client adds 3-4 threads per connection (600+ here); the shared
                // transport and shared ClientManager keep a bounded set of pools, whatever the count.
                assertThat(Thread.activeCount() - threadsBefore)
                        .as("threads added by 200 open clients; threads now: %s", threadHistogram())
                        .isLessThan(100);
            } finally {
                clients.forEach(WsClient::close);
            }
        }
    }

    private static String threadHistogram() {
        return Thread.getAllStackTraces().keySet().stream()
                .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "N"),
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .toString();
    }

    private static void roundTrips(WsServer server, int count) {
        for (int i = 0; i < count; i++) {
            try (WsClient client = WsClient.connect(server.uri("/n"))) {
                client.sendText("m" + i);
                assertThat(client).receivesText("m" + i);
            }
        }
    }

    private static boolean settles(IntSupplier value, int atMost) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (value.getAsInt() <= atMost) {
                return true;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return value.getAsInt() <= atMost;
    }

    /** Open socket file descriptors of this JVM (Linux); falls back to 0 where /proc is absent. */
    private static int openSockets() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return (int) list.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
