package dev.wstest.conformance;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deliberately broken WebSocket echo server over a raw socket, so that the conformance suite's FAILED
 * verdicts are proven against real misbehaviour. Each {@link Mode} breaks the RFC in its own way.
 */
final class BrokenServer implements AutoCloseable {

    enum Mode {
        /** Accepts everything: echoes every frame verbatim (reserved bits, opcodes, bad UTF-8, bad closes). */
        LENIENT,
        /** Parses correctly but corrupts: echoes with a '!' appended, pongs the wrong payload, answers an
         *  unsolicited pong with a text message, and answers a close with code 3333. */
        CORRUPTING,
        /** Echoes correctly but ignores close frames: no close reply, keeps processing frames, keeps TCP open. */
        CLOSE_IGNORER,
        /** Correct, except that it never closes TCP after the closing handshake. */
        KEEPS_TCP_OPEN,
        /** Correct, but sends a keepalive ping first thing and echoes the first message 300 ms late. */
        PINGS_FIRST
    }

    private final Mode mode;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private BrokenServer(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "broken-server-" + mode);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static BrokenServer start(Mode mode) throws IOException {
        return new BrokenServer(mode);
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "broken-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String key = readHandshake(in);
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            FrameDecoder decoder = new FrameDecoder();
            byte[] buf = new byte[65536];
            Conn conn = new Conn(out);
            if (mode == Mode.PINGS_FIRST) {
                conn.write(Frame.ping("keepalive".getBytes(StandardCharsets.UTF_8)));
            }
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                decoder.feed(buf, 0, n);
                Frame f;
                while ((f = next(decoder)) != null) {
                    if (!conn.on(f)) {
                        if (mode == Mode.KEEPS_TCP_OPEN) {
                            drainUntilEof(in, buf);
                        }
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // client went away
        } finally {
            sockets.remove(s);
        }
    }

    /** Undecodable input: a broken server just stops reading and leaves the connection hanging. */
    private static Frame next(FrameDecoder decoder) {
        try {
            return decoder.next();
        } catch (WsProtocolException e) {
            return null;
        }
    }

    private static void drainUntilEof(InputStream in, byte[] buf) throws IOException {
        while (in.read(buf) >= 0) {
            // discard
        }
    }

    private static String readHandshake(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("eof in handshake");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IOException("no key");
    }

    private final class Conn {
        final OutputStream out;
        int pendingOpcode = -1;
        ByteArrayOutputStream pending;
        boolean echoedOnce;

        Conn(OutputStream out) {
            this.out = out;
        }

        void write(Frame f) throws IOException {
            out.write(f.toBytes());
            out.flush();
        }

        /** @return false to end the connection */
        boolean on(Frame f) throws IOException {
            int op = f.opcode();
            if (mode == Mode.LENIENT) {
                if (op == Opcode.CLOSE) {
                    write(f.unmasked()); // verbatim: reserved bits, invalid codes, oversized payloads
                    return false;
                }
                if (op == Opcode.PING) {
                    write(Frame.of(Opcode.PONG, f.payload()).fin(f.isFin()));
                } else if (op != Opcode.PONG) {
                    write(f.unmasked());
                }
                return true;
            }
            switch (op) {
                case Opcode.TEXT:
                case Opcode.BINARY:
                    pendingOpcode = op;
                    pending = new ByteArrayOutputStream();
                    pending.writeBytes(f.payload());
                    if (f.isFin()) {
                        message();
                    }
                    return true;
                case Opcode.CONTINUATION:
                    if (pending != null) {
                        pending.writeBytes(f.payload());
                        if (f.isFin()) {
                            message();
                        }
                    }
                    return true;
                case Opcode.PING:
                    write(Frame.pong(mode == Mode.CORRUPTING ? concat(f.payload(), "!") : f.payload()));
                    return true;
                case Opcode.PONG:
                    if (mode == Mode.CORRUPTING) {
                        write(Frame.text("unsolicited"));
                    }
                    return true;
                case Opcode.CLOSE:
                    if (mode == Mode.CLOSE_IGNORER) {
                        return true;
                    }
                    write(mode == Mode.CORRUPTING ? Frame.close(3333, "") : Frame.close(1000, ""));
                    return false;
                default:
                    return true;
            }
        }

        private void message() throws IOException {
            byte[] payload = pending.toByteArray();
            pending = null;
            if (mode == Mode.PINGS_FIRST && !echoedOnce) {
                echoedOnce = true;
                try {
                    Thread.sleep(300); // a slow echo, so that the ping certainly arrives first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            write(Frame.of(pendingOpcode, mode == Mode.CORRUPTING ? concat(payload, "!") : payload));
        }
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = b.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + tail.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(tail, 0, out, a.length, tail.length);
        return out;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
