package dev.wstest.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An independently written echo server in another process, for the cross-check (the pattern of
 * dev.wstest.testing.Peer, with echo-only scripts that survive protocol errors). Missing packages fail the
 * test on CI and skip it locally, with the install command.
 */
final class EchoPeer implements AutoCloseable {

    enum Kind {
        PYTHON_WEBSOCKETS("python3-websockets", List.of("/usr/bin/python3", "-u"), "echo_python.py", Map.of(),
                List.of("/usr/bin/python3", "-c", "import websockets")),
        NODE_WS("node-ws", List.of("node"), "echo_node.js", Map.of("NODE_PATH", "/usr/share/nodejs"),
                List.of("node", "-e", "require('ws')"));

        final String debianPackage;
        final List<String> command;
        final String script;
        final Map<String, String> env;
        final List<String> probe;

        Kind(String debianPackage, List<String> command, String script, Map<String, String> env, List<String> probe) {
            this.debianPackage = debianPackage;
            this.command = command;
            this.script = script;
            this.env = env;
            this.probe = probe;
        }
    }

    private final Process process;
    private final int port;

    private EchoPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static EchoPeer start(Kind kind) throws Exception {
        ProcessBuilder probe = new ProcessBuilder(kind.probe).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        probe.environment().putAll(kind.env);
        boolean ok;
        try {
            Process p = probe.start();
            ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        }
        if (!ok) {
            String msg = "the " + kind.debianPackage + " peer is not installed: apt-get install -y " + kind.debianPackage;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(msg + " (.ci/run should have done this)");
            }
            Assumptions.abort(msg);
        }
        List<String> cmd = new ArrayList<>(kind.command);
        cmd.add(script(kind.script).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(kind.env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException(kind.debianPackage + " peer did not report its port within 20 s", e);
        }
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IllegalStateException(kind.debianPackage + " peer printed \"" + line + "\" instead of its port");
        }
        return new EchoPeer(p, Integer.parseInt(line.substring(5).trim()));
    }

    private static Path script(String name) throws URISyntaxException {
        return Path.of(EchoPeer.class.getResource("/conformance/" + name).toURI());
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
