package dev.wstest.scenario.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wstest.assertions.JsonPath;
import dev.wstest.record.Redactor;
import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioSyntaxException;
import dev.wstest.scenario.internal.AbstractStep.Pos;
import dev.wstest.scenario.internal.Steps.Encoding;
import dev.wstest.scenario.internal.Steps.HandshakeCheck;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses a scenario file into steps and checks, before anything runs, that every {@code ${variable}} and
 * every connection a step names is defined by then. Errors are {@link ScenarioSyntaxException}s naming
 * file:line:column, what was expected and what was found.
 */
public final class Parser {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Set<String> RESERVED = Set.of("as", "text", "json", "binary", "fragments", "hex", "base64",
            "file", "next", "ping", "pong", "closed", "nothing", "no", "handshake", "subprotocol", "within",
            "contains", "matches", "regex", "header", "timeout", "trust", "in", "end", "message", "all", "status");
    private static final List<String> COMMANDS = List.of("scenario", "setup", "var", "include", "server", "connect",
            "send", "ping", "pong", "close", "expect", "capture", "repeat", "end", "sleep", "wait");

    private final String source;
    private final Lexer lexer;
    private final Resources resources;
    private final Set<String> external;
    private final Set<String> includeChain;

    private List<Token> tokens;
    private int pos;

    public Parser(String source, String text, Resources resources, Set<String> externalNames) {
        this(source, text, resources, externalNames, new LinkedHashSet<>());
    }

    private Parser(String source, String text, Resources resources, Set<String> externalNames,
                   Set<String> includeChain) {
        this.source = source;
        this.lexer = new Lexer(source, text);
        this.resources = resources;
        this.external = externalNames;
        this.includeChain = includeChain;
        includeChain.add(source);
    }

    /** What is defined at a point of the file: variables and connections (the last one is the default). */
    static final class Scope {
        final Set<String> vars = new HashSet<>();
        final List<String> connections = new ArrayList<>();

        Scope copy() {
            Scope s = new Scope();
            s.vars.addAll(vars);
            s.connections.addAll(connections);
            return s;
        }

        String last() {
            return connections.isEmpty() ? null : connections.get(connections.size() - 1);
        }
    }

    /** A parsed file: shared steps and scope, and the scenarios (setup steps included). */
    public record Result(List<AbstractStep> setup, Scope setupScope, List<Scenario> scenarios) {
    }

    public Result parse() {
        tokens = lexer.tokenize();
        pos = 0;
        List<AbstractStep> setup = new ArrayList<>();
        Scope setupScope = new Scope();
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<AbstractStep> current = null;
        Scope scope = setupScope;
        String currentName = null;
        int currentLine = 0;
        boolean inSetup = false;

        while (peek().kind() != Token.Kind.EOF) {
            Token t = peek();
            if (t.kind() == Token.Kind.EOL) {
                pos++;
                continue;
            }
            if (t.is("scenario")) {
                pos++;
                Token name = next();
                if (name.kind() != Token.Kind.STRING || name.text().isBlank()) {
                    throw err(name, "a scenario name in double quotes, like scenario \"login works\"");
                }
                eol();
                if (!names.add(name.text())) {
                    throw lexer.error(name.line(), name.column(), "expected a scenario name not used before in"
                            + " this file but found " + name.describe() + " a second time");
                }
                if (current != null) {
                    scenarios.add(scenario(currentName, currentLine, setup, current));
                }
                current = new ArrayList<>();
                currentName = name.text();
                currentLine = t.line();
                scope = setupScope.copy();
                inSetup = false;
                continue;
            }
            if (t.is("setup")) {
                pos++;
                eol();
                if (current != null || inSetup) {
                    throw lexer.error(t.line(), t.column(), "expected \"setup\" once, before the first scenario,"
                            + " but found it " + (current != null ? "after a scenario" : "a second time"));
                }
                inSetup = true;
                continue;
            }
            if (t.is("var") || t.is("include")) {
                if (current != null) {
                    if (t.is("include")) {
                        throw lexer.error(t.line(), t.column(), "expected \"include\" before the first scenario"
                                + " but found it inside scenario \"" + currentName + "\"");
                    }
                    current.add(statement(scope));
                } else {
                    if (t.is("include")) {
                        include(setup, setupScope);
                    } else {
                        setup.add(statement(setupScope));
                    }
                }
                continue;
            }
            if (t.is("end")) {
                throw lexer.error(t.line(), t.column(), "expected a step but found \"end\" without a \"repeat\""
                        + " to close");
            }
            if (current != null) {
                current.add(statement(scope));
            } else {
                setup.add(statement(setupScope)); // everything before the first scenario is shared
            }
        }
        if (current != null) {
            scenarios.add(scenario(currentName, currentLine, setup, current));
        } else if (!setup.isEmpty()) {
            String base = source.replace('\\', '/');
            base = base.substring(base.lastIndexOf('/') + 1).replaceFirst("\\.ws$", "");
            scenarios.add(scenario(base, 1, List.of(), setup));
        }
        return new Result(setup, setupScope, scenarios);
    }

