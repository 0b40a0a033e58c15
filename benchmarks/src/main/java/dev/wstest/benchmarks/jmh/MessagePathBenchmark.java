package dev.wstest.benchmarks.jmh;

import dev.wstest.benchmarks.peers.EchoClient;
import dev.wstest.benchmarks.peers.EchoServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The message path: one client sending text to an echo server and checking each echo.
 *
 * <p>Java servers run in the benchmark's JVM, as an embedded server runs in a test's; node ws runs in its own
 * process. The client connects anew every iteration, and Java servers are restarted every iteration: ws-test's
 * recorder keeps every payload of a connection (and its server every connection), so without that a 16 KiB
 * run would measure a heap filling up rather than the path.
 */
@State(Scope.Thread)
public class MessagePathBenchmark {

    /** Messages in flight in {@link #pipelined()}. */
    public static final int WINDOW = 100;

    @Param({"ws-test", "tyrus", "jdk"})
    public String client;

    @Param({"ws-test", "tyrus", "node"})
    public String server;

    @Param({"64", "16384"})
    public int size;

    private EchoServer node;
    private EchoServer echo;
    private EchoClient connection;
    private String message;

    @Setup(Level.Trial)
    public void startNode() throws Exception {
        message = "x".repeat(size);
        if (server.equals("node")) {
            node = EchoServer.start("node");
        }
    }

    @Setup(Level.Iteration)
    public void connect() throws Exception {
        echo = node != null ? node : EchoServer.start(server);
        connection = EchoClient.connect(client, echo.uri());
    }

    @TearDown(Level.Iteration)
    public void disconnect() {
        connection.close();
        if (echo != node) {
            echo.close();
        }
    }

    @TearDown(Level.Trial)
    public void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** Latency of one send and its checked echo. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void roundTrip() throws Exception {
        connection.roundTrip(message);
    }

    /** Messages per second with {@value #WINDOW} in flight. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(WINDOW)
    public void pipelined() throws Exception {
        connection.pipelined(message, WINDOW);
    }
}
