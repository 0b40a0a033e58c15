package dev.wstest.testing;

import dev.wstest.protocol.Frame;
import dev.wstest.protocol.FrameDecoder;
import dev.wstest.protocol.HandshakeKeys;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket server over a raw socket whose every move the test scripts, for peers that misbehave on
 * purpose: never answer the upgrade, never answer a close, stop reading, send odd headers. Each accepted
 * connection runs the script on its own daemon thread; what the script throws is kept for the test to see.
 */
public final class RawServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        void run(Conn conn) throws Exception;
    }

    private final ServerSocket server;
    private final Script script;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Conn> connections = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private RawServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawServer start(Script script) throws IOException {
        return new RawServer(script);
    }

    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public List<Conn> connections() {
        return List.copyOf(connections);
    }

    /** What the scripts threw (other than the socket closing under them). */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Conn conn = new Conn(s);
                connections.add(conn);
                Thread t = new Thread(() -> {
                    try {
                        script.run(conn);
                    } catch (Throwable e) {
                        if (!s.isClosed()) {
                            failures.add(e);
                        }
                    }
                }, "raw-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
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

    /** One accepted connection, seen from the server. */
    public static final class Conn {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final FrameDecoder decoder = new FrameDecoder();
        private volatile String requestHead;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            socket.setTcpNoDelay(true);
        }

        public Socket socket() {
            return socket;
        }

        /** The request head as received (after {@link #readRequest()}). */
        public String requestHead() {
            return requestHead;
        }

        /** Reads the upgrade request head; returns it. */
        public String readRequest() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("EOF in request head");
                }
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) ? state + 1
                        : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
            }
            requestHead = head.toString(StandardCharsets.ISO_8859_1);
            return requestHead;
        }

        /** Reads the request and answers 101, with these extra header lines ("Name: value"). */
        public Conn accept(String... extraHeaderLines) throws IOException {
            String head = readRequest();
            String key = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            StringBuilder sb = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\n");
            for (String line : extraHeaderLines) {
                sb.append(line).append("\r\n");
            }
            writeRaw(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        public Conn send(Frame frame) throws IOException {
            writeRaw(frame.toBytes());
            return this;
        }

        public void writeRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** The next frame from the client, or null when none came within the timeout or the stream ended. */
        public Frame read(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buf = new byte[64 * 1024];
            while (true) {
                Frame f = decoder.next();
                if (f != null) {
                    return f;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        return null;
                    }
                    decoder.feed(buf, 0, n);
                } catch (SocketTimeoutException e) {
                    // loop to the deadline check
                }
            }
        }

        /** Reads (and drops) until the client closes TCP; whether it did within the timeout. */
        public boolean awaitEof(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buf = new byte[64 * 1024];
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                try {
                    if (in.read(buf) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    // loop to the deadline check
                } catch (IOException reset) {
                    return true;
                }
            }
        }

        public void close() throws IOException {
            socket.close();
        }
    }
}
