package dev.wstest.scenario.internal;

import dev.wstest.assertions.MessageMatcher;
import dev.wstest.protocol.CloseCodes;
import dev.wstest.scenario.MockDefinition;
import dev.wstest.scenario.MockServerProvider;
import dev.wstest.scenario.Recording;
import dev.wstest.scenario.ScenarioMock;
import dev.wstest.scenario.TemplateText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code server mock as NAME [tls [client certificate]] [lenient]} and its block of lines up to {@code end}
 * (handshake rules, stubs, faults, connection policy, a replay), and {@code expect NAME received ...}: what the
 * mock's clients sent. Read for {@link ServerSteps} and {@link ExpectSteps}; the mock itself is started through
 * a {@link MockServerProvider} (ws-test-mock's).
 */
final class MockSteps {

    /** The words a line of the block starts with, as error messages list them. */
    private static final String LINE_WORDS = "require header, refuse, subprotocols, response header, on, after,"
            + " unmatched, ping every, withhold pongs, never answer close, stall, reply delay, replay or end";

    /** Names a stub's text may use that the mock fills in per message. */
    static final Predicate<String> MOCK_NAMES = name -> name.startsWith("$") || name.equals("message")
            || name.equals("path") || name.equals("connection") || name.equals("n") || name.startsWith("group.")
            || name.startsWith("header.") || name.startsWith("query.") || name.startsWith("cookie.");

    private final Cursor c;
    private final Values values;
    private final ExpectSteps expect;
    private final Resources resources;

    MockSteps(Cursor c, Values values, ExpectSteps expect, Resources resources) {
        this.c = c;
        this.values = values;
        this.expect = expect;
        this.resources = resources;
    }

    // ============================================================================ the block, as parsed

    /** A line of the block, as written (templates unsubstituted). */
    sealed interface Line {
    }

    /** A refusal: status, {@code header "K: V"}s, body. */
    record Answer(int status, List<Template> headers, Template body) {
        Answer {
            headers = List.copyOf(headers);
        }
    }

    record RequireHeader(Template header, Template value, Answer otherwise) implements Line {
    }

    /** {@code first} 0: every upgrade. */
    record Refuse(int first, Answer answer) implements Line {
    }

    record Subprotocols(List<Template> names) implements Line {
        Subprotocols {
            names = List.copyOf(names);
        }
    }

    record ResponseHeader(Template header) implements Line {
    }

    record Unmatched(MockDefinition.UnmatchedPolicy policy) implements Line {
    }

    record Policy(MockDefinition.PolicyKind kind, Duration duration) implements Line {
    }

    record Replay(Template file) implements Line {
    }

    record Stub(Trigger trigger, List<Reply> replies, int line) implements Line {
        Stub {
            replies = List.copyOf(replies);
        }
    }

    sealed interface Trigger {
    }

    record OnConnect() implements Trigger {
    }

    /** {@code expected} null: any message. */
    record OnMessage(MessageExpectation expected) implements Trigger {
    }

    record AfterMessages(int count) implements Trigger {
    }

    sealed interface Reply {
    }

    /** A text (or JSON) the mock renders for each message it sends. */
    record SendText(Template text, int fragments) implements Reply {
    }

    record SendBinary(Payload payload) implements Reply {
    }

    record SendPing(Payload payload) implements Reply {
    }

    record Every(Duration period, Template text, int times) implements Reply {
    }

    record Pause(Duration duration) implements Reply {
    }

    record Close(int code, Template reason) implements Reply {
    }

    record Drop() implements Reply {
    }

    record Fault(MockDefinition.FaultKind kind) implements Reply {
    }

    // ============================================================================ the steps

    /** Starts the mock and defines {@code ${NAME.url}} and {@code ${NAME.port}}. */
    record Mock(String name, boolean tls, boolean clientCertificate, boolean lenient, List<Line> lines,
                String source, int line, Resources resources) implements StepAction {
        Mock {
            lines = List.copyOf(lines);
        }

        @Override
        public void run(RunContext ctx) throws Exception {
            ScenarioMock mock = provider().start(definition(ctx), 0);
            ctx.addServer(name, mock);
            String url = mock.uri().toString();
            ctx.set(name + ".url", url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            ctx.set(name + ".port", String.valueOf(mock.uri().getPort()));
        }

        /** The block with the scenario's values substituted, as the provider takes it. */
        MockDefinition definition(RunContext ctx) throws Exception {
            List<MockDefinition.Rule> rules = new ArrayList<>();
            Map<String, String> variables = new LinkedHashMap<>();
            for (Line l : lines) {
                rules.add(rule(l, ctx, variables));
            }
            return new MockDefinition(name, tls, clientCertificate, lenient, rules, variables, source + ":" + line);
        }

        private MockDefinition.Rule rule(Line l, RunContext ctx, Map<String, String> variables) throws Exception {
            if (l instanceof RequireHeader r) {
                return new MockDefinition.RequireHeader(ctx.render(r.header()),
                        Optional.ofNullable(r.value()).map(ctx::render),
                        Optional.ofNullable(r.otherwise()).map(a -> answer(a, ctx)));
            }
            if (l instanceof Refuse r) {
                return new MockDefinition.Refuse(r.first(), answer(r.answer(), ctx));
            }
            if (l instanceof Subprotocols s) {
                return new MockDefinition.Subprotocols(s.names().stream().map(ctx::render).toList());
            }
            if (l instanceof ResponseHeader h) {
                String[] kv = header(ctx.render(h.header()));
                return new MockDefinition.ResponseHeader(kv[0], kv[1]);
            }
            if (l instanceof Unmatched u) {
                return new MockDefinition.Unmatched(u.policy());
            }
            if (l instanceof Policy p) {
                return new MockDefinition.Policy(p.kind(), Optional.ofNullable(p.duration()));
            }
            if (l instanceof Replay r) {
                String file = ctx.render(r.file());
                return new MockDefinition.Replay(Recording.parse(resources.describe(file),
                        new String(resources.read(file), StandardCharsets.UTF_8)));
            }
            Stub s = (Stub) l;
            List<MockDefinition.Reply> replies = new ArrayList<>();
            for (Reply r : s.replies()) {
                replies.add(reply(r, ctx, variables));
            }
            return new MockDefinition.Stub(trigger(s.trigger(), ctx), replies, s.line());
        }

        private static MockDefinition.Trigger trigger(Trigger t, RunContext ctx) throws Exception {
            if (t instanceof OnConnect) {
                return new MockDefinition.OnConnect();
            }
            if (t instanceof AfterMessages a) {
                return new MockDefinition.AfterMessages(a.count());
            }
            OnMessage m = (OnMessage) t;
            MessageMatcher matcher = m.expected() == null ? MessageMatcher.anyMessage() : m.expected().matcher(ctx);
            return new MockDefinition.OnMessage(matcher, matcher.description(),
                    m.expected() == null ? Optional.empty() : example(m.expected(), ctx),
                    m.expected() instanceof MessageExpectation.TextMatches matches
                            ? Optional.of(java.util.regex.Pattern.compile(ctx.render(matches.regex()))) : Optional.empty());
        }

        static Optional<String> example(MessageExpectation e, RunContext ctx) {
            if (e instanceof MessageExpectation.TextEquals t) {
                return Optional.of(ctx.render(t.text()));
            }
            if (e instanceof MessageExpectation.TextContains t) {
                return Optional.of(ctx.render(t.text()));
            }
            if (e instanceof MessageExpectation.JsonEquals j) {
                return Optional.of(ctx.render(j.json()));
            }
            if (e instanceof MessageExpectation.JsonContains j) {
                return Optional.of(ctx.render(j.json()));
            }
            return Optional.empty();
        }

        private static MockDefinition.Reply reply(Reply r, RunContext ctx, Map<String, String> variables)
                throws Exception {
            if (r instanceof SendText t) {
                return new MockDefinition.SendText(deferred(t.text(), ctx, variables), t.fragments());
            }
            if (r instanceof SendBinary b) {
                return new MockDefinition.SendBinary(b.payload().bytes(ctx));
            }
            if (r instanceof SendPing p) {
                return new MockDefinition.SendPing(p.payload() == null ? new byte[0] : p.payload().bytes(ctx));
            }
            if (r instanceof Every e) {
                return new MockDefinition.Every(e.period(), deferred(e.text(), ctx, variables), e.times());
            }
            if (r instanceof Pause p) {
                return new MockDefinition.Pause(p.duration());
            }
            if (r instanceof Close cl) {
                return new MockDefinition.Close(cl.code(), cl.reason() == null ? "" : ctx.render(cl.reason()));
            }
            if (r instanceof Drop) {
                return new MockDefinition.Drop();
            }
            return new MockDefinition.Fault(((Fault) r).kind());
        }

        /** The text as the mock renders it; the scenario's values of the variables it names go along. */
        private static TemplateText deferred(Template t, RunContext ctx, Map<String, String> variables) {
            for (Template.Ref ref : t.refs()) {
                if (!MOCK_NAMES.test(ref.name())) {
                    String v = ctx.lookup(ref.name());
                    if (v != null) {
                        variables.put(ref.name(), v);
                    }
                }
            }
            return TemplateText.of(escapedLiterals(t));
        }

        /** The raw text with every literal <code>${</code> (one that is no reference) written as <code>$${</code>. */
        private static String escapedLiterals(Template t) {
            String raw = t.raw();
            java.util.Set<Integer> refs = new java.util.HashSet<>();
            t.refs().forEach(r -> refs.add(r.offset()));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                if (raw.startsWith("${", i) && !refs.contains(i)) {
                    sb.append('$');
                }
                sb.append(raw.charAt(i));
            }
            return sb.toString();
        }

        private static MockDefinition.Answer answer(Answer a, RunContext ctx) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (Template h : a.headers()) {
                String[] kv = header(ctx.render(h));
                headers.add(Map.entry(kv[0], kv[1]));
            }
            return new MockDefinition.Answer(a.status(), headers, Optional.ofNullable(a.body()).map(ctx::render));
        }

        private static String[] header(String line) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header \"" + line + "\" is not \"Name: value\"");
            }
            return new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()};
        }
    }

    /** The provider of ws-test-mock, or an error that names the dependency to add. */
    static MockServerProvider provider() {
        try {
            Iterator<MockServerProvider> it = ServiceLoader.load(MockServerProvider.class,
                    MockSteps.class.getClassLoader()).iterator();
            if (it.hasNext()) {
                return it.next();
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new IllegalStateException("server mock: ws-test-mock is on the classpath but cannot be loaded: " + e,
                    e);
        }
        throw new IllegalStateException("server mock needs ws-test-mock on the classpath: add the dependency"
                + " dev.wstest:ws-test-mock (test scope) next to ws-test-junit5; the ws-test command has it built in");
    }

    /** What {@code expect NAME received ...} checks. */
    sealed interface Check {
    }

    record ReceivesMessage(boolean next, MessageExpectation expected, Duration within) implements Check {
    }

    record ReceivesControl(boolean ping, Payload payload, Duration within) implements Check {
    }

    record ReceivesClose(Integer code, Duration within) implements Check {
    }

    record ReceivesNothing(Duration during) implements Check {
    }

    record ReceivesHeader(Template name, Template value, Template regex) implements Check {
    }

    record ReceivesConnections(int count, Duration within) implements Check {
    }

    /** {@code expect NAME received [connection N] ...}; {@code connection} 0: the latest. */
    record Received(String server, int connection, Check check) implements StepAction {
        @Override
        public void run(RunContext ctx) throws Exception {
            if (!(ctx.server(server) instanceof ScenarioMock mock)) {
                throw new IllegalStateException("server \"" + server + "\" is not a mock");
            }
            Duration budget = ctx.defaultTimeout();
            if (check instanceof ReceivesMessage m) {
                mock.expectMessage(connection, m.next(), m.expected().matcher(ctx),
                        Mock.example(m.expected(), ctx).orElse(null), or(m.within(), budget));
            } else if (check instanceof ReceivesControl k) {
                mock.expectControl(connection, k.ping(), k.payload() == null ? null : k.payload().bytes(ctx),
                        or(k.within(), budget));
            } else if (check instanceof ReceivesClose k) {
                mock.expectCloseFrame(connection, k.code(), or(k.within(), budget));
            } else if (check instanceof ReceivesNothing n) {
                mock.expectNothing(connection, n.during());
            } else if (check instanceof ReceivesHeader h) {
                mock.expectHandshakeHeader(connection, ctx.render(h.name()),
                        h.value() == null ? null : ctx.render(h.value()), h.regex() == null ? null : ctx.render(h.regex()));
            } else {
                ReceivesConnections n = (ReceivesConnections) check;
                mock.expectConnections(n.count(), or(n.within(), budget));
            }
        }

        private static Duration or(Duration within, Duration budget) {
            return within == null ? budget : within;
        }
    }

    // ============================================================================ parsing the mock

    /** After {@code server mock}: the options, the block, {@code end}. */
    ScenarioStep parse(Token first, Token kind, Scope scope) {
        String name = "mock";
        boolean tls = false;
        boolean clientCertificate = false;
        boolean lenient = false;
        while (!c.atEol()) {
            Token opt = c.next();
            if (opt.is("as")) {
                name = c.newName(c.next(), "a server name after \"as\"");
            } else if (opt.is("tls")) {
                tls = true;
            } else if (opt.is("client")) {
                Token cert = c.next();
                if (!cert.is("certificate")) {
                    throw c.err(cert, "\"certificate\" after \"client\"");
                }
                if (!tls) {
                    throw c.error(opt, "expected \"tls\" before \"client certificate\" (mutual TLS needs TLS) but"
                            + " found \"client certificate\" alone");
                }
                clientCertificate = true;
            } else if (opt.is("lenient")) {
                lenient = true;
            } else {
                throw c.err(opt, "\"as NAME\", \"tls\", \"client certificate\", \"lenient\" or the end of the line");
            }
        }
        c.eol();
        List<Line> lines = new ArrayList<>();
        while (!c.atBlockEnd(first, "server mock")) {
            lines.add(line(scope));
        }
        scope.vars.add(name + ".url");
        scope.vars.add(name + ".port");
        scope.servers.put(name, new Scope.DeclaredServer(true, tls));
        return c.step(first, new Mock(name, tls, clientCertificate, lenient, lines, c.source(), first.line(),
                resources));
    }

    private Line line(Scope scope) {
        Token w = c.next();
        if (w.kind() != Token.Kind.WORD) {
            throw c.err(w, "a line of the mock (" + LINE_WORDS + ")");
        }
        Line line = switch (w.text()) {
            case "require" -> require(scope);
            case "refuse" -> refuse(scope);
            case "subprotocols" -> subprotocols(w, scope);
            case "response" -> {
                word("header", "\"header\" after \"response\"");
                yield new ResponseHeader(headerString(scope));
            }
            case "on" -> stub(w, scope);
            case "after" -> {
                int n = c.positive(c.next(), "a number of messages after \"after\"", 1_000_000);
                Token m = c.next();
                if (!m.is("messages") && !m.is("message")) {
                    throw c.err(m, "\"messages\" after the count, like after 3 messages close 1000");
                }
                yield new Stub(new AfterMessages(n), replies(scope, false), w.line());
            }
            case "unmatched" -> unmatched();
            case "ping" -> {
                word("every", "\"every\" after \"ping\", like ping every 200ms");
                yield new Policy(MockDefinition.PolicyKind.PING_EVERY, c.duration(c.next(), "\"ping every\""));
            }
            case "withhold" -> {
                word("pongs", "\"pongs\" after \"withhold\"");
                yield new Policy(MockDefinition.PolicyKind.WITHHOLD_PONGS, null);
            }
            case "never" -> {
                word("answer", "\"answer close\" after \"never\"");
                word("close", "\"close\" after \"never answer\"");
                yield new Policy(MockDefinition.PolicyKind.NEVER_ANSWER_CLOSE, null);
            }
            case "stall" -> new Policy(MockDefinition.PolicyKind.STALL, null);
            case "reply" -> {
                word("delay", "\"delay\" after \"reply\", like reply delay 300ms");
                yield new Policy(MockDefinition.PolicyKind.REPLY_DELAY, c.duration(c.next(), "\"reply delay\""));
            }
            case "replay" -> new Replay(values.string(scope, "a recorded .ws file in double quotes after \"replay\""));
            default -> throw c.err(w, "a line of the mock (" + LINE_WORDS + ")");
        };
        c.eol();
        return line;
    }

    private void word(String expected, String what) {
        Token t = c.next();
        if (!t.is(expected)) {
            throw c.err(t, what);
        }
    }

    /** {@code require header NAME [= VALUE] [else STATUS ...]} */
    private Line require(Scope scope) {
        word("header", "\"header\" after \"require\", like require header Authorization");
        Token n = c.peek();
        if (n.kind() != Token.Kind.WORD && n.kind() != Token.Kind.STRING) {
            throw c.err(n, "a header name after \"require header\"");
        }
        Template name = values.value(scope, "a header name");
        Template value = null;
        if (c.accept("=")) {
            value = values.value(scope, "the header's value after \"=\"");
        }
        Answer otherwise = null;
        if (c.accept("else")) {
            otherwise = answer(scope);
        }
        return new RequireHeader(name, value, otherwise);
    }

    /** {@code refuse [first N] STATUS ...} */
    private Line refuse(Scope scope) {
        int first = 0;
        if (c.accept("first")) {
            first = c.positive(c.next(), "how many upgrades to refuse after \"first\"", 1_000_000);
        }
        return new Refuse(first, answer(scope));
    }

    /** {@code STATUS [header "K: V"]... [body "..."]} */
    private Answer answer(Scope scope) {
        Token s = c.next();
        if (s.kind() != Token.Kind.WORD || !s.text().matches("[1-5]\\d\\d") || s.text().equals("101")) {
            throw c.err(s, "an HTTP status to refuse with, like 401, 403, 503 or 307");
        }
        List<Template> headers = new ArrayList<>();
        Template body = null;
        while (!c.atEol()) {
            Token opt = c.next();
            if (opt.is("header")) {
                headers.add(headerString(scope));
            } else if (opt.is("body")) {
                body = values.string(scope, "the body in double quotes after \"body\"");
            } else {
                throw c.err(opt, "header \"Name: value\", body \"...\" or the end of the line");
            }
        }
        return new Answer(Integer.parseInt(s.text()), headers, body);
    }

    private Template headerString(Scope scope) {
        Token h = c.peek();
        if (h.kind() != Token.Kind.STRING) {
            throw c.err(h, "a header in double quotes, like \"WWW-Authenticate: Bearer\"");
        }
        Template t = values.string(scope, "a header");
        if (t.raw().indexOf(':') <= 0) {
            throw c.error(h, "expected a header as \"Name: value\" but found " + h.describe());
        }
        ConnectSteps.checkHeader(c, t, h); // a line break would end the mock's header line and inject the rest
        return t;
    }

    private Line subprotocols(Token w, Scope scope) {
        List<Template> names = new ArrayList<>();
        while (!c.atEol()) {
            names.add(values.value(scope, "a subprotocol name"));
        }
        if (names.isEmpty()) {
            throw c.err(c.peek(), "at least one subprotocol after \"subprotocols\"");
        }
        return new Subprotocols(names);
    }

    private Line unmatched() {
        Token p = c.next();
        for (MockDefinition.UnmatchedPolicy policy : MockDefinition.UnmatchedPolicy.values()) {
            if (p.is(policy.name().toLowerCase(java.util.Locale.ROOT))) {
                return new Unmatched(policy);
            }
        }
        throw c.err(p, "\"ignore\", \"echo\" or \"fail\" after \"unmatched\"");
    }

    /** {@code on connect|text ...|json ...|binary ...|any message} and its replies. */
    private Line stub(Token on, Scope scope) {
        Token what = c.next();
        Trigger trigger;
        if (what.is("connect")) {
            trigger = new OnConnect();
        } else if (what.is("any")) {
            word("message", "\"message\" after \"on any\"");
            trigger = new OnMessage(null);
        } else if (what.is("text") || what.is("json") || what.is("binary")) {
            trigger = new OnMessage(expect.messageExpectation(what, scope));
        } else {
            throw c.err(what, "what the stub answers after \"on\": connect, text, json, binary or any message");
        }
        return new Stub(trigger, replies(scope, trigger instanceof OnMessage), on.line());
    }

    /**
     * {@code ACTION [then ACTION]...} up to the end of the line; {@code toMessage}: they answer a message, so their
     * texts may refer into it ({@code ${$.id}}).
     */
    private List<Reply> replies(Scope scope, boolean toMessage) {
        List<Reply> replies = new ArrayList<>();
        replies.add(reply(scope, toMessage));
        while (c.accept("then")) {
            replies.add(reply(scope, toMessage));
        }
        if (!c.atEol()) {
            throw c.err(c.peek(), "\"then\" and another action, or the end of the line");
        }
        return replies;
    }

    private static final String ACTIONS = "what to do: send text|json|binary|ping ..., every D send ..., pause D,"
            + " close [CODE [\"reason\"]], drop or fault NAME";

    private Reply reply(Scope scope, boolean toMessage) {
        Token a = c.next();
        switch (a.kind() == Token.Kind.WORD ? a.text() : "") {
            case "send": {
                Token k = c.next();
                if (k.is("text") || k.is("json")) {
                    Template t = sendText(k, scope, toMessage);
                    int fragments = 1;
                    if (c.accept("in")) {
                        fragments = c.positive(c.next(), "a number of fragments after \"in\"", 10_000);
                        Token f = c.next();
                        if (!f.is("fragments") && !f.is("frames")) {
                            throw c.err(f, "\"fragments\" after the count, like in 3 fragments");
                        }
                    }
                    return new SendText(t, fragments);
                }
                if (k.is("binary")) {
                    return new SendBinary(values.payload(scope, false, "the payload in double quotes"));
                }
                if (k.is("ping")) {
                    return new SendPing(values.controlPayload(scope));
                }
                throw c.err(k, "\"text\", \"json\", \"binary\" or \"ping\" after \"send\"");
            }
            case "every": {
                Duration period = c.duration(c.next(), "\"every\"");
                word("send", "\"send text\" or \"send json\" after every " + period.toMillis() + "ms");
                Token k = c.next();
                if (!k.is("text") && !k.is("json")) {
                    throw c.err(k, "\"text\" or \"json\" after \"every D send\"");
                }
                Template t = sendText(k, scope, toMessage);
                int times = 0;
                if (c.accept("times")) {
                    times = c.positive(c.next(), "how many times after \"times\"", 1_000_000);
                }
                return new Every(period, t, times);
            }
            case "pause":
                return new Pause(c.duration(c.next(), "\"pause\""));
            case "close": {
                int code = 1000;
                Template reason = null;
                if (c.peek().kind() == Token.Kind.WORD && c.peek().text().matches("\\d{1,4}")) {
                    Token ct = c.next();
                    code = Integer.parseInt(ct.text());
                    if (!CloseCodes.isSendable(code)) {
                        throw c.error(ct, "expected a close code that may be sent (1000-1003, 1007-1014, 3000-4999;"
                                + " for an illegal one use fault) but found " + code);
                    }
                    if (c.peek().kind() == Token.Kind.STRING) {
                        reason = values.string(scope, "the close reason");
                    }
                }
                return new Close(code, reason);
            }
            case "drop":
                return new Drop();
            case "fault": {
                Token f = c.next();
                for (MockDefinition.FaultKind kind : MockDefinition.FaultKind.values()) {
                    if (f.is(kind.word())) {
                        return new Fault(kind);
                    }
                }
                List<String> words = new ArrayList<>();
                for (MockDefinition.FaultKind kind : MockDefinition.FaultKind.values()) {
                    words.add(kind.word());
                }
                throw c.err(f, "a fault after \"fault\" (" + String.join(", ", words) + ")");
            }
            default:
                throw c.err(a, ACTIONS);
        }
    }

    /**
     * The text of {@code send text "..."} or {@code send json {...}}: rendered by the mock each time it is sent;
     * a JSONPath reference ({@code ${$.id}}) only where the stub answers a message.
     */
    private Template sendText(Token kind, Scope scope, boolean toMessage) {
        boolean json = kind.is("json");
        return values.deferred(scope, json ? "a JSON object or array after \"send json\""
                : "the text to send in double quotes", json, MOCK_NAMES, toMessage);
    }

    // ============================================================================ parsing expect NAME received

    /** Whether {@code expect} is followed by a mock's name and {@code received}. */
    static boolean isReceived(Cursor c, Scope scope) {
        Token t = c.peek();
        Scope.DeclaredServer s = t.kind() == Token.Kind.WORD ? scope.servers.get(t.text()) : null;
        return s != null && c.peek(1).is("received");
    }

    private static final Set<String> MESSAGE_WORDS = Set.of("text", "json", "binary");

    /** {@code expect NAME received [connection N] ...}, after {@code expect}. */
    ScenarioStep received(Token first, Scope scope) {
        Token nameTok = c.next();
        Scope.DeclaredServer declared = scope.servers.get(nameTok.text());
        if (!declared.mock()) {
            throw c.error(nameTok, "expected a mock server before \"received\" but \"" + nameTok.text() + "\" is an"
                    + " embedded server (server echo|broadcast); declare it with server mock as " + nameTok.text());
        }
        c.skip(); // received
        int connection = 0;
        if (c.accept("connection")) {
            connection = c.positive(c.next(), "a connection number after \"connection\"", 1_000_000);
        }
        Token t = c.peek();
        Check check;
        if (t.kind() == Token.Kind.WORD && t.text().matches("\\d+") && c.peek(1).is("connections")) {
            if (connection != 0) {
                throw c.error(t, "expected what connection " + connection + " received but found a count of"
                        + " connections");
            }
            int count = c.positive(c.next(), "a number of connections", 1_000_000);
            c.skip();
            check = new ReceivesConnections(count, c.within());
        } else {
            boolean next = c.accept("next");
            Token verb = c.next();
            if (next && !MESSAGE_WORDS.contains(verb.kind() == Token.Kind.WORD ? verb.text() : "")) {
                throw c.err(verb, "\"text\", \"json\" or \"binary\" after \"next\"");
            }
            String word = verb.kind() == Token.Kind.WORD ? verb.text() : "";
            check = switch (word) {
                case "text", "json", "binary" -> new ReceivesMessage(next, expect.messageExpectation(verb, scope),
                        c.within());
                case "ping", "pong" -> new ReceivesControl(word.equals("ping"), values.controlPayload(scope),
                        c.within());
                case "close" -> {
                    Integer code = null;
                    if (c.peek().kind() == Token.Kind.WORD && c.peek().text().matches("\\d{1,4}")) {
                        code = Integer.parseInt(c.next().text());
                    }
                    yield new ReceivesClose(code, c.within());
                }
                case "nothing" -> {
                    word("within", "\"within\" and how long to watch, like received nothing within 500ms");
                    yield new ReceivesNothing(c.duration(c.next(), "\"within\""));
                }
                case "handshake" -> handshakeHeader(scope);
                default -> throw c.err(verb, "what the mock received: text, json, binary, ping, pong, close,"
                        + " nothing within D, handshake header NAME, or N connections");
            };
        }
        c.eol();
        return c.step(first, new Received(nameTok.text(), connection, check));
    }

    private Check handshakeHeader(Scope scope) {
        word("header", "\"header\" after \"handshake\"");
        Token nt = c.peek();
        if (nt.kind() != Token.Kind.WORD && nt.kind() != Token.Kind.STRING) {
            throw c.err(nt, "a header name after \"header\"");
        }
        Template name = values.value(scope, "a header name");
        if (c.accept("=")) {
            return new ReceivesHeader(name, values.value(scope, "the expected header value"), null);
        }
        if (c.accept("matches")) {
            Token vt = c.peek();
            Template v = values.string(scope, "a regular expression in double quotes");
            if (v.isPlain()) {
                c.regex(v.raw(), vt);
            }
            return new ReceivesHeader(name, null, v);
        }
        return new ReceivesHeader(name, null, null);
    }
}
