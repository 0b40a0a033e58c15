package dev.wstest.junit5.internal;

import dev.wstest.client.WsClient;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.ServerHandshake;
import dev.wstest.server.WsServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every client and server involved in a test did, in the house frame-log format: published as report
 * entries ({@code ws-test.client.<name>}, {@code ws-test.server.<name>}) and printed to standard output in one
 * piece.
 */
final class FailureReport {

    static final String CLIENT_KEY_PREFIX = "ws-test.client.";
    static final String SERVER_KEY_PREFIX = "ws-test.server.";

    /** Report entry key to text, in report order. */
    private final Map<String, String> sections = new LinkedHashMap<>();

    private FailureReport() {
    }

    /**
     * The report for the scopes visible from this context (innermost first): the test's own clients, then the
     * clients of enclosing scopes, then servers in the same order; servers of enclosing scopes show only what
     * happened since the innermost scope began.
     */
    static FailureReport of(List<Scope> scopes) {
        FailureReport report = new FailureReport();
        for (Scope scope : scopes) {
            for (WsClient client : scope.clients()) {
                report.add(CLIENT_KEY_PREFIX + client.name(), client(client));
            }
        }
        for (Scope scope : scopes) {
            for (ManagedServer server : scope.servers()) {
                Scope.Mark since = scopes.get(0).markOf(server.server()); // zero for the innermost scope's own
                report.add(SERVER_KEY_PREFIX + server.name(), server(server, since));
            }
        }
        return report;
    }

    private void add(String key, String text) {
        text = dev.wstest.record.Redactor.DEFAULT.scrub(text); // the report leaves the process: no known secret in it
        String unique = key;
        for (int n = 2; sections.containsKey(unique); n++) {
            unique = key + "#" + n;
        }
        sections.put(unique, text);
    }

    boolean isEmpty() {
        return sections.isEmpty();
    }

    static String client(WsClient client) {
        return "Client \"" + client.name() + "\" (" + client.redactor().redactUrl(client.uri().toString()) + ", "
                + client.state() + ")\n"
                + "Handshake:\n" + indent(client.handshake().toString())
                + "Frames since connect (ms after handshake):\n"
                + client.formatLog() + "\n";
    }

    static String server(ManagedServer managed, Scope.Mark since) {
        WsServer server = managed.server();
        if (managed.redactor() == null) {
            return "Server \"" + managed.name() + "\" (" + server.uri() + "), everything it saw:\n"
                    + server.describeActivity();
        }
        List<ServerHandshake> handshakes = server.handshakes();
        List<ServerConnection> connections = server.connections();
        StringBuilder sb = new StringBuilder();
        sb.append("Server \"").append(managed.name()).append("\" (").append(server.uri()).append(")");
        sb.append(since.handshakes() == 0 && since.connections() == 0 ? ", everything it saw:\n"
                : ", what it saw during this test (earlier: " + since.handshakes() + " handshake(s), "
                        + since.connections() + " connection(s) not shown):\n");
        sb.append("Handshakes received:\n");
        List<ServerHandshake> recent = handshakes.stream().filter(h -> h.number() > since.handshakes()).toList();
        if (recent.isEmpty()) {
            sb.append("  (none)\n");
        }
        for (ServerHandshake h : recent) {
            sb.append(indent(h.format(managed.redactor())));
        }
        for (ServerConnection c : connections) {
            if (c.id() <= since.connections()) {
                continue;
            }
            sb.append("Connection ").append(c.id()).append(" (").append(c.path())
                    .append("), frames seen by the server (ms after handshake):\n")
                    .append(FrameLogFormat.format(c.log(), managed.redactor(), null)).append('\n');
        }
        return sb.toString();
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                sb.append("  ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Publishes one report entry per client and server. */
    void publishTo(ExtensionContext context) {
        sections.forEach(context::publishReportEntry);
    }

    /** The whole report as one text, with a heading naming the test and its outcome. */
    String render(String heading) {
        StringBuilder sb = new StringBuilder();
        sb.append("=== ws-test report: ").append(heading).append(" ===\n");
        for (String text : sections.values()) {
            sb.append('\n').append(text);
        }
        sb.append("=== end of ws-test report ===\n");
        return sb.toString();
    }
}
