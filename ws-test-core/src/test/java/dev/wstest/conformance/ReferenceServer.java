package dev.wstest.conformance;

import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.WsServer;
import dev.wstest.testing.Peer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The four servers of the reference set (test resources conformance/reference/README.md), started the
 * way the reference runs started them: python3-websockets and node-ws from their Debian packages with the
 * shared scripts, Netty with NettyEcho.java's set-up and a 32 MiB frame limit, Tyrus as
 * {@code ws-test echo-server} hosts it.
 */
final class ReferenceServer implements AutoCloseable {

    enum Kind {
        NODE_WS("node-ws 8.11.0", "node-ws-8.11.0.json"),
        PYTHON_WEBSOCKETS("python3-websockets 10.4", "python-websockets-10.4.json"),
        TYRUS("Tyrus 2.2.2 (ws-test echo-server)", "tyrus-2.2.2.json"),
        NETTY("Netty 4.2.17", "netty-4.2.17.json"),
        NODE_WS_DEFLATE("node-ws 8.11.0, perMessageDeflate: true", null);

        final String title;
        final String referenceFile;

        Kind(String title, String referenceFile) {
            this.title = title;
            this.referenceFile = referenceFile;
        }
    }

    private final Kind kind;
    private final URI uri;
    private final Process process;
    private final AutoCloseable inProcess;

    private ReferenceServer(Kind kind, URI uri, Process process, AutoCloseable inProcess) {
        this.kind = kind;
        this.uri = uri;
        this.process = process;
        this.inProcess = inProcess;
    }

    static ReferenceServer start(Kind kind) throws Exception {
        switch (kind) {
            case TYRUS: {
                // lenient: the reference run saw Tyrus as echo-server hosted it before ws-test's strict tap,
                // which now fails invalid UTF-8 fast (6.4.2-6.4.4 OK where plain Tyrus is NON-STRICT).
                WsServer s = WsServer.builder().name("echo-server").behaviour(ServerBehaviour.echo()).lenient()
                        .start();
                return new ReferenceServer(kind, s.uri(), null, s);
            }
            case NETTY: {
                NettyEchoServer s = new NettyEchoServer(33_554_432);
                return new ReferenceServer(kind, s.uri(), null, s);
            }
            case PYTHON_WEBSOCKETS:
                Peer.requireInstalled(Peer.Kind.PYTHON_WEBSOCKETS);
                return process(kind, List.of("/usr/bin/python3", "-u", script("echo_websockets.py")));
            default:
                Peer.requireInstalled(Peer.Kind.NODE_WS);
                List<String> cmd = new ArrayList<>(List.of("node", script("echo_ws.js")));
                return process(kind, cmd);
        }
    }

    private static ReferenceServer process(Kind kind, List<String> command) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(command);
        cmd.add(Integer.toString(port));
        if (kind == Kind.NODE_WS_DEFLATE) {
            cmd.add("deflate");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("NODE_PATH", "/usr/share/nodejs");
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException(kind.title + " did not report its port within 20 s", e);
        }
        if (line == null || !line.startsWith("PORT " + port)) {
            p.destroyForcibly();
            throw new IllegalStateException(kind.title + " printed \"" + line + "\" instead of \"PORT " + port + "\"");
        }
        return new ReferenceServer(kind, URI.create("ws://127.0.0.1:" + port + "/"), p, null);
    }

    private static String script(String name) {
        try {
            return Path.of(ReferenceServer.class.getResource("/conformance/reference/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Kind kind() {
        return kind;
    }

    URI uri() {
        return uri;
    }

    @Override
    public void close() throws Exception {
        if (inProcess != null) {
            inProcess.close();
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