    private Scenario scenario(String name, int line, List<AbstractStep> setup, List<AbstractStep> own) {
        List<AbstractStep> all = new ArrayList<>(setup);
        all.addAll(own);
        return new Scenario(name, source, line, all);
    }

    private void include(List<AbstractStep> setup, Scope scope) {
        Token kw = next();
        Token file = next();
        if (file.kind() != Token.Kind.STRING) {
            throw err(file, "a file name in double quotes after \"include\"");
        }
        eol();
        String name = resources.sourceName(file.text());
        if (includeChain.contains(name)) {
            throw lexer.error(file.line(), file.column(), "expected an include that does not lead back to an"
                    + " including file but found a cycle: " + String.join(" -> ", includeChain) + " -> " + name);
        }
        String text;
        try {
            text = new String(resources.read(file.text()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw lexer.error(file.line(), file.column(), "expected a readable file to include but found none at "
                    + resources.describe(file.text()) + " (" + e.getMessage() + ")");
        }
        Set<String> chain = new LinkedHashSet<>(includeChain);
        Result inner = new Parser(name, text, resources.relativeTo(file.text()), external, chain).parse();
        if (!inner.scenarios().isEmpty() && inner.setup().isEmpty()) {
            throw lexer.error(kw.line(), kw.column(), "expected the included file " + name + " to hold shared"
                    + " steps (var lines or a setup block) but found only scenarios");
        }
        setup.addAll(inner.setup());
        scope.vars.addAll(inner.setupScope().vars);
        scope.connections.addAll(inner.setupScope().connections);
    }

    // ================================================================================= statements

    private AbstractStep statement(Scope scope) {
        return parseStatement(scope, peek());
    }

    private Pos posOf(Token first) {
        int endLine = first.line();
        for (int i = pos - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.kind() != Token.Kind.EOL) {
                endLine = t.line() + (int) t.text().chars().filter(c -> c == '\n').count();
                break;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int l = first.line(); l <= Math.max(first.line(), endLine); l++) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(l == first.line() ? lexer.lineText(l).strip() : lexer.lineText(l).stripTrailing());
        }
        return new Pos(source, first.line(), stripComment(text.toString()));
    }

    private static String stripComment(String s) {
        // a '#' starting a token outside quotes starts a comment; good enough for display
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (c == '#' && !inString && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                return s.substring(0, i).stripTrailing();
            }
        }
        return s;
    }

    private AbstractStep parseStatement(Scope scope, Token first) {
        if (first.kind() != Token.Kind.WORD) {
            throw err(first, "a command (" + String.join(", ", COMMANDS) + ")");
        }
        pos++;
        switch (first.text()) {
            case "var":
                return varStep(scope, first);
            case "server":
                return serverStep(scope, first);
            case "connect":
                return connectStep(scope, first);
            case "send":
                return sendStep(scope, first);
            case "ping":
            case "pong":
                return controlStep(scope, first);
            case "close":
                return closeStep(scope, first);
            case "expect":
                return expectStep(scope, first);
            case "capture":
                return captureStep(scope, first);
            case "repeat":
                return repeatStep(scope, first);
            case "sleep":
            case "wait":
                Duration d = duration(next(), "\"" + first.text() + "\"");
                eol();
                return new Steps.SleepStep(posOf(first), d);
            default:
                pos--;
                throw err(first, "a command (" + String.join(", ", COMMANDS) + ")" + suggest(first.text()));
        }
    }

    private static String suggest(String word) {
        for (String c : COMMANDS) {
            if (distance(c, word.toLowerCase(java.util.Locale.ROOT)) <= 2 && word.length() > 2) {
                return "; did you mean \"" + c + "\"?";
            }
        }
        return "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    private AbstractStep varStep(Scope scope, Token first) {
        Token name = next();
        if (name.kind() != Token.Kind.WORD || !VAR_NAME.matcher(name.text()).matches()) {
            throw err(name, "a variable name (letters, digits, '_' and '.') after \"var\"");
        }
        Token eq = next();
        if (!eq.is("=")) {
            throw err(eq, "\"=\" after the variable name (var " + name.text() + " = value)");
        }
        Template value = value(scope, "a value after \"=\"");
        eol();
        scope.vars.add(name.text());
        return new VarStep(posOf(first), name.text(), value);
    }

    /** {@code var NAME = value}: a default, used only when nothing outside the file defines NAME. */
    public static final class VarStep extends AbstractStep {
        final String name;
        final Template value;

        VarStep(Pos pos, String name, Template value) {
            super(pos);
            this.name = name;
            this.value = value;
        }

        @Override
        public void run(RunContext ctx) {
            if (ctx.lookup(name) == null) {
                ctx.set(name, ctx.render(value));
            }
        }
    }

