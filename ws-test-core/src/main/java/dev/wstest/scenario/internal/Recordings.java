package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.scenario.Recording;
import dev.wstest.scenario.ScenarioVariables;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Reads a recorded session ({@code ScenarioWriter}'s output) into a {@link Recording}: the file is parsed like
 * any scenario, then each step becomes a turn of its connection.
 */
@API(status = INTERNAL, since = "0.1")
public final class Recordings {

    private Recordings() {
    }

    /** Every variable name counts as defined: a recording's ${SECRETS} need no value to be played back. */
    private static final Set<String> ANY_NAME = new AbstractSet<>() {
        @Override
        public boolean contains(Object o) {
            return o instanceof String;
        }

        @Override
        public Iterator<String> iterator() {
            return Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    };

    public static Recording parse(String source, String text) {
        Parser.Result parsed = new Parser(source, text, Resources.directory(Path.of("").toAbsolutePath()), ANY_NAME)
                .parse();
        RunContext noVariables = new RunContext(ScenarioVariables.none(), Duration.ofSeconds(1), c -> { });
        List<Recording.Conversation> conversations = new ArrayList<>();
        String path = null;
        List<String> subprotocols = null;
        List<Recording.Turn> turns = null;
        int connectLine = 0;
        for (dev.wstest.scenario.Scenario scenario : parsed.scenarios()) {
            for (dev.wstest.scenario.Step s : scenario.steps()) {
                ScenarioStep step = (ScenarioStep) s;
                StepAction a = step.action();
                int line = step.line();
                if (a instanceof ConnectSteps.Connect connect) {
                    if (turns != null) {
                        conversations.add(new Recording.Conversation(path, subprotocols, turns, connectLine));
                    }
                    path = pathOf(connect.url().raw());
                    subprotocols = connect.subprotocols().stream().map(Template::raw).toList();
                    turns = new ArrayList<>();
                    connectLine = line;
                    continue;
                }
                if (a instanceof VarSteps.Var) {
                    continue;
                }
                if (turns == null) {
                    throw new IllegalArgumentException(source + ":" + line + ": a recording starts with a connect"
                            + " step, but found: " + step.text());
                }
                Optional<Recording.Turn> turn;
                try {
                    turn = turn(a, line, turns, noVariables);
                } catch (Exception e) {
                    throw new IllegalArgumentException(source + ":" + line + ": " + e.getMessage(), e);
                }
                if (turn == null) {
                    throw new IllegalArgumentException(source + ":" + line + ": a recording holds send, ping, close"
                            + " and exact expect text|binary|ping|closed steps (what ws-test session --record and"
                            + " proxy --record write), but found: " + step.text());
                }
                turn.ifPresent(turns::add);
            }
        }
        if (turns != null) {
            conversations.add(new Recording.Conversation(path, subprotocols, turns, connectLine));
        }
        if (conversations.isEmpty()) {
            throw new IllegalArgumentException(source + ": the recording holds no connect step, so there is"
                    + " nothing to play back");
        }
        return new Recording(source, conversations);
    }

    /** The turn of a step; empty for a step that is no turn (a pong answering a ping); null if not allowed. */
    private static Optional<Recording.Turn> turn(StepAction a, int line, List<Recording.Turn> before, RunContext ctx)
            throws Exception {
        if (a instanceof SendSteps.Text t) {
            return Optional.of(new Recording.Text(true, t.text().raw(), line));
        }
        if (a instanceof SendSteps.Fragments f) {
            return Optional.of(new Recording.Text(true, String.join("", f.parts().stream().map(Template::raw)
                    .toList()), line));
        }
        if (a instanceof SendSteps.Binary b) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (Payload p : b.parts()) {
                all.writeBytes(p.bytes(ctx));
            }
            return Optional.of(new Recording.Binary(true, all.toByteArray(), line));
        }
        if (a instanceof SendSteps.Control c) {
            return c.ping() ? Optional.of(new Recording.Ping(true, c.payload() == null ? new byte[0]
                    : c.payload().bytes(ctx), line)) : Optional.empty();
        }
        if (a instanceof SendSteps.Close c) {
            return Optional.of(new Recording.Close(true, Optional.of(c.code()), c.reason() == null ? ""
                    : c.reason().raw(), line));
        }
        if (a instanceof ExpectSteps.Message m) {
            if (m.expected() instanceof MessageExpectation.TextEquals t) {
                return Optional.of(new Recording.Text(false, t.text().raw(), line));
            }
            if (m.expected() instanceof MessageExpectation.JsonEquals j) {
                return Optional.of(new Recording.Text(false, j.json().raw(), line));
            }
            if (m.expected() instanceof MessageExpectation.BinaryEquals b) {
                return Optional.of(new Recording.Binary(false, b.payload().bytes(ctx), line));
            }
            return null;
        }
        if (a instanceof ExpectSteps.Control c) {
            return c.ping() ? Optional.of(new Recording.Ping(false, c.payload() == null ? new byte[0]
                    : c.payload().bytes(ctx), line)) : Optional.empty();
        }
        if (a instanceof ExpectSteps.Closed c) {
            boolean clientClosed = before.stream().anyMatch(t -> t instanceof Recording.Close && t.fromClient());
            return clientClosed ? Optional.empty() : Optional.of(new Recording.Close(false,
                    Optional.ofNullable(c.code()), c.reason() == null ? "" : c.reason().raw(), line));
        }
        return null;
    }

    /** The path and query of a connect URL as written ({@code ${BASE}/chat?x=1}, {@code ws://host:1/chat}). */
    static String pathOf(String url) {
        String rest = url;
        if (rest.startsWith("${")) {
            int end = rest.indexOf('}');
            rest = end < 0 ? "" : rest.substring(end + 1);
        } else {
            try {
                URI u = URI.create(url);
                String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
            } catch (IllegalArgumentException e) {
                int scheme = rest.indexOf("://");
                rest = scheme < 0 ? rest : rest.substring(rest.indexOf('/', scheme + 3) < 0 ? rest.length()
                        : rest.indexOf('/', scheme + 3));
            }
        }
        return rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : "/" + rest;
    }
}
