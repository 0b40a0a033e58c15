package dev.wstest.scenario.internal;

import dev.wstest.assertions.JsonPath;
import dev.wstest.assertions.WebSocketAssertions;
import dev.wstest.assertions.WsClientAssert;
import dev.wstest.scenario.internal.MessageExpectation.BinaryEquals;
import dev.wstest.scenario.internal.MessageExpectation.JsonAt;
import dev.wstest.scenario.internal.MessageExpectation.JsonContains;
import dev.wstest.scenario.internal.MessageExpectation.JsonEquals;
import dev.wstest.scenario.internal.MessageExpectation.TextContains;
import dev.wstest.scenario.internal.MessageExpectation.TextEquals;
import dev.wstest.scenario.internal.MessageExpectation.TextMatches;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code expect [C] [next] WHAT ...}: one method per sub-verb (the word after the optional connection name),
 * each reading the rest of its line into a record that runs the matching assertion of
 * {@link WsClientAssert}.
 */
final class ExpectSteps implements StepSyntax {

    /** The words {@code next} may precede. */
    private static final Set<String> MESSAGES = Set.of("text", "json", "binary");

    private final Cursor c;
    private final Values values;
    private final Map<String, SubVerb> verbs = new LinkedHashMap<>();
    private final Set<String> words;
    private MockSteps mocks;

    /** What a sub-verb method gets: the step so far. {@code next} is only ever true for messages. */
    private record Head(Token first, Token verb, String conn, boolean next, Scope scope) {
    }

    @FunctionalInterface
    private interface SubVerb {
        StepAction parse(Head h);
    }

    ExpectSteps(Cursor c, Values values) {
        this.c = c;
        this.values = values;
        verbs.put("text", this::text);
        verbs.put("json", this::json);
        verbs.put("binary", this::binary);
        verbs.put("ping", this::control);
        verbs.put("pong", this::control);
        verbs.put("closed", this::closed);
        verbs.put("nothing", this::nothing);
        verbs.put("no", this::no);
        verbs.put("handshake", this::handshake);
        verbs.put("subprotocol", this::subprotocol);
        Set<String> all = new HashSet<>(verbs.keySet());
        all.add("next");
        words = Set.copyOf(all);
    }

    // ============================================================================ the steps

    private static WsClientAssert assertThat(RunContext ctx, String conn, Duration within) {
        WsClientAssert a = WebSocketAssertions.assertThat(ctx.client(conn));
        if (within != null) {
            a.within(within);
        }
        return a;
    }

    /** A text or binary message; {@code next}: the very next one must match. */
    record Message(String conn, boolean next, MessageExpectation expected, Duration within) implements StepAction {
        @Override
        public void run(RunContext ctx) throws Exception {
            WsClientAssert a = assertThat(ctx, conn, within);
            if (next) {
                a.receivesNext(expected.matcher(ctx));
            } else {
                expected.expect(a, ctx);
            }
        }
    }

    /** A ping or a pong, with this payload unless it is null. */
    record Control(String conn, boolean ping, Payload payload, Duration within) implements StepAction {
        @Override
        public void run(RunContext ctx) throws Exception {
            WsClientAssert a = assertThat(ctx, conn, within);
            byte[] data = payload == null ? null : payload.bytes(ctx);
            if (ping) {
                if (data == null) {
                    a.receivesPing();
                } else {
                    a.receivesPing(data);
                }
            } else if (data == null) {
                a.receivesPong();
            } else {
                a.receivesPong(data);
            }
        }
    }

