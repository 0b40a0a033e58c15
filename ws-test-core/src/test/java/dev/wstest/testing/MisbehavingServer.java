package dev.wstest.testing;

import dev.wstest.protocol.Frame;
import dev.wstest.protocol.FrameDecoder;
import dev.wstest.protocol.HandshakeKeys;
import dev.wstest.protocol.Opcode;
import dev.wstest.protocol.WsProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket WebSocket server that breaks RFC 6455 on purpose, to see what a client does about it. For
 * each connection: the handshake, then it waits for the client's first frame (the client says when it is
 * ready), sends a valid text message "hello" and then exactly the bytes it was given, and reads what the
 * client answers until the client closes TCP (or a deadline passes). What it saw is an {@link Outcome}.
 * Serves connections one after the other, so several clients (ws-test, python3-websockets, node-ws) can
 * face the same bytes.
 */
public final class MisbehavingServer implements AutoCloseable {

    /** What a client did after the bad bytes. */
    public record Outcome(Integer closeCode, String closeReason, boolean closeFrameMasked, boolean tcpClosedByClient,
                          String notes) {
        @Override
        public String toString() {
            return "close " + (closeCode == null ? "(none)" : closeCode + " \"" + closeReason + "\"")
                    + (closeFrameMasked ? ", masked" : ", UNMASKED") + (tcpClosedByClient ? ", then TCP closed"
                    : ", TCP left open") + (notes.isEmpty() ? "" : "; " + notes);
        }
    }

    private static final Duration DEADLINE = Duration.ofSeconds(8);
    private static final Duration CLIENT_DROPS_TCP_WITHIN = Duration.ofSeconds(1);

    private final byte[] bad;
    private final String extensions;
    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    private MisbehavingServer(byte[] bad, String extensions) throws IOException {
        this.bad = bad.clone();
        this.extensions = extensions;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "misbehaving-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server that sends these bytes (after "hello") on every connection. */
    public static MisbehavingServer sending(byte[] bad) throws IOException {
        return new MisbehavingServer(bad, null);
    }

    /**
     * Starts a server that answers every upgrade with this {@code Sec-WebSocket-Extensions} value (whatever
     * was offered) and sends these bytes after "hello".
     */
    public static MisbehavingServer acceptingExtensions(String extensions, byte[] bad) throws IOException {
        return new MisbehavingServer(bad, extensions);
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
    }

    /** What the next client did; fails when no client finished within the deadline. */
    public Outcome awaitOutcome() throws InterruptedException {
        Outcome o = outcomes.poll(DEADLINE.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("no client connection finished within " + DEADLINE.plusSeconds(2));
        }
        return o;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                outcomes.add(serve(s));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    outcomes.add(new Outcome(null, null, false, false, "server error: " + e));
                }
            }
        }
    }

    private Outcome serve(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        String key = readHandshake(in);
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        FrameDecoder decoder = new FrameDecoder();
        byte[] buf = new byte[8192];
        boolean sent = false;
        StringBuilder notes = new StringBuilder();
        Frame close = null;
        while (true) {
            Frame f;
            try {
                f = decoder.next();
            } catch (WsProtocolException e) {
                notes.append("undecodable: ").append(e.getMessage());
                return new Outcome(null, null, false, false, notes.toString());
            }
            if (f != null) {
                if (!sent) { // the client's first frame: it is ready
                    out.write(Frame.text("hello").toBytes());
                    out.write(bad);
                    out.flush();
                    sent = true;
                } else if (f.opcode() == Opcode.CLOSE && close == null) {
                    close = f;
                    // a client that fails the connection drops TCP right after its close frame; give it a moment
                    deadline = Math.min(deadline, System.nanoTime() + CLIENT_DROPS_TCP_WITHIN.toNanos());
                } else if (close == null) {
                    notes.append(notes.length() == 0 ? "" : ", ").append("then ").append(f);
                }
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (close != null) { // complete the closing handshake as a server does, then end
                    try {
                        out.write(Frame.close(1000, "").toBytes());
                        out.flush();
                    } catch (IOException e) {
                        // the client is gone after all
                    }
                    return outcome(close, false, notes.toString());
                }
                return outcome(null, false, notes.append(notes.length() == 0 ? "" : ", ")
                        .append("no close frame, TCP still open at the deadline").toString());
            }
            s.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return outcome(close, true, notes.toString()); // reset by the client
            }
            if (n < 0) {
                return outcome(close, true, notes.toString());
            }
            decoder.feed(buf, 0, n);
        }
    }

    private static Outcome outcome(Frame close, boolean eof, String notes) {
        if (close == null) {
            return new Outcome(null, null, false, eof, notes);
        }
        byte[] p = close.payload();
        Integer code = p.length >= 2 ? ((p[0] & 0xff) << 8) | (p[1] & 0xff) : null;
        String reason = p.length > 2 ? new String(p, 2, p.length - 2, StandardCharsets.UTF_8) : "";
        return new Outcome(code, reason, close.isMasked(), eof, notes);
    }

    private static String readHandshake(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in the handshake");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IOException("no Sec-WebSocket-Key in the handshake");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
