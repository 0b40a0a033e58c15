package dev.wstest.scenario.internal;

import dev.wstest.client.WsClient;
import dev.wstest.protocol.DeflateOffer;
import dev.wstest.record.Redactor;
import dev.wstest.syntax.PlaceholderSyntax;
import dev.wstest.tls.TlsTrust;
import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code connect URL [as NAME] [header "K: V"]... [subprotocol P]... [timeout D] [trust all|"file"]
 * [deflate [PARAM]...]}: opens a connection (named {@code default} without {@code as}), which later steps
 * address by name or as the last one opened.
 */
final class ConnectSteps implements StepSyntax {

    private final Cursor c;
    private final Values values;
    private final Resources resources;

    ConnectSteps(Cursor c, Values values, Resources resources) {
        this.c = c;
        this.values = values;
        this.resources = resources;
    }

    /**
     * @param timeout   the handshake timeout, or null for the client's default
     * @param trustFile PEM certificates to trust (relative to the scenario), or null
     * @param deflate   the permessage-deflate offer, or null to offer none
     */
    record Connect(Template url, String name, List<Template> headers, List<Template> subprotocols, Duration timeout,
                   boolean trustAll, Template trustFile, DeflateOffer deflate, Resources resources)
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
            }
            ctx.addClient(name, b.connect());
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
                headers.add(t);
                if (writesSecret(h.text())) {
                    secretHeaders.add(h);
                }
            } else if (opt.is("subprotocol")) {
                subprotocols.add(values.value(scope, "a subprotocol name after \"subprotocol\""));
            } else if (opt.is("timeout")) {
                timeout = c.duration(c.next(), "\"timeout\"");
            } else if (opt.is("trust")) {
                Token t = c.peek();
                if (t.is("all")) {
                    c.skip();
                    trustAll = true;
                } else if (t.kind() == Token.Kind.STRING) {
                    trustFile = values.value(scope, "a certificate file");
                } else {
                    throw c.err(t, "\"all\" or a PEM certificate file in double quotes after \"trust\"");
                }
            } else if (opt.is("deflate")) {
                deflate = deflateOffer();
            } else {
                throw c.err(opt, "a connect option (as NAME, header \"K: V\", subprotocol P, timeout D, trust all,"
                        + " trust \"cert.pem\", deflate) or the end of the line");
            }
        }
        c.eol();
        scope.opened(name, named);
        String text = c.textFrom(first);
        for (Token h : secretHeaders) {
            text = text.replace(quotedSource(h), "\"" + redacted(h.text()) + "\"");
        }
        return new ScenarioStep(c.source(), first.line(), text,
                new Connect(url, name, headers, subprotocols, timeout, trustAll, trustFile, deflate, resources));
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
