package dev.wstest.scenario.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What is defined at a point of a file: variables and connections (the last one opened is the default). */
final class Scope {

    final Set<String> vars = new HashSet<>();
    final List<String> connections = new ArrayList<>();
    /** Servers declared so far, by name. */
    final Map<String, DeclaredServer> servers = new HashMap<>();

    /** A server as declared: a mock or an embedded server, serving wss:// or not. */
    record DeclaredServer(boolean mock, boolean tls) {
    }

    Scope copy() {
        Scope s = new Scope();
        s.vars.addAll(vars);
        s.connections.addAll(connections);
        s.servers.putAll(servers);
        return s;
    }

    String last() {
        return connections.isEmpty() ? null : connections.get(connections.size() - 1);
    }

    /** A connection opened by now, the most recent one first among equals. */
    void opened(String name, boolean named) {
        if (!named && connections.contains("default")) {
            connections.remove("default");
        }
        connections.remove(name);
        connections.add(name);
    }

    /**
     * The connection a step addresses: the name written after the command if it names an open connection,
     * else the last one opened. {@code subKeywords} are the words that may follow the command instead of a
     * name; a word that is neither is an error naming the connections open so far.
     */
    String connection(Cursor c, Token command, Set<String> subKeywords) {
        Token t = c.peek();
        if (t.kind() == Token.Kind.WORD && !subKeywords.contains(t.text()) && !t.text().matches("\\d+")) {
            if (connections.contains(t.text())) {
                c.skip();
                return t.text();
            }
            Token after = c.peek(1);
            boolean looksLikeName = Cursor.NAME.matcher(t.text()).matches()
                    && (subKeywords.isEmpty() || after.kind() == Token.Kind.WORD && subKeywords.contains(after.text())
                    || after.kind() == Token.Kind.EOL || after.kind() == Token.Kind.STRING && subKeywords.contains("hex"));
            if (looksLikeName) {
                throw c.error(t, "expected a connection opened earlier (" + (connections.isEmpty() ? "none so far"
                        : String.join(", ", connections)) + ") but found \"" + t.text() + "\"; open it first with"
                        + " connect URL as " + t.text());
            }
            if (!subKeywords.isEmpty()) {
                throw c.err(t, oneOf(subKeywords) + (connections.isEmpty() ? ""
                        : " (after an optional connection name)"));
            }
        }
        String last = last();
        if (last == null) {
            throw c.error(command, "expected a connect step before \"" + command.text() + "\" but found no"
                    + " connection opened so far");
        }
        return last;
    }

    private static String oneOf(Set<String> words) {
        List<String> sorted = new ArrayList<>(words);
        java.util.Collections.sort(sorted);
        return String.join(", ", sorted.stream().map(w -> "\"" + w + "\"").toList());
    }
}
