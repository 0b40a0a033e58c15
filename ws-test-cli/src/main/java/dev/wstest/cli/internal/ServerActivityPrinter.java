package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.record.EventType;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.Redactor;
import dev.wstest.record.WsEvent;
import dev.wstest.server.RecordedServerConnection;
import dev.wstest.server.RecordingServer;
import dev.wstest.server.ServerHandshake;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Prints what an embedded server (or a mock) sees as it happens: each upgrade request with its headers (secrets
 * redacted) and status, each connection's frames and its close. Runs on its own thread until closed.
 */
@API(status = INTERNAL, since = "0.1")
public final class ServerActivityPrinter implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Duration RECHECK = Duration.ofMillis(250);

    private final RecordingServer server;
    private final PrintWriter out;
    private final Redactor redactor;
    private final int verbosity;
    private final Thread thread;
    /** Connections whose close is not printed yet, by id: followed to their end even once the server forgets them. */
    private final Map<Integer, Followed> following = new LinkedHashMap<>();
    /** Connections whose close was printed and that the server still keeps. */
    private final Set<Integer> finished = new HashSet<>();
    private volatile boolean stopping;
    /** The number of the last handshake printed (handshakes are numbered; old ones may be dropped). */
    private int handshakesShown;
    private volatile int closedConnections;

    /** A connection being printed, and the sequence number of the last of its events looked at. */
    private static final class Followed {
        final RecordedServerConnection connection;
        final EventLines lines;
        long delivered;

        Followed(RecordedServerConnection connection, EventLines lines) {
            this.connection = connection;
            this.lines = lines;
        }
    }

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
            if (!finished.contains(c.id()) && !following.containsKey(c.id())) {
                return true;
            }
        }
        for (Followed f : following.values()) {
            if (f.connection.log().lastSeq() > f.delivered) {
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
        Set<Integer> kept = new HashSet<>();
        for (RecordedServerConnection c : server.connections()) {
            kept.add(c.id());
            if (!finished.contains(c.id()) && !following.containsKey(c.id())) {
                following.put(c.id(), new Followed(c, new EventLines(c.log(), verbosity)));
                out.println(now() + " [" + c.id() + "] connected: " + c.path()
                        + c.handshake().query().map(q -> "?" + q).orElse(""));
            }
        }
        for (Iterator<Followed> it = following.values().iterator(); it.hasNext(); ) {
            Followed f = it.next();
            RecordedServerConnection c = f.connection;
            boolean ended = false;
            for (WsEvent e : c.log().eventsAfter(f.delivered)) {
                if (e.seq() > f.delivered + 1) { // the log dropped them before they were printed
                    out.println("[" + c.id() + "] "
                            + FrameLogFormat.elisionMarker(e.seq() - f.delivered - 1, c.log().limits()).strip());
                }
                f.delivered = e.seq();
                if (e.type() == EventType.DISCONNECTED) {
                    out.println(now() + " [" + c.id() + "] disconnected: "
                            + c.closeStatus().map(Object::toString).orElse(String.valueOf(e.closeCode())));
                    closedConnections++;
                    ended = true;
                } else if (e.isInbound() || verbosity >= 1 || !e.isAutomatic() && e.type() == EventType.CLOSE) {
                    out.println("[" + c.id() + "] " + f.lines.human(e));
                }
            }
            if (ended) {
                it.remove();
                finished.add(c.id());
            }
        }
        // forget what the server no longer keeps, so that a long-running server's printer stays small
        finished.retainAll(kept);
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
