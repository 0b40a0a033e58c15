package dev.wstest.benchmarks.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * node ws's echo server (the Debian package node-ws, found through NODE_PATH=/usr/share/nodejs), in its own
 * process: an independently written server that is not the bottleneck.
 */
public final class NodeWsServer implements EchoServer {

    private static final String SCRIPT = String.join("\n",
            "'use strict';",
            "const { WebSocketServer } = require('ws');",
            "const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024 });",
            "wss.on('connection', (ws) => {",
            "  ws.on('error', () => {});",
            "  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));",
            "});",
            "wss.on('listening', () => process.stdout.write('PORT ' + wss.address().port + '\\n'));",
            "process.stdin.on('end', () => process.exit(0));",
            "process.stdin.resume();",
            "");

    private final Process process;
    private final int port;

    private NodeWsServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether node and the ws package are installed. */
    public static boolean available() {
        try {
            ProcessBuilder pb = new ProcessBuilder("node", "-e", "require('ws')").redirectErrorStream(true);
            pb.environment().put("NODE_PATH", "/usr/share/nodejs");
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts it on 127.0.0.1 and an ephemeral port; fails within 20 s if it does not come up. */
    public static NodeWsServer start() {
        try {
            Path script = Files.createTempFile("ws-test-bench-echo", ".js");
            Files.writeString(script, SCRIPT);
            script.toFile().deleteOnExit();
            ProcessBuilder pb = new ProcessBuilder("node", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("NODE_PATH", "/usr/share/nodejs");
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("PORT ")) {
                p.destroyForcibly();
                throw new IllegalStateException("node ws echo server did not start (needs node and the Debian"
                        + " package node-ws: apt-get install node-ws); it said: " + line);
            }
            return new NodeWsServer(p, Integer.parseInt(line.substring(5).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node (apt-get install nodejs node-ws)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("node ws echo server did not say its port within 20 s", e);
        }
    }

    @Override
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/echo");
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
