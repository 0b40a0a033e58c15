package dev.wstest.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * An independently written WebSocket server in another process (python3-websockets or node-ws, both Debian
 * packages that .ci/run installs), so that the client is tested against something other than itself.
 *
 * <p>When the package is missing, the test fails on CI (CI=true) and is skipped with the install command
 * elsewhere: on CI a missing peer means .ci/run is broken, locally it means a developer has not installed it.
 */
public final class Peer implements AutoCloseable {

    public enum Kind {
        PYTHON_WEBSOCKETS("python3-websockets", List.of("/usr/bin/python3", "-u"), "python_peer.py", Map.of(),
                List.of("/usr/bin/python3", "-c", "import websockets")),
        NODE_WS("node-ws", List.of("node"), "node_peer.js", Map.of("NODE_PATH", "/usr/share/nodejs"),
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

        @Override
        public String toString() {
            return debianPackage;
        }
    }

    private final Kind kind;
    private final Process process;
    private final int port;

    private Peer(Kind kind, Process process, int port) {
        this.kind = kind;
        this.process = process;
        this.port = port;
    }

    /** Starts the peer's multi-route script ({@code /peers/...}: /echo, /close4001, /fragments, /ping, /secure). */
    public static Peer start(Kind kind) {
        return start(kind, "/peers/" + kind.script);
    }

    /**
     * Starts the peer's interpreter on another script on the test classpath, which must print
     * {@code PORT <n>} once listening and exit when its standard input closes; {@code args} follow the
     * script's name on its command line.
     */
    public static Peer start(Kind kind, String scriptResource, String... args) {
        ProcessBuilder pb = process(kind, scriptResource, args).redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String line;
            try {
                line = first.get(20, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                p.destroyForcibly();
                throw new IllegalStateException(kind + " peer did not report its port within 20 s", e);
            }
            if (line == null || !line.startsWith("PORT ")) {
                p.destroyForcibly();
                throw new IllegalStateException(kind + " peer printed \"" + line + "\" instead of its port");
            }
            return new Peer(kind, p, Integer.parseInt(line.substring(5).trim()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + kind + " peer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the peer's interpreter on a client script from the test classpath with these arguments, and waits
     * (at most 30 s) for it to exit; returns its exit code.
     */
    public static int runClient(Kind kind, String scriptResource, String... args) {
        ProcessBuilder pb = process(kind, scriptResource, args).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(kind + " client " + scriptResource + " did not exit within 30 s");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + kind + " client: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The peer's interpreter on a script from the test classpath with these arguments, its environment set,
     * not yet started; skips (or, on CI, fails) the test first when the peer is not installed.
     */
    public static ProcessBuilder process(Kind kind, String scriptResource, String... args) {
        requireInstalled(kind);
        List<String> cmd = new java.util.ArrayList<>(kind.command);
        cmd.add(script(scriptResource).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(kind.env);
        return pb;
    }

    private static Path script(String resource) {
        java.net.URL url = Peer.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("peer script " + resource + " is not on the test classpath");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            // Inside the ws-test-core test-jar (other modules' tests): the interpreter needs a real file.
            Path copy = java.nio.file.Files.createTempFile("ws-test-peer-",
                    "-" + resource.substring(resource.lastIndexOf('/') + 1));
            copy.toFile().deleteOnExit();
            try (java.io.InputStream in = url.openStream()) {
                java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read peer script " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Aborts the test (skip) when the peer's Debian package is missing, or fails it on CI, with the install
     * command in the message.
     */
    public static void requireInstalled(Kind kind) {
        boolean ok;
        try {
            ProcessBuilder pb = new ProcessBuilder(kind.probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(kind.env);
            Process p = pb.start();
            ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        if (!ok) {
            String msg = "the " + kind + " peer is not installed: apt-get install -y " + kind.debianPackage;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(msg + " (.ci/run should have done this)");
            }
            Assumptions.abort(msg);
        }
    }

    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the peers exit when stdin closes
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