    /** The connection closed, with this code (unless null) and reason (unless null). */
    record Closed(String conn, Integer code, Template reason, Duration within) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WsClientAssert a = assertThat(ctx, conn, within);
            if (code == null) {
                a.isClosed();
            } else if (code == dev.wstest.protocol.CloseCodes.ABNORMAL_CLOSURE && reason == null) {
                a.isClosedAbnormally(); // 1006 is never in a close frame: it means there was none
            } else if (reason == null) {
                a.isClosedWith(code);
            } else {
                a.isClosedWith(code, ctx.render(reason));
            }
        }
    }

    /** How a connection ended, in the words of the Java assertions of the same names. */
    enum Ending {
        /** {@code closed cleanly}: {@link WsClientAssert#isClosedCleanly()}. */
        CLEANLY,
        /** {@code closed uncleanly}: {@link WsClientAssert#isClosedUncleanly()}. */
        UNCLEANLY,
        /** {@code closed abnormally}: {@link WsClientAssert#isClosedAbnormally()}. */
        ABNORMALLY
    }

    /** The connection closed this way, whatever the code. */
    record ClosedHow(String conn, Ending ending, Duration within) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WsClientAssert a = assertThat(ctx, conn, within);
            switch (ending) {
                case CLEANLY -> a.isClosedCleanly();
                case UNCLEANLY -> a.isClosedUncleanly();
                case ABNORMALLY -> a.isClosedAbnormally();
            }
        }
    }

    /** The server broke no rule of RFC 6455 on this connection so far. No waiting. */
    record NoViolations(String conn) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn)).hasNoProtocolViolations();
        }
    }

    /** No message during the whole duration. */
    record Nothing(String conn, Duration during) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn)).receivesNoMessageDuring(during);
        }
    }

    record HandshakeStatus(String conn, int status) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn)).hasHandshakeStatus(status);
        }
    }

    /** {@code handshake extension NAME [PARAM]...}: the server accepted NAME with (at least) these parameters. */
    record Extension(String conn, String name, List<String> params) implements StepAction {
        Extension {
            params = List.copyOf(params);
        }

        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn)).hasExtension(name, params.toArray(String[]::new));
        }
    }

    record HeaderPresent(String conn, Template name) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn)).hasResponseHeader(ctx.render(name));
        }
    }

    record HeaderEquals(String conn, Template name, Template value) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn)).hasResponseHeader(ctx.render(name), ctx.render(value));
        }
    }

    record HeaderMatches(String conn, Template name, Template regex) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn))
                    .hasResponseHeaderMatching(ctx.render(name), ctx.render(regex));
        }
    }

    record Subprotocol(String conn, Template value) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn)).hasSubprotocol(ctx.render(value));
        }
    }

    record NoSubprotocol(String conn) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn)).hasNoSubprotocol();
        }
    }

    // ============================================================================ parsing

    @Override
    public List<String> commands() {
        return List.of("expect");
    }

    /** Where {@code expect NAME received ...} is read (set once the parser has made it). */
    void mocks(MockSteps mockSteps) {
        this.mocks = mockSteps;
    }

    @Override
    public ScenarioStep parse(Token first, Scope scope) {
        if (MockSteps.isReceived(c, scope)) {
            return mocks.received(first, scope);
        }
        String conn = scope.connection(c, first, words);
        boolean next = c.accept("next");
        if (next && !MESSAGES.contains(c.peek().kind() == Token.Kind.WORD ? c.peek().text() : "")) {
            throw c.err(c.peek(), "\"text\", \"json\" or \"binary\" after \"next\"");
        }
        Token verb = c.next();
        SubVerb parser = verb.kind() == Token.Kind.WORD ? verbs.get(verb.text()) : null;
        if (parser == null) {
            throw c.err(verb, "what to expect: text, json, binary, ping, pong, closed, nothing, no message,"
                    + " no violations, handshake, subprotocol or no subprotocol");
        }
        StepAction action = parser.parse(new Head(first, verb, conn, next, scope));
        return c.step(first, action);
    }

    /** {@code text "..." | text contains "..." | text matches "regex"} */
    private StepAction text(Head h) {
        return message(h, textExpectation(h.scope()));
    }

    /** {@code json {...} | json contains {...} | json $.path = VALUE} */
    private StepAction json(Head h) {
        return message(h, jsonExpectation(h.scope()));
    }

    /** {@code binary hex|base64|file "..."} */
    private StepAction binary(Head h) {
        return message(h, binaryExpectation(h.scope()));
    }

    /**
     * The message a step expects, after its word ({@code text}, {@code json} or {@code binary}, already read):
     * also what a mock server's stub answers ({@code on text "ping" ...}).
     */
    MessageExpectation messageExpectation(Token verb, Scope scope) {
        return switch (verb.text()) {
            case "text" -> textExpectation(scope);
            case "json" -> jsonExpectation(scope);
            default -> binaryExpectation(scope);
        };
    }

    private MessageExpectation textExpectation(Scope scope) {
        boolean contains = c.accept("contains");
        boolean matches = !contains && c.accept("matches");
        Token vt = c.peek();
        Template v = values.string(scope, "the expected text in double quotes");
        if (matches && v.isPlain()) {
            c.regex(v.raw(), vt);
        }
        return contains ? new TextContains(v) : matches ? new TextMatches(v) : new TextEquals(v);
    }

    private MessageExpectation jsonExpectation(Scope scope) {
        Token p = c.peek();
        if (p.kind() == Token.Kind.WORD && p.text().startsWith("$") && !p.text().startsWith("${")) {
            JsonPath path = c.jsonPath(c.next());
            Token eq = c.next();
            if (!eq.is("=")) {
                throw c.err(eq, "\"=\" and the expected value after the JSONPath");
            }
            boolean quoted = c.peek().kind() == Token.Kind.STRING;
            return new JsonAt(path, values.jsonValue(scope), quoted);
        }
        if (c.accept("contains")) {
            return new JsonContains(values.json(scope, "a JSON object or array"));
        }
        return new JsonEquals(values.json(scope, "a JSON object or array, \"contains\" {...} or a"
                + " JSONPath like $.type = \"welcome\""));
    }

    private MessageExpectation binaryExpectation(Scope scope) {
        return new BinaryEquals(values.payload(scope, true, "the expected payload in double quotes"));
    }

    private StepAction message(Head h, MessageExpectation expected) {
        Duration within = c.within();
        c.eol();
        return new Message(h.conn(), h.next(), expected, within);
    }

    /** {@code ping|pong ["payload" | hex "..." | base64 "..."]} */
    private StepAction control(Head h) {
        Payload payload = values.controlPayload(h.scope());
        Duration within = c.within();
        c.eol();
        return new Control(h.conn(), h.verb().is("ping"), payload, within);
    }

    /** {@code closed [CODE ["reason"] | cleanly | uncleanly | abnormally]} */
    private StepAction closed(Head h) {
        for (Ending ending : Ending.values()) {
            if (c.accept(ending.name().toLowerCase(Locale.ROOT))) {
                Duration within = c.within();
                c.eol();
                return new ClosedHow(h.conn(), ending, within);
            }
        }
        Integer code = null;
        Template reason = null;
        if (c.peek().kind() == Token.Kind.WORD && !c.peek().is("within")) {
            Token t = c.next();
            if (!t.text().matches("\\d{1,4}")) {
                throw c.err(t, "a close code, \"cleanly\", \"uncleanly\", \"abnormally\", \"within D\" or the end of"
                        + " the line");
            }
            code = Integer.parseInt(t.text());
            if (c.peek().kind() == Token.Kind.STRING) {
                reason = values.string(h.scope(), "the close reason");
            }
        }
        Duration within = c.within();
        c.eol();
        return new Closed(h.conn(), code, reason, within);
    }

    /** {@code nothing within D} */
    private StepAction nothing(Head h) {
        return nothingFor(h);
    }

    /** {@code no message within D}, {@code no subprotocol} or {@code no violations} */
    private StepAction no(Head h) {
        Token m = c.next();
        if (m.is("subprotocol")) {
            c.eol();
            return new NoSubprotocol(h.conn());
        }
        if (m.is("violations")) {
            c.eol();
            return new NoViolations(h.conn());
        }
        if (!m.is("message") && !m.is("messages")) {
            throw c.err(m, "\"message\", \"subprotocol\" or \"violations\" after \"no\"");
        }
        return nothingFor(h);
    }

    private StepAction nothingFor(Head h) {
        Token w = c.next();
        if (!w.is("within") && !w.is("for")) {
            String word = h.verb().text();
            throw c.err(w, "\"within\" and how long to watch, like " + word + (word.equals("no") ? " message" : "")
                    + " within 500ms");
        }
        Duration d = c.duration(c.next(), "\"" + w.text() + "\"");
        c.eol();
        return new Nothing(h.conn(), d);
    }

    /** {@code subprotocol P} */
    private StepAction subprotocol(Head h) {
        Template v = values.value(h.scope(), "the expected subprotocol");
        c.eol();
        return new Subprotocol(h.conn(), v);
    }

    /**
     * {@code handshake status N | handshake header NAME [= VALUE | matches "regex"] | handshake extension NAME
     * [PARAM]...}
     */
    private StepAction handshake(Head h) {
        Token k = c.next();
        if (k.is("status")) {
            Token s = c.next();
            if (s.kind() != Token.Kind.WORD || !s.text().matches("[1-5]\\d\\d")) {
                throw c.err(s, "an HTTP status like 101");
            }
            c.eol();
            return new HandshakeStatus(h.conn(), Integer.parseInt(s.text()));
        }
        if (k.is("extension")) {
            Token n = c.next();
            if (n.kind() != Token.Kind.WORD || !n.text().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw c.err(n, "an extension name after \"extension\", like permessage-deflate");
            }
            List<String> params = new java.util.ArrayList<>();
            while (!c.atEol()) {
                Token p = c.next();
                if (p.kind() != Token.Kind.WORD || !p.text().matches("[A-Za-z0-9_.-]+(=[A-Za-z0-9_.-]+)?")) {
                    throw c.err(p, "an extension parameter (NAME or NAME=VALUE, like server_no_context_takeover or"
                            + " client_max_window_bits=10) or the end of the line");
                }
                params.add(p.text());
            }
            c.eol();
            return new Extension(h.conn(), n.text(), params);
        }
        if (!k.is("header")) {
            throw c.err(k, "\"status\", \"header\" or \"extension\" after \"handshake\"");
        }
        Token nt = c.peek();
        if (nt.kind() != Token.Kind.WORD && nt.kind() != Token.Kind.STRING) {
            throw c.err(nt, "a header name after \"header\"");
        }
        Template name = values.value(h.scope(), "a header name");
        if (c.atEol()) {
            c.eol();
            return new HeaderPresent(h.conn(), name);
        }
        Token op = c.next();
        if (op.is("=")) {
            Template v = values.value(h.scope(), "the expected header value");
            c.eol();
            return new HeaderEquals(h.conn(), name, v);
        }
        if (op.is("matches")) {
            Token vt = c.peek();
            Template v = values.string(h.scope(), "a regular expression in double quotes");
            if (v.isPlain()) {
                c.regex(v.raw(), vt);
            }
            c.eol();
            return new HeaderMatches(h.conn(), name, v);
        }
        throw c.err(op, "\"= value\", \"matches \\\"regex\\\"\" or the end of the line");
    }
}
