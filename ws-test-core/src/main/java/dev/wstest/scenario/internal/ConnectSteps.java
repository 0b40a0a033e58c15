package dev.wstest.scenario.internal;

import dev.wstest.assertions.WsHandshakeExceptionAssert;
import dev.wstest.client.WsClient;
import dev.wstest.client.WsHandshakeException;
import dev.wstest.protocol.DeflateOffer;
import dev.wstest.protocol.HttpSyntax;
import dev.wstest.scenario.ScenarioMock;
import dev.wstest.server.RecordingServer;
import dev.wstest.server.WsServer;
import dev.wstest.tls.GeneratedCertificate;
import dev.wstest.record.Redactor;
import dev.wstest.syntax.PlaceholderSyntax;
import dev.wstest.tls.TlsTrust;
import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code connect URL [as NAME] [header "K: V"]... [subprotocol P]... [timeout D] [trust all|"file"]
 * [trust SERVER] [client certificate] [max-message-size SIZE] [lenient] [deflate [PARAM]...] [expect refused ...]}:
 * opens a connection (named {@code default} without {@code as}), which later steps address by name or as the last
 * one opened.
 */
final class ConnectSteps implements StepSyntax {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*}");

    private final Cursor c;
    private final Values values;
    private final Resources resources;

    ConnectSteps(Cursor c, Values values, Resources resources) {
        this.c = c;
        this.values = values;
        this.resources = resources;
    }

    /** A response header a refusal must carry: present, equal to {@code value}, or matching {@code regex}. */
    record HeaderCheck(Template name, Template value, Template regex) {
    }

    /** {@code expect refused [STATUS] [header ...]...}: the connect must be refused; {@code status} null: any. */
    record Refusal(Integer status, List<HeaderCheck> headers) {
        Refusal {
            headers = List.copyOf(headers);
        }
    }

    /**
     * @param timeout           the handshake timeout, or null for the client's default
     * @param trustFile         PEM certificates to trust (relative to the scenario), or null
     * @param trustServer       a server of the scenario whose certificate to trust exactly, or null
     * @param clientCertificate whether to present a client certificate (the mock's, else the generated one)
     * @param refusal           what the refusal must look like when the step expects one, else null
     * @param maxMessageBytes   the largest message accepted, or null for the client's default
     * @param lenient           record the server's protocol violations without failing the connection
     * @param deflate           the permessage-deflate offer, or null to offer none
     */
    record Connect(Template url, String name, List<Template> headers, List<Template> subprotocols, Duration timeout,
                   boolean trustAll, Template trustFile, String trustServer, boolean clientCertificate,
                   Refusal refusal, Resources resources, Integer maxMessageBytes, boolean lenient,
                   DeflateOffer deflate)
            implements StepAction {
        Connect {
            headers = List.copyOf(headers);
            subprotocols = List.copyOf(subprotocols);
        }

        @Override
        public void run(RunContext ctx) throws Exception {
            WsClient.Builder b = WsClient.builder(ctx.render(url)).name(name).defaultTimeout(ctx.defaultTimeout());
            for (Template h : headers) {
                String line = ctx.render(h);
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("header \"" + h.raw() + "\" is not \"Name: value\"");
                }
                b.header(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            for (Template p : subprotocols) {
                b.subprotocols(ctx.render(p));
            }
            if (timeout != null) {
                b.connectTimeout(timeout);
            }
            if (maxMessageBytes != null) {
                b.maxMessageBytes(maxMessageBytes);
            }
            if (lenient) {
                b.lenient();
            }
            if (deflate != null) {
                b.permessageDeflate(deflate);
            }
            if (trustAll) {
                b.tls(TlsTrust.trustAll());
            } else if (trustFile != null) {
                String file = ctx.render(trustFile);
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                List<Certificate> certs = new ArrayList<>(cf.generateCertificates(
                        new ByteArrayInputStream(resources.read(file))));
                if (certs.isEmpty()) {
                    throw new IllegalArgumentException(resources.describe(file) + " holds no certificate");
                }
                b.tls(TlsTrust.certificates(certs.toArray(Certificate[]::new)));
            } else if (trustServer != null) {
                b.tls(trustOf(ctx.server(trustServer)));
            }
            if (clientCertificate) {
                b.clientCertificate(trustServer != null && ctx.server(trustServer) instanceof ScenarioMock mock
                        ? mock.clientIdentity().orElse(GeneratedCertificate.client().identity())
                        : GeneratedCertificate.client().identity());
            }
            if (refusal == null) {
                ctx.addClient(name, b.connect());
                return;
            }
            WsHandshakeException refused;
            try (WsClient accepted = b.connect()) {
                throw new AssertionError("Expecting the server to refuse the upgrade of " + accepted.describe()
                        + (refusal.status() == null ? "" : " with HTTP " + refusal.status()) + "\nbut it accepted it"
                        + " (HTTP " + accepted.handshake().status() + ").\n\n" + accepted.handshake());
            } catch (WsHandshakeException e) {
                refused = e;
            }
            WsHandshakeExceptionAssert a = new WsHandshakeExceptionAssert(refused);
            if (refusal.status() != null) {
                a.hasStatus(refusal.status());
            }
            for (HeaderCheck h : refusal.headers()) {
                String header = ctx.render(h.name());
                if (h.value() != null) {
                    a.hasResponseHeader(header, ctx.render(h.value()));
                } else if (h.regex() != null) {
                    a.hasResponseHeaderMatching(header, ctx.render(h.regex()));
                } else {
                    a.hasResponseHeader(header);
                }
            }
        }

        private static TlsTrust trustOf(RecordingServer server) {
            if (server instanceof ScenarioMock mock) {
                return mock.trust().orElseThrow(() -> new IllegalStateException("server \"" + server.name()
                        + "\" serves ws://"));
            }
            return ((WsServer) server).trust();
        }
    }

    @Override
    public List<String> commands() {
        return List.of("connect");
    }

    @Override
    public ScenarioStep parse(Token first, Scope scope) {
        Token urlTok = c.peek();
        if (urlTok.kind() != Token.Kind.WORD && urlTok.kind() != Token.Kind.STRING) {
            throw c.err(urlTok, "a URL after \"connect\", like ws://127.0.0.1:8080/chat or ${server.url}/chat");
        }
        Template url = values.value(scope, "a URL");
        if (url.isPlain() && !url.raw().matches("(?i)wss?://.+")) {
            throw c.error(urlTok, "expected a ws:// or wss:// URL but found " + urlTok.describe());
        }
        String name = "default";
        boolean named = false;
        List<Template> headers = new ArrayList<>();
        List<Token> secretHeaders = new ArrayList<>();
        List<Template> subprotocols = new ArrayList<>();
        Duration timeout = null;
        boolean trustAll = false;
        Template trustFile = null;
        String trustServer = null;
        boolean clientCertificate = false;
        Refusal refusal = null;
        Integer maxMessageBytes = null;
        boolean lenient = false;
        DeflateOffer deflate = null;
        while (!c.atEol()) {
            Token opt = c.next();
            if (opt.is("as")) {
                name = c.newName(c.next(), "a connection name after \"as\"");
                named = true;
            } else if (opt.is("header")) {
                Token h = c.peek();
                if (h.kind() != Token.Kind.STRING) {
                    throw c.err(h, "a header in double quotes after \"header\", like header \"Authorization: Bearer"
                            + " ${TOKEN}\"");
                }
                Template t = values.value(scope, "a header");
                if (t.raw().indexOf(':') <= 0) {
                    throw c.error(h, "expected a header as \"Name: value\" but found " + h.describe());
                }
                checkHeader(c, t, h);
                headers.add(t);
                if (writesSecret(h.text())) {
                    secretHeaders.add(h);
                }
            } else if (opt.is("subprotocol")) {
                Token p = c.peek();
                Template t = values.value(scope, "a subprotocol name after \"subprotocol\"");
                if (t.isPlain()) {
                    checkSubprotocol(c, p, t.raw());
                }
                subprotocols.add(t);
            } else if (opt.is("timeout")) {
                timeout = c.duration(c.next(), "\"timeout\"");
            } else if (opt.is("max-message-size")) {
                maxMessageBytes = c.size(c.next(), "\"max-message-size\"");
            } else if (opt.is("lenient")) {
                lenient = true;
            } else if (opt.is("trust")) {
                Token t = c.peek();
                if (t.is("all")) {
                    c.skip();
                    trustAll = true;
                } else if (t.kind() == Token.Kind.STRING) {
                    trustFile = values.value(scope, "a certificate file");
                } else if (t.kind() == Token.Kind.WORD && scope.servers.containsKey(t.text())) {
                    if (!scope.servers.get(t.text()).tls()) {
                        throw c.error(t, "expected a server that serves wss:// after \"trust\" but server \""
                                + t.text() + "\" serves ws://; declare it with tls");
                    }
                    c.skip();
                    trustServer = t.text();
                } else {
                    throw c.err(t, "\"all\", a PEM certificate file in double quotes or a tls server of the"
                            + " scenario after \"trust\"");
                }
            } else if (opt.is("client")) {
                Token cert = c.next();
                if (!cert.is("certificate")) {
                    throw c.err(cert, "\"certificate\" after \"client\"");
                }
                clientCertificate = true;
            } else if (opt.is("expect")) {
                refusal = refusal(scope);
                break;
            } else if (opt.is("deflate")) {
                deflate = deflateOffer();
            } else {
                throw c.err(opt, "a connect option (as NAME, header \"K: V\", subprotocol P, timeout D, trust all,"
                        + " trust \"cert.pem\", trust SERVER, client certificate, max-message-size SIZE, lenient,"
                        + " deflate, expect refused) or the end of the line");
            }
        }
        c.eol();
        if (refusal == null) {
            scope.opened(name, named); // a refused connect opens nothing later steps could use
        }
        String text = c.textFrom(first);
        for (Token h : secretHeaders) {
            text = text.replace(quotedSource(h), "\"" + redacted(h.text()) + "\"");
        }
        return new ScenarioStep(c.source(), first.line(), text,
                new Connect(url, name, headers, subprotocols, timeout, trustAll, trustFile, trustServer,
                        clientCertificate, refusal, resources, maxMessageBytes, lenient, deflate));
    }

    /** {@code refused [STATUS] [header NAME [= VALUE | matches "regex"]]...} after {@code expect}, to the end. */
    private Refusal refusal(Scope scope) {
        Token r = c.next();
        if (!r.is("refused")) {
            throw c.err(r, "\"refused\" after \"expect\" (connect ... expect refused 401)");
        }
        Integer status = null;
        if (c.peek().kind() == Token.Kind.WORD && c.peek().text().matches("\\d+")) {
            Token s = c.next();
            if (!s.text().matches("[1-5]\\d\\d") || s.text().equals("101")) {
                throw c.err(s, "an HTTP status a refusal has, like 401, 403 or 503");
            }
            status = Integer.parseInt(s.text());
        }
        List<HeaderCheck> headers = new ArrayList<>();
        while (!c.atEol()) {
            Token h = c.next();
            if (!h.is("header")) {
                throw c.err(h, "header NAME [= VALUE | matches \"regex\"] or the end of the line (expect refused"
                        + " comes last)");
            }
            Token nt = c.peek();
            if (nt.kind() != Token.Kind.WORD && nt.kind() != Token.Kind.STRING) {
                throw c.err(nt, "a header name after \"header\"");
            }
            Template name = values.value(scope, "a header name");
            if (c.accept("=")) {
                headers.add(new HeaderCheck(name, values.value(scope, "the expected header value"), null));
            } else if (c.accept("matches")) {
                Token vt = c.peek();
                Template v = values.string(scope, "a regular expression in double quotes");
                if (v.isPlain()) {
                    c.regex(v.raw(), vt);
                }
                headers.add(new HeaderCheck(name, null, v));
            } else {
                headers.add(new HeaderCheck(name, null, null));
            }
        }
        return new Refusal(status, headers);
    }

    /**
     * The parts of a header written out in the file are checked now, by the rules the client applies
     * ({@link HttpSyntax}); what a {@code ${...}} stands for can only be checked when the step runs. A mock's
     * response and refusal headers are checked here too ({@code MockSteps}).
     */
    static void checkHeader(Cursor c, Template header, Token at) {
        String line = header.raw();
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).strip();
        try {
            if (!name.contains("${")) {
                HttpSyntax.checkHeaderName(name);
            }
            // each reference stands in as harmless text of its length, so an index still points into the line
            Matcher refs = REFERENCE.matcher(line.substring(colon + 1));
            StringBuilder literal = new StringBuilder();
            while (refs.find()) {
                refs.appendReplacement(literal, "x".repeat(refs.group().length()));
            }
            HttpSyntax.checkHeaderValue(name, refs.appendTail(literal).toString().strip());
        } catch (IllegalArgumentException e) {
            throw c.error(at, "expected a header HTTP/1.1 can carry but " + e.getMessage());
        }
    }

    /** A subprotocol written out in the file (a server's or a client's) is one token (RFC 6455 section 4.1). */
    static void checkSubprotocol(Cursor c, Token at, String subprotocol) {
        try {
            HttpSyntax.checkToken("subprotocol", subprotocol);
        } catch (IllegalArgumentException e) {
            throw c.error(at, "expected a subprotocol token but " + e.getMessage());
        }
    }

    /**
     * The parameters after {@code deflate}, up to the next option: none offers what browsers offer
     * ({@code client_max_window_bits}); otherwise exactly the ones written.
     */
    private DeflateOffer deflateOffer() {
        DeflateOffer offer = DeflateOffer.plain();
        boolean any = false;
        while (!c.atEol() && c.peek().kind() == Token.Kind.WORD && c.peek().text().matches("[a-z_]+(=.*)?")
                && c.peek().text().contains("_")) {
            Token p = c.next();
            String text = p.text();
            int eq = text.indexOf('=');
            String param = eq < 0 ? text : text.substring(0, eq);
            String value = eq < 0 ? null : text.substring(eq + 1);
            if (param.endsWith("_no_context_takeover") && value != null) {
                throw c.error(p, "expected " + param + " without a value but found " + p.describe());
            }
            switch (param) {
                case "server_no_context_takeover" -> offer = offer.withServerNoContextTakeover();
                case "client_no_context_takeover" -> offer = offer.withClientNoContextTakeover();
                case "server_max_window_bits" -> {
                    if (value == null) {
                        throw c.error(p, "expected server_max_window_bits=N (8-15) but found " + p.describe());
                    }
                    offer = offer.withServerMaxWindowBits(bits(p, value));
                }
                case "client_max_window_bits" -> offer = value == null ? offer.withClientMaxWindowBits()
                        : offer.withClientMaxWindowBits(bits(p, value));
                default -> throw c.err(p, "a permessage-deflate parameter (server_no_context_takeover,"
                        + " client_no_context_takeover, server_max_window_bits=N, client_max_window_bits[=N])");
            }
            any = true;
        }
        return any ? offer : DeflateOffer.standard();
    }

    private int bits(Token at, String value) {
        if (!value.matches("[89]|1[0-5]")) {
            throw c.error(at, "expected a window size of 8-15 bits (RFC 7692 section 7.1.2) but found " + at.describe());
        }
        return Integer.parseInt(value);
    }

    /** A secret header whose value is written out (not only ${...} references) must not reach reports. */
    private static boolean writesSecret(String header) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).strip();
        String literal = PlaceholderSyntax.parse(header.substring(colon + 1)).stream()
                .map(p -> p instanceof PlaceholderSyntax.Literal l ? l.text() : "").collect(Collectors.joining())
                .strip().replaceFirst("^[A-Za-z]{1,15}$", "");
        return Redactor.DEFAULT.isSecret(name) && !literal.isBlank();
    }

    private static String redacted(String header) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).strip();
        return name + ": " + Redactor.DEFAULT.redact(name, header.substring(colon + 1).strip());
    }

    /** The string token exactly as written in the source line, quotes included. */
    private String quotedSource(Token t) {
        String line = c.lineText(t.line());
        int start = t.column() - 1;
        int i = start + 1;
        while (i < line.length() && line.charAt(i) != '"') {
            i += line.charAt(i) == '\\' ? 2 : 1;
        }
        return line.substring(start, Math.min(line.length(), i + 1));
    }
}