    private AbstractStep serverStep(Scope scope, Token first) {
        Token kind = next();
        if (!kind.is("echo") && !kind.is("broadcast")) {
            throw err(kind, "\"echo\" or \"broadcast\" after \"server\"");
        }
        String name = "server";
        List<String> subprotocols = new ArrayList<>();
        while (!atEol()) {
            Token opt = next();
            if (opt.is("as")) {
                name = newName(next(), "a server name after \"as\"");
            } else if (opt.is("subprotocol")) {
                Token p = next();
                if (p.kind() == Token.Kind.EOL || p.kind() == Token.Kind.JSON) {
                    throw err(p, "a subprotocol name after \"subprotocol\"");
                }
                subprotocols.add(p.text());
            } else {
                throw err(opt, "\"as NAME\", \"subprotocol P\" or the end of the line");
            }
        }
        eol();
        scope.vars.add(name + ".url");
        scope.vars.add(name + ".port");
        return new Steps.ServerStep(posOf(first), kind.is("broadcast"), name, subprotocols);
    }

    private AbstractStep connectStep(Scope scope, Token first) {
        Token urlTok = peek();
        if (urlTok.kind() != Token.Kind.WORD && urlTok.kind() != Token.Kind.STRING) {
            throw err(urlTok, "a URL after \"connect\", like ws://127.0.0.1:8080/chat or ${server.url}/chat");
        }
        Template url = value(scope, "a URL");
        if (url.isPlain() && !url.raw().matches("(?i)wss?://.+")) {
            throw lexer.error(urlTok.line(), urlTok.column(), "expected a ws:// or wss:// URL but found "
                    + urlTok.describe());
        }
        String name = "default";
        boolean named = false;
        List<Template> headers = new ArrayList<>();
        List<Token> secretHeaders = new ArrayList<>();
        List<Template> subprotocols = new ArrayList<>();
        Duration timeout = null;
        boolean trustAll = false;
        Template trustFile = null;
        while (!atEol()) {
            Token opt = next();
            if (opt.is("as")) {
                name = newName(next(), "a connection name after \"as\"");
                named = true;
            } else if (opt.is("header")) {
                Token h = peek();
                if (h.kind() != Token.Kind.STRING) {
                    throw err(h, "a header in double quotes after \"header\", like header \"Authorization: Bearer"
                            + " ${TOKEN}\"");
                }
                Template t = value(scope, "a header");
                if (t.raw().indexOf(':') <= 0) {
                    throw lexer.error(h.line(), h.column(), "expected a header as \"Name: value\" but found "
                            + h.describe());
                }
                headers.add(t);
                if (writesSecret(h.text())) {
                    secretHeaders.add(h);
                }
            } else if (opt.is("subprotocol")) {
                subprotocols.add(value(scope, "a subprotocol name after \"subprotocol\""));
            } else if (opt.is("timeout")) {
                timeout = duration(next(), "\"timeout\"");
            } else if (opt.is("trust")) {
                Token t = peek();
                if (t.is("all")) {
                    pos++;
                    trustAll = true;
                } else if (t.kind() == Token.Kind.STRING) {
                    trustFile = value(scope, "a certificate file");
                } else {
                    throw err(t, "\"all\" or a PEM certificate file in double quotes after \"trust\"");
                }
            } else {
                throw err(opt, "a connect option (as NAME, header \"K: V\", subprotocol P, timeout D, trust all,"
                        + " trust \"cert.pem\") or the end of the line");
            }
        }
        eol();
        if (!named && scope.connections.contains("default")) {
            scope.connections.remove("default");
        }
        scope.connections.remove(name);
        scope.connections.add(name);
        Pos p = posOf(first);
        for (Token h : secretHeaders) {
            p = new Pos(p.source(), p.line(), p.text().replace(quotedSource(h), "\"" + redacted(h.text()) + "\""));
        }
        return new Steps.ConnectStep(p, url, name, headers, subprotocols, timeout, trustAll, trustFile, resources);
    }

