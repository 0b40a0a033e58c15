package dev.wstest.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;

/**
 * An independently written WebSocket client in another process (python3-websockets or node-ws), run once
 * against the mock with a spec of steps; it reports what it saw as JSON events. Like the core tests' server
 * peers: missing packages fail on CI (CI=true) and skip elsewhere with the install command.
 */
final class ClientPeer {

    enum Kind {
        PYTHON("python3-websockets", List.of("/usr/bin/python3", "-u"), "python_client.py", Map.of(),
                List.of("/usr/bin/python3", "-c", "import websockets")),
        NODE("node-ws", List.of("node"), "node_client.js", Map.of("NODE_PATH", "/usr/share/nodejs"),
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

    static final ObjectMapper JSON = new ObjectMapper();

    private ClientPeer() {
    }

    /** A spec to fill in: {@code spec(uri).put(...)}; steps via {@link #steps}. */
    static ObjectNode spec(URI uri) {
        return JSON.createObjectNode().put("url", uri.toString());
    }

    /** Runs the client and returns its events (a JSON array). */
    static Events run(Kind kind, ObjectNode spec) {
        requireInstalled(kind);
        List<String> cmd = new ArrayList<>(kind.command);
        cmd.add(script(kind).toString());
        cmd.add(spec.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(kind.env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(40, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(kind + " client did not finish within 40 s for " + spec);
                }
                out = in.readAllBytes();
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            String last = text.substring(text.lastIndexOf('\n') + 1);
            return new Events(kind, JSON.readTree(last));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the " + kind + " client: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a peer client saw, in order. */
    record Events(Kind kind, JsonNode all) {
        List<JsonNode> ofType(String type) {
            return StreamSupport.stream(all.spliterator(), false).filter(e -> e.path("type").asText().equals(type))
                    .collect(Collectors.toList());
        }

        JsonNode first(String type) {
            List<JsonNode> found = ofType(type);
            if (found.isEmpty()) {
                throw new AssertionError(kind + " saw no \"" + type + "\" event: " + all);
            }
            return found.get(0);
        }

        List<String> texts() {
            return ofType("text").stream().map(e -> e.get("text").asText()).collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return kind + " saw " + all;
        }
    }

    private static Path script(Kind kind) {
        String resource = "/clients/" + kind.script;
        try (InputStream in = ClientPeer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("client script " + resource + " is not on the test classpath");
            }
            Path copy = Files.createTempFile("ws-test-client-", "-" + kind.script);
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireInstalled(Kind kind) {
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
            String msg = "the " + kind + " client is not installed: apt-get install -y " + kind.debianPackage;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(msg + " (.ci/run should have done this)");
            }
            Assumptions.abort(msg);
        }
    }
}
