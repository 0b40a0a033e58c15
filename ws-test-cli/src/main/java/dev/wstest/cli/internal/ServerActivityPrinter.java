package dev.wstest.cli.internal;

import dev.wstest.record.EventType;
import dev.wstest.record.Redactor;
import dev.wstest.record.WsEvent;
import dev.wstest.server.RecordedServerConnection;
import dev.wstest.server.RecordingServer;
import dev.wstest.server.ServerHandshake;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what an embedded server (or a mock) sees as it happens: each upgrade request with its headers (secrets
 * redacted) and status, each connection's frames and its close. Runs on its own thread until closed.
 */
public final class ServerActivityPrinter implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Duration RECHECK = Duration.ofMillis(250);

    private final RecordingServer server;
    private final PrintWriter out;
    private final Redactor redactor;
    private final int verbosity;
    private final Thread thread;
    private final Map<Integer, Long> delivered = new HashMap<>();
    private final Map<Integer, EventLines> lines = new HashMap<>();
    private volatile boolean stopping;
    /** The number of the last handshake printed (handshakes are numbered; old ones may be dropped). */
    private int handshakesShown;
    private volatile int closedConnections;

    public ServerActivityPrinter(RecordingServer server, PrintWriter out, Redactor redactor, int verbosity) {
        this.server = server;
        this.out = out;
        this.redactor = redactor;
        this.verbosity = verbosity;
        this.thread = new Thread(this::run, "ws-test server log");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Connections whose disconnect was printed. */
    public int closedConnections() {
        return closedConnections;
    }

    private boolean pending() {
        List<ServerHandshake> hs = server.handshakes();
        if (!hs.isEmpty() && hs.get(hs.size() - 1).number() > handshakesShown) {
            return true;
        }
        for (RecordedServerConnection c : server.connections()) {
            if (c.log().size() > delivered.getOrDefault(c.id(), 0L)) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        while (true) {
            server.awaitUntil(() -> stopping || pending(), RECHECK);
            printPending();
            if (stopping && !pending()) {
                return;
            }
        }
    }

    private void printPending() {
        for (ServerHandshake h : server.handshakes()) {
            if (h.number() > handshakesShown) {
                out.println(now() + " handshake " + h.format(redactor).stripTrailing()
                        + (h.status() == 101 ? "" : "   (refused)"));
                handshakesShown = h.number();
            }
        }
        List<? extends RecordedServerConnection> connections = server.connections();
        for (RecordedServerConnection c : connections) {
            long from = delivered.getOrDefault(c.id(), 0L);
            if (from == 0 && !lines.containsKey(c.id())) {
                lines.put(c.id(), new EventLines(c.log(), verbosity));
                out.println(now() + " [" + c.id() + "] connected: " + c.path()
                        + c.handshake().query().map(q -> "?" + q).orElse(""));
            }
            EventLines l = lines.get(c.id());
            for (WsEvent e : c.log().eventsAfter(from)) {
                from = e.seq();
                if (e.type() == EventType.DISCONNECTED) {
                    out.println(now() + " [" + c.id() + "] disconnected: "
                            + c.closeStatus().map(Object::toString).orElse(String.valueOf(e.closeCode())));
                    closedConnections++;
                } else if (e.isInbound() || verbosity >= 1 || !e.isAutomatic() && e.type() == EventType.CLOSE) {
                    out.println("[" + c.id() + "] " + l.human(e));
                }
            }
            delivered.put(c.id(), from);
        }
        // forget connections the server no longer keeps, so a long-running server's log stays small
        java.util.Set<Integer> kept = new java.util.HashSet<>();
        connections.forEach(c -> kept.add(c.id()));
        delivered.keySet().retainAll(kept);
        lines.keySet().retainAll(kept);
        out.flush();
    }

    private static String now() {
        return LocalTime.now().format(TIME);
    }

    /** Prints what is already recorded, then stops. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