    /** A secret header whose value is written out (not only ${...} references) must not reach reports. */
    private static boolean writesSecret(String header) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).strip();
        String literal = header.substring(colon + 1).replaceAll("\\$\\{[^}]*}", "").strip()
                .replaceFirst("^[A-Za-z]{1,15}$", "");
        return Redactor.DEFAULT.isSecret(name) && !literal.isBlank();
    }

    private static String redacted(String header) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).strip();
        return name + ": " + Redactor.DEFAULT.redact(name, header.substring(colon + 1).strip());
    }

    /** The string token exactly as written in the source line, quotes included. */
    private String quotedSource(Token t) {
        String line = lexer.lineText(t.line());
        int start = t.column() - 1;
        int i = start + 1;
        while (i < line.length() && line.charAt(i) != '"') {
            i += line.charAt(i) == '\\' ? 2 : 1;
        }
        return line.substring(start, Math.min(line.length(), i + 1));
    }

    private AbstractStep sendStep(Scope scope, Token first) {
        String conn = connection(scope, first, Set.of("text", "json", "binary", "fragments"));
        Token kind = next();
        switch (kind.kind() == Token.Kind.WORD ? kind.text() : "") {
            case "text": {
                Template t = stringValue(scope, "the text to send in double quotes");
                int frames = 1;
                if (peek().is("in")) {
                    pos++;
                    frames = positive(next(), "a number of frames after \"in\"", 10_000);
                    Token f = next();
                    if (!f.is("frames") && !f.is("frame")) {
                        throw err(f, "\"frames\" (send text \"...\" in 3 frames)");
                    }
                }
                eol();
                return new Steps.SendStep(posOf(first), conn, false, Encoding.TEXT, List.of(t), frames, resources);
            }
            case "json": {
                Template t = json(scope, "a JSON object or array to send, like {\"type\": \"hello\"}");
                eol();
                return new Steps.SendStep(posOf(first), conn, false, Encoding.TEXT, List.of(t), 1, resources);
            }
            case "binary": {
                List<Template> parts = new ArrayList<>();
                Encoding enc = encoding(next(), true);
                parts.add(stringValue(scope, "the payload in double quotes"));
                checkPayload(enc, parts.get(0), tokens.get(pos - 1));
                while (!atEol()) {
                    Encoding more = encoding(next(), true);
                    if (more != enc) {
                        throw err(tokens.get(pos - 1), "every fragment in the same encoding (" + lower(enc) + ")");
                    }
                    parts.add(stringValue(scope, "the next fragment in double quotes"));
                    checkPayload(enc, parts.get(parts.size() - 1), tokens.get(pos - 1));
                }
                eol();
                return new Steps.SendStep(posOf(first), conn, true, enc, parts, 1, resources);
            }
            case "fragments": {
                List<Template> parts = new ArrayList<>();
                parts.add(stringValue(scope, "the first fragment in double quotes"));
                while (!atEol()) {
                    parts.add(stringValue(scope, "the next fragment in double quotes or the end of the line"));
                }
                eol();
                return new Steps.SendStep(posOf(first), conn, false, Encoding.TEXT, parts, 1, resources);
            }
            default:
                throw err(kind, "what to send: text \"...\", json {...}, binary hex|base64|file \"...\" or"
                        + " fragments \"...\" \"...\"");
        }
    }

    private static String lower(Encoding e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private Encoding encoding(Token t, boolean allowFile) {
        if (t.is("hex")) {
            return Encoding.HEX;
        }
        if (t.is("base64")) {
            return Encoding.BASE64;
        }
        if (allowFile && t.is("file")) {
            return Encoding.FILE;
        }
        throw err(t, "\"hex\", \"base64\"" + (allowFile ? " or \"file\"" : "") + " before the payload");
    }

    private void checkPayload(Encoding enc, Template t, Token at) {
        if (!t.isPlain()) {
            return;
        }
        String v = t.raw();
        if (enc == Encoding.HEX && !v.replaceAll("[\\s:]", "").matches("([0-9a-fA-F]{2})*")) {
            throw lexer.error(at.line(), at.column(), "expected hex digits in pairs, like \"0a ff 10\", but found "
                    + at.describe());
        }
        if (enc == Encoding.BASE64) {
            try {
                java.util.Base64.getDecoder().decode(v.strip());
            } catch (IllegalArgumentException e) {
                throw lexer.error(at.line(), at.column(), "expected base64 but found " + at.describe() + " ("
                        + e.getMessage() + ")");
            }
        }
    }

    private AbstractStep controlStep(Scope scope, Token first) {
        String conn = connection(scope, first, Set.of("hex", "base64"));
        Encoding enc = Encoding.TEXT;
        Template payload = null;
        if (peek().is("hex") || peek().is("base64")) {
            enc = encoding(next(), false);
            payload = stringValue(scope, "the payload in double quotes");
            checkPayload(enc, payload, tokens.get(pos - 1));
        } else if (peek().kind() == Token.Kind.STRING) {
            payload = stringValue(scope, "the payload");
        }
        if (payload != null && payload.isPlain() && enc == Encoding.TEXT
                && payload.raw().getBytes(StandardCharsets.UTF_8).length > 125) {
            Token at = tokens.get(pos - 1);
            throw lexer.error(at.line(), at.column(), "expected a control frame payload of at most 125 bytes but"
                    + " found " + payload.raw().getBytes(StandardCharsets.UTF_8).length);
        }
        eol();
        return new Steps.ControlStep(posOf(first), conn, first.is("ping"), enc, payload);
    }

    private AbstractStep closeStep(Scope scope, Token first) {
        String conn = connection(scope, first, Set.of());
        int code = 1000;
        Template reason = null;
        if (!atEol()) {
            Token c = next();
            code = closeCode(c);
            if (!atEol()) {
                reason = stringValue(scope, "the close reason in double quotes or the end of the line");
                if (reason.isPlain() && reason.raw().getBytes(StandardCharsets.UTF_8).length > 123) {
                    Token at = tokens.get(pos - 1);
                    throw lexer.error(at.line(), at.column(), "expected a close reason of at most 123 bytes but"
                            + " found " + reason.raw().getBytes(StandardCharsets.UTF_8).length);
                }
            }
        }
        eol();
        return new Steps.CloseStep(posOf(first), conn, code, reason);
    }

    private int closeCode(Token c) {
        if (c.kind() != Token.Kind.WORD || !c.text().matches("\\d{1,4}")) {
            throw err(c, "a close code (1000, 1001, 3000-4999)");
        }
        int code = Integer.parseInt(c.text());
        try {
            dev.wstest.protocol.CloseCodes.checkSendable(code, "");
        } catch (IllegalArgumentException e) {
            throw lexer.error(c.line(), c.column(), "expected a close code that may be sent (1000-1003, 1007-1014,"
                    + " 3000-4999) but found " + code);
        }
        return code;
    }

    private AbstractStep expectStep(Scope scope, Token first) {
        String conn = connection(scope, first, Set.of("next", "text", "json", "binary", "ping", "pong", "closed",
                "nothing", "no", "handshake", "subprotocol"));
        boolean next = false;
        if (peek().is("next")) {
            pos++;
            next = true;
            if (!peek().is("text") && !peek().is("json") && !peek().is("binary")) {
                throw err(peek(), "\"text\", \"json\" or \"binary\" after \"next\"");
            }
        }
        Token what = next();
        String word = what.kind() == Token.Kind.WORD ? what.text() : "";
        switch (word) {
            case "text": {
                String mode = peek().is("contains") ? "contains" : peek().is("matches") ? "matches" : "equals";
                if (!mode.equals("equals")) {
                    pos++;
                }
                Token vt = peek();
                Template v = stringValue(scope, "the expected text in double quotes");
                if (mode.equals("matches") && v.isPlain()) {
                    regex(v.raw(), vt);
                }
                Duration within = within();
                eol();
                Steps.MatcherFactory f = mode.equals("contains")
                        ? ctx -> dev.wstest.assertions.MessageMatcher.textContaining(ctx.render(v))
                        : mode.equals("matches")
                        ? ctx -> dev.wstest.assertions.MessageMatcher.textMatching(ctx.render(v))
                        : ctx -> dev.wstest.assertions.MessageMatcher.text(ctx.render(v));
                Steps.DirectExpectation direct = mode.equals("equals")
                        ? (a, ctx) -> a.receivesText(ctx.render(v)) : null;
                return new Steps.ExpectMessageStep(posOf(first), conn, next, f, direct, within);
            }
            case "json": {
                Steps.MatcherFactory f;
                Steps.DirectExpectation direct = null;
                if (peek().kind() == Token.Kind.WORD && peek().text().startsWith("$")
                        && !peek().text().startsWith("${")) {
                    Token pt = next();
                    JsonPath path = jsonPath(pt);
                    Token eq = next();
                    if (!eq.is("=")) {
                        throw err(eq, "\"=\" and the expected value after the JSONPath");
                    }
                    Token vt = peek();
                    Template v = jsonValue(scope);
                    boolean quoted = vt.kind() == Token.Kind.STRING;
                    f = ctx -> dev.wstest.assertions.MessageMatcher.jsonAt(path.toString(), asJson(ctx.render(v), quoted));
                } else {
                    boolean contains = false;
                    if (peek().is("contains")) {
                        pos++;
                        contains = true;
                    }
                    Template v = json(scope, "a JSON object or array" + (contains ? "" : ", \"contains\" {...} or a"
                            + " JSONPath like $.type = \"welcome\""));
                    f = contains ? ctx -> dev.wstest.assertions.MessageMatcher.jsonContaining(ctx.render(v))
                            : ctx -> dev.wstest.assertions.MessageMatcher.json(ctx.render(v));
                    direct = contains ? (a, ctx) -> a.receivesJsonContaining(ctx.render(v))
                            : (a, ctx) -> a.receivesJson(ctx.render(v));
                }
                Duration within = within();
                eol();
                return new Steps.ExpectMessageStep(posOf(first), conn, next, f, direct, within);
            }
            case "binary": {
                Encoding enc = encoding(next(), true);
                Template v = stringValue(scope, "the expected payload in double quotes");
                checkPayload(enc, v, tokens.get(pos - 1));
                Duration within = within();
                eol();
                Steps.MatcherFactory f = ctx -> dev.wstest.assertions.MessageMatcher.binary(
                        Steps.bytes(ctx, enc, v, resources));
                return new Steps.ExpectMessageStep(posOf(first), conn, next, f, null, within);
            }
            case "ping":
            case "pong": {
                Encoding enc = Encoding.TEXT;
                Template payload = null;
                if (peek().is("hex") || peek().is("base64")) {
                    enc = encoding(next(), false);
                    payload = stringValue(scope, "the payload in double quotes");
                    checkPayload(enc, payload, tokens.get(pos - 1));
                } else if (peek().kind() == Token.Kind.STRING) {
                    payload = stringValue(scope, "the payload");
                }
                Duration within = within();
                eol();
                return new Steps.ExpectControlStep(posOf(first), conn, word.equals("ping"), enc, payload, within);
            }
            case "closed": {
                Integer code = null;
                Template reason = null;
                if (peek().kind() == Token.Kind.WORD && !peek().is("within")) {
                    Token c = next();
                    if (!c.text().matches("\\d{1,4}")) {
                        throw err(c, "a close code, \"within D\" or the end of the line");
                    }
                    code = Integer.parseInt(c.text());
                    if (peek().kind() == Token.Kind.STRING) {
                        reason = stringValue(scope, "the close reason");
                    }
                }
                Duration within = within();
                eol();
                return new Steps.ExpectClosedStep(posOf(first), conn, code, reason, within);
            }
            case "nothing":
            case "no": {
                if (word.equals("no")) {
                    Token m = next();
                    if (m.is("subprotocol")) {
                        eol();
                        return new Steps.ExpectHandshakeStep(posOf(first), conn, HandshakeCheck.NO_SUBPROTOCOL, null,
                                null, 0);
                    }
                    if (!m.is("message") && !m.is("messages")) {
                        throw err(m, "\"message\" or \"subprotocol\" after \"no\"");
                    }
                }
                Token w = next();
                if (!w.is("within") && !w.is("for")) {
                    throw err(w, "\"within\" and how long to watch, like " + word + (word.equals("no")
                            ? " message" : "") + " within 500ms");
                }
                Duration d = duration(next(), "\"" + w.text() + "\"");
                eol();
                return new Steps.ExpectNothingStep(posOf(first), conn, d);
            }
            case "subprotocol": {
                Template v = value(scope, "the expected subprotocol");
                eol();
                return new Steps.ExpectHandshakeStep(posOf(first), conn, HandshakeCheck.SUBPROTOCOL, null, v, 0);
            }
            case "handshake": {
                Token k = next();
                if (k.is("status")) {
                    Token s = next();
                    if (s.kind() != Token.Kind.WORD || !s.text().matches("[1-5]\\d\\d")) {
                        throw err(s, "an HTTP status like 101");
                    }
                    eol();
                    return new Steps.ExpectHandshakeStep(posOf(first), conn, HandshakeCheck.STATUS, null, null,
                            Integer.parseInt(s.text()));
                }
                if (k.is("header")) {
                    Token nt = peek();
                    if (nt.kind() != Token.Kind.WORD && nt.kind() != Token.Kind.STRING) {
                        throw err(nt, "a header name after \"header\"");
                    }
                    Template name = value(scope, "a header name");
                    if (atEol()) {
                        eol();
                        return new Steps.ExpectHandshakeStep(posOf(first), conn, HandshakeCheck.HEADER_PRESENT, name,
                                null, 0);
                    }
                    Token op = next();
                    if (op.is("=")) {
                        Template v = value(scope, "the expected header value");
                        eol();
                        return new Steps.ExpectHandshakeStep(posOf(first), conn, HandshakeCheck.HEADER_EQUALS, name, v,
                                0);
                    }
                    if (op.is("matches")) {
                        Token vt = peek();
                        Template v = stringValue(scope, "a regular expression in double quotes");
                        if (v.isPlain()) {
                            regex(v.raw(), vt);
                        }
                        eol();
                        return new Steps.ExpectHandshakeStep(posOf(first), conn, HandshakeCheck.HEADER_MATCHES, name,
                                v, 0);
                    }
                    throw err(op, "\"= value\", \"matches \\\"regex\\\"\" or the end of the line");
                }
                throw err(k, "\"status\" or \"header\" after \"handshake\"");
            }
            default:
                throw err(what, "what to expect: text, json, binary, ping, pong, closed, nothing, no message,"
                        + " handshake, subprotocol or no subprotocol");
        }
    }

    private static String asJson(String rendered, boolean quoted) throws JsonProcessingException {
        if (quoted) {
            return Steps.JSON.writeValueAsString(rendered);
        }
        try {
            Steps.JSON.readTree(rendered);
            return rendered;
        } catch (JsonProcessingException notJson) {
            return Steps.JSON.writeValueAsString(rendered);
        }
    }

    private AbstractStep captureStep(Scope scope, Token first) {
        String conn = connection(scope, first, Set.of("json", "regex"));
        Token kind = next();
        JsonPath path = null;
        Template regex = null;
        if (kind.is("json")) {
            Token pt = next();
            if (pt.kind() != Token.Kind.WORD) {
                throw err(pt, "a JSONPath like $.id after \"json\"");
            }
            path = jsonPath(pt);
        } else if (kind.is("regex")) {
            Token rt = peek();
            regex = stringValue(scope, "a regular expression in double quotes");
            if (regex.isPlain()) {
                regex(regex.raw(), rt);
            }
        } else {
            throw err(kind, "\"json $.path\" or \"regex \\\"...\\\"\" after \"capture\"");
        }
        Token as = next();
        if (!as.is("as")) {
            throw err(as, "\"as\" and a variable name (capture ... as NAME)");
        }
        Token name = next();
        if (name.kind() != Token.Kind.WORD || !VAR_NAME.matcher(name.text()).matches()) {
            throw err(name, "a variable name (letters, digits, '_' and '.') after \"as\"");
        }
        eol();
        scope.vars.add(name.text());
        return new Steps.CaptureStep(posOf(first), conn, path, regex, name.text());
    }

    private AbstractStep repeatStep(Scope scope, Token first) {
        int times = positive(next(), "how many times to repeat, like repeat 3", 1_000_000);
        String var = null;
        if (peek().is("as")) {
            pos++;
            Token name = next();
            if (name.kind() != Token.Kind.WORD || !VAR_NAME.matcher(name.text()).matches()) {
                throw err(name, "a variable name for the counter after \"as\"");
            }
            var = name.text();
        }
        eol();
        Pos p = posOf(first);
        if (var != null) {
            scope.vars.add(var);
        }
        List<AbstractStep> body = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.EOL) {
                pos++;
                continue;
            }
            if (t.kind() == Token.Kind.EOF || t.is("scenario") || t.is("setup")) {
                throw lexer.error(first.line(), first.column(), "expected \"end\" to close this repeat block but"
                        + " found " + (t.kind() == Token.Kind.EOF ? "the end of the file" : "\"" + t.text()
                        + "\" on line " + t.line()));
            }
            if (t.is("end")) {
                pos++;
                eol();
                break;
            }
            if (t.is("include")) {
                throw lexer.error(t.line(), t.column(), "expected a step inside repeat but found \"include\"");
            }
            body.add(statement(scope));
        }
        return new Steps.RepeatStep(p, times, var, body);
    }

    // ================================================================================= pieces

    private String connection(Scope scope, Token command, Set<String> subKeywords) {
        Token t = peek();
        if (t.kind() == Token.Kind.WORD && !subKeywords.contains(t.text()) && !t.text().matches("\\d+")) {
            if (scope.connections.contains(t.text())) {
                pos++;
                return t.text();
            }
            Token after = peek(1);
            boolean looksLikeName = NAME.matcher(t.text()).matches()
                    && (subKeywords.isEmpty() || after.kind() == Token.Kind.WORD && subKeywords.contains(after.text())
                    || after.kind() == Token.Kind.EOL || after.kind() == Token.Kind.STRING && subKeywords.contains("hex"));
            if (looksLikeName) {
                throw lexer.error(t.line(), t.column(), "expected a connection opened earlier (" + (scope.connections
                        .isEmpty() ? "none so far" : String.join(", ", scope.connections)) + ") but found \""
                        + t.text() + "\"; open it first with connect URL as " + t.text());
            }
            if (!subKeywords.isEmpty()) {
                throw err(t, oneOf(subKeywords) + (scope.connections.isEmpty() ? ""
                        : " (after an optional connection name)"));
            }
        }
        String last = scope.last();
        if (last == null) {
            throw lexer.error(command.line(), command.column(), "expected a connect step before \"" + command.text()
                    + "\" but found no connection opened so far");
        }
        return last;
    }

    private static String oneOf(Set<String> words) {
        List<String> sorted = new ArrayList<>(words);
        java.util.Collections.sort(sorted);
        return String.join(", ", sorted.stream().map(w -> "\"" + w + "\"").toList());
    }

    private String newName(Token t, String what) {
        if (t.kind() != Token.Kind.WORD || !NAME.matcher(t.text()).matches()) {
            throw err(t, what + " (letters, digits, '_' and '-')");
        }
        if (RESERVED.contains(t.text()) || COMMANDS.contains(t.text())) {
            throw lexer.error(t.line(), t.column(), "expected " + what + " that is not a keyword but found \""
                    + t.text() + "\"");
        }
        return t.text();
    }

    private Duration duration(Token t, String after) {
        Matcher m = t.kind() == Token.Kind.WORD ? DURATION.matcher(t.text()) : null;
        if (m == null || !m.matches()) {
            throw err(t, "a duration like 500ms, 2s or 1m after " + after);
        }
        BigDecimal n = new BigDecimal(m.group(1));
        BigDecimal millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n.multiply(BigDecimal.valueOf(1000));
            default -> n.multiply(BigDecimal.valueOf(60_000));
        };
        if (millis.compareTo(BigDecimal.valueOf(24L * 3600 * 1000)) > 0) {
            throw lexer.error(t.line(), t.column(), "expected a duration of at most 24 hours but found " + t.text());
        }
        return Duration.ofMillis(millis.longValue());
    }

    private Duration within() {
        if (peek().is("within")) {
            pos++;
            return duration(next(), "\"within\"");
        }
        return null;
    }

    private int positive(Token t, String what, int max) {
        if (t.kind() != Token.Kind.WORD || !t.text().matches("\\d{1,9}") || Integer.parseInt(t.text()) < 1
                || Integer.parseInt(t.text()) > max) {
            throw err(t, what + " (1 to " + max + ")");
        }
        return Integer.parseInt(t.text());
    }

    private void regex(String regex, Token at) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw lexer.error(at.line(), at.column() + 1 + Math.max(0, e.getIndex()), "expected a valid regular"
                    + " expression but found " + at.describe() + ": " + e.getDescription());
        }
    }

    private JsonPath jsonPath(Token t) {
        try {
            return JsonPath.parse(t.text());
        } catch (JsonPath.InvalidPathException e) {
            throw lexer.error(t.line(), t.column() + e.offset(), e.getMessage());
        }
    }

    /** A quoted string, a bare word or a JSON token, with its variables checked. */
    private Template value(Scope scope, String what) {
        Token t = next();
        if (t.kind() == Token.Kind.EOL || t.kind() == Token.Kind.EOF) {
            throw err(t, what);
        }
        return checked(scope, t);
    }

    private Template stringValue(Scope scope, String what) {
        Token t = next();
        if (t.kind() != Token.Kind.STRING) {
            throw err(t, what);
        }
        return checked(scope, t);
    }

    private Template jsonValue(Scope scope) {
        Token t = next();
        if (t.kind() == Token.Kind.EOL || t.kind() == Token.Kind.EOF) {
            throw err(t, "a JSON value (\"text\", number, true, false, null, {...} or [...])");
        }
        Template v = checked(scope, t);
        if (t.kind() == Token.Kind.WORD && v.isPlain()
                && !t.text().matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|true|false|null")) {
            throw err(t, "a JSON value (\"text\" in double quotes, number, true, false, null, {...} or [...])");
        }
        if (t.kind() == Token.Kind.JSON) {
            validateJson(t, v);
        }
        return v;
    }

    private Template json(Scope scope, String what) {
        Token t = next();
        if (t.kind() != Token.Kind.JSON) {
            throw err(t, what);
        }
        Template v = checked(scope, t);
        validateJson(t, v);
        return v;
    }

    private void validateJson(Token t, Template v) {
        String probe = v.render(name -> "0");
        try {
            Steps.JSON.readTree(probe);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            int line = t.line();
            int col = t.column();
            if (loc != null && loc.getLineNr() > 0) {
                line = t.line() + loc.getLineNr() - 1;
                col = loc.getLineNr() == 1 ? t.column() + Math.max(0, loc.getColumnNr() - 1) : loc.getColumnNr();
            }
            throw lexer.error(line, col, "expected valid JSON but found an error: " + e.getOriginalMessage());
        }
    }

    private Template checked(Scope scope, Token t) {
        Template template = new Template(t.text(), t.line(), t.column());
        for (Template.Ref ref : template.refs()) {
            if (ref.hasDefault() || scope.vars.contains(ref.name()) || external.contains(ref.name())) {
                continue;
            }
            int[] at = position(t, ref.offset());
            if (!VAR_NAME.matcher(ref.name()).matches()) {
                throw lexer.error(at[0], at[1], "expected a variable name in ${...} but found \"${" + ref.name()
                        + "}\"");
            }
            throw lexer.error(at[0], at[1], "expected a defined variable but found ${" + ref.name() + "}, which is"
                    + " not defined here: pass --var " + ref.name() + "=..., put it in an env file or the environment,"
                    + " write var " + ref.name() + " = ... in the file, capture it before this step, or give a"
                    + " default as ${" + ref.name() + ":-value}");
        }
        return template;
    }

    private static int[] position(Token t, int offset) {
        if (t.kind() == Token.Kind.STRING) {
            return new int[] {t.line(), t.column() + 1 + offset};
        }
        int line = t.line();
        int col = t.column();
        String s = t.text();
        for (int i = 0; i < offset && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }

    // ================================================================================= cursor

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean atEol() {
        Token.Kind k = peek().kind();
        return k == Token.Kind.EOL || k == Token.Kind.EOF;
    }

    private void eol() {
        Token t = peek();
        if (t.kind() == Token.Kind.EOL) {
            pos++;
            return;
        }
        if (t.kind() != Token.Kind.EOF) {
            throw err(t, "the end of the line");
        }
    }

    private ScenarioSyntaxException err(Token found, String expected) {
        return lexer.error(found.line(), found.column(), "expected " + expected + " but found " + found.describe());
    }
}
