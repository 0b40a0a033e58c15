package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.peers.EchoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Child JVM: an echo server ({@code ws-test} or {@code tyrus}) that answers {@code heap} with its live heap
 * after full GCs ({@code HEAP bytes}) and {@code threads} with its live thread count; ends when stdin closes.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (EchoServer server = EchoServer.start(args[0])) {
            System.out.println("URI " + server.uri());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("heap")) {
                    System.out.println("HEAP " + ProcStatus.liveHeap());
                } else if (line.equals("threads")) {
                    System.out.println("THREADS " + ManagementFactory.getThreadMXBean().getThreadCount());
                }
            }
        }
        System.exit(0);
    }
}
