package dev.wstest.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wstest.testing.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * An independently written WebSocket client in another process (python3-websockets or node-ws), run once
 * against the mock with a spec of steps; it reports what it saw as JSON events. Like the core tests' server
 * peers: missing packages fail on CI (CI=true) and skip elsewhere with the install command.
 */
final class ClientPeer {

    enum Kind {
        PYTHON(Peer.Kind.PYTHON_WEBSOCKETS, "python_client.py"),
        NODE(Peer.Kind.NODE_WS, "node_client.js");

        final Peer.Kind peer;
        final String script;

        Kind(Peer.Kind peer, String script) {
            this.peer = peer;
            this.script = script;
        }

        @Override
        public String toString() {
            return peer.toString();
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
        ProcessBuilder pb = Peer.process(kind.peer, "/clients/" + kind.script, spec.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
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
}
