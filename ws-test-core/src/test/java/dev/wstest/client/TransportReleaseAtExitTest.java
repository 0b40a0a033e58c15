package dev.wstest.client;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.WsServer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A JVM that exits while threads sit in native code (a selector waiting for I/O) waits up to 300 ms for them
 * (HotSpot's VM_Exit). The client transport's selector threads are such threads, so ws-test closes that
 * transport when the JVM exits. Checked in a fresh JVM that used a client and calls System.exit.
 */
@Timeout(60)
class TransportReleaseAtExitTest {

    @Test
    @DisplayName("System.exit after using a client closes the client transport: its selector threads end")
    void exitClosesTheClientTransport() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Exiting.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
        assertThat(out).contains("client transport threads: ").contains("still running at exit: 0")
                .doesNotContain("client transport threads: 0,");
    }

    /** The child: connects once, then exits with System.exit while watching the client transport's threads. */
    static final class Exiting {
        public static void main(String[] args) throws Exception {
            try (WsServer server = WsServer.echo()) {
                Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
                try (WsClient client = WsClient.connect(server.uri())) {
                    client.sendText("hi");
                    assertThat(client).receivesText("hi");
                }
                List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> !before.contains(t) && t.getName().contains("SelectorRunner")).toList();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    for (Thread t : selectors) {
                        try {
                            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    long alive = selectors.stream().filter(Thread::isAlive).count();
                    System.out.println("client transport threads: " + selectors.size() + ", still running at exit: "
                            + alive);
                }));
            }
            System.exit(0);
        }
    }
}
