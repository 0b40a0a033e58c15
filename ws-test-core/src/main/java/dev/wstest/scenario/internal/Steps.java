package dev.wstest.scenario.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wstest.assertions.JsonPath;
import dev.wstest.assertions.MessageMatcher;
import dev.wstest.assertions.WebSocketAssertions;
import dev.wstest.assertions.WsClientAssert;
import dev.wstest.client.TlsTrust;
import dev.wstest.client.WsClient;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.WsEvent;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.WsServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The step kinds of the language. Each parses nothing; the {@link Parser} builds them. */
public final class Steps {

    static final ObjectMapper JSON = new ObjectMapper();

    private Steps() {
    }

    /** How a payload is written: text (UTF-8), hex or base64. */
    public enum Encoding {
        TEXT, HEX, BASE64, FILE
    }

    static byte[] bytes(RunContext ctx, Encoding encoding, Template value, Resources resources) throws Exception {
        String v = ctx.render(value);
        switch (encoding) {
            case HEX:
                return HexFormat.of().parseHex(v.replaceAll("[\\s:]", ""));
            case BASE64:
                return Base64.getDecoder().decode(v.strip());
            case FILE:
                return resources.read(v);
            default:
                return v.getBytes(StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------------------------------ server

    /** {@code server echo|broadcast [as NAME] [subprotocol P]...} */
    public static final class ServerStep extends AbstractStep {
        final boolean broadcast;
        final String name;
        final List<String> subprotocols;

        ServerStep(Pos pos, boolean broadcast, String name, List<String> subprotocols) {
            super(pos);
            this.broadcast = broadcast;
            this.name = name;
            this.subprotocols = subprotocols;
        }

        @Override
        public void run(RunContext ctx) {
            WsServer server = WsServer.builder().name(name)
                    .behaviour(broadcast ? ServerBehaviour.broadcast() : ServerBehaviour.echo())
                    .subprotocols(subprotocols.toArray(String[]::new))
                    .start();
            ctx.addServer(name, server);
            String url = server.uri().toString();
            ctx.set(name + ".url", url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            ctx.set(name + ".port", String.valueOf(server.port()));
        }
    }

    // ------------------------------------------------------------------------------------------ connect

    /** {@code connect URL [as NAME] [header "K: V"]... [subprotocol P]... [timeout D] [trust all|"file"]} */
    public static final class ConnectStep extends AbstractStep {
        final Template url;
        final String name;
        final List<Template> headers;
        final List<Template> subprotocols;
        final Duration timeout;
        final boolean trustAll;
        final Template trustFile;
        final Resources resources;

        ConnectStep(Pos pos, Template url, String name, List<Template> headers, List<Template> subprotocols,
                    Duration timeout, boolean trustAll, Template trustFile, Resources resources) {
            super(pos);
            this.url = url;
            this.name = name;
            this.headers = headers;
            this.subprotocols = subprotocols;
            this.timeout = timeout;
            this.trustAll = trustAll;
            this.trustFile = trustFile;
            this.resources = resources;
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

    // ------------------------------------------------------------------------------------------ send

    /** {@code send [C] text|json|binary|fragments ...} */
    public static final class SendStep extends AbstractStep {
        final String conn;
        final Encoding encoding;
        final boolean binary;
        final List<Template> parts;
        final int frames;
        final Resources resources;

        SendStep(Pos pos, String conn, boolean binary, Encoding encoding, List<Template> parts, int frames,
                 Resources resources) {
            super(pos);
            this.conn = conn;
            this.binary = binary;
            this.encoding = encoding;
            this.parts = parts;
            this.frames = frames;
            this.resources = resources;
        }

        @Override
        public void run(RunContext ctx) throws Exception {
            WsClient c = ctx.client(conn);
            if (binary) {
                List<byte[]> data = new ArrayList<>();
                for (Template t : parts) {
                    data.add(bytes(ctx, encoding, t, resources));
                }
                if (data.size() == 1) {
                    c.sendBinary(data.get(0));
                } else {
                    c.sendBinaryFragments(data);
                }
            } else if (parts.size() > 1) {
                List<String> texts = new ArrayList<>();
                for (Template t : parts) {
                    texts.add(ctx.render(t));
                }
                c.sendTextFragments(texts);
            } else if (frames > 1) {
                c.sendTextInFrames(ctx.render(parts.get(0)), frames);
            } else {
                c.sendText(ctx.render(parts.get(0)));
            }
        }
    }

    /** {@code ping|pong [C] [payload]} */
    public static final class ControlStep extends AbstractStep {
        final String conn;
        final boolean ping;
        final Encoding encoding;
        final Template payload;

        ControlStep(Pos pos, String conn, boolean ping, Encoding encoding, Template payload) {
            super(pos);
            this.conn = conn;
            this.ping = ping;
            this.encoding = encoding;
            this.payload = payload;
        }

        @Override
        public void run(RunContext ctx) throws Exception {
            byte[] data = payload == null ? new byte[0] : bytes(ctx, encoding, payload, null);
            if (ping) {
                ctx.client(conn).sendPing(data);
            } else {
                ctx.client(conn).sendPong(data);
            }
        }
    }

    /** {@code close [C] [CODE ["reason"]]} */
    public static final class CloseStep extends AbstractStep {
        final String conn;
        final int code;
        final Template reason;

        CloseStep(Pos pos, String conn, int code, Template reason) {
            super(pos);
            this.conn = conn;
            this.code = code;
            this.reason = reason;
        }

        @Override
        public void run(RunContext ctx) {
            ctx.client(conn).close(code, reason == null ? "" : ctx.render(reason));
        }
    }

    // ------------------------------------------------------------------------------------------ expect

    /** Builds the matcher of a message expectation when the step runs (after substitution). */
    interface MatcherFactory {
        MessageMatcher create(RunContext ctx) throws Exception;
    }

    /**
     * An assertion method to call instead of {@code receives(matcher)}, for expectations whose failure message
     * is richer that way (text and JSON equality mark the closest message and carry expected/actual).
     */
    interface DirectExpectation {
        void expect(WsClientAssert assertion, RunContext ctx) throws Exception;
    }

    /** {@code expect [C] [next] text|json|binary ... [within D]} */
    public static final class ExpectMessageStep extends AbstractStep {
        final String conn;
        final boolean next;
        final MatcherFactory matcher;
        final DirectExpectation direct;
        final Duration within;

        ExpectMessageStep(Pos pos, String conn, boolean next, MatcherFactory matcher, DirectExpectation direct,
                          Duration within) {
            super(pos);
            this.conn = conn;
            this.next = next;
            this.matcher = matcher;
            this.direct = direct;
            this.within = within;
        }

        @Override
        public void run(RunContext ctx) throws Exception {
            WsClientAssert a = WebSocketAssertions.assertThat(ctx.client(conn));
            if (within != null) {
                a.within(within);
            }
            if (next) {
                a.receivesNext(matcher.create(ctx));
            } else if (direct != null) {
                direct.expect(a, ctx);
            } else {
                a.receives(matcher.create(ctx));
            }
        }
    }

    /** {@code expect [C] ping|pong [payload] [within D]} */
    public static final class ExpectControlStep extends AbstractStep {
        final String conn;
        final boolean ping;
        final Encoding encoding;
        final Template payload;
        final Duration within;

        ExpectControlStep(Pos pos, String conn, boolean ping, Encoding encoding, Template payload, Duration within) {
            super(pos);
            this.conn = conn;
            this.ping = ping;
            this.encoding = encoding;
            this.payload = payload;
            this.within = within;
        }

        @Override
        public void run(RunContext ctx) throws Exception {
            WsClientAssert a = WebSocketAssertions.assertThat(ctx.client(conn));
            if (within != null) {
                a.within(within);
            }
            byte[] data = payload == null ? null : bytes(ctx, encoding, payload, null);
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

    /** {@code expect [C] closed [CODE ["reason"]] [within D]} */
    public static final class ExpectClosedStep extends AbstractStep {
        final String conn;
        final Integer code;
        final Template reason;
        final Duration within;

        ExpectClosedStep(Pos pos, String conn, Integer code, Template reason, Duration within) {
            super(pos);
            this.conn = conn;
            this.code = code;
            this.reason = reason;
            this.within = within;
        }

        @Override
        public void run(RunContext ctx) {
            WsClientAssert a = WebSocketAssertions.assertThat(ctx.client(conn));
            if (within != null) {
                a.within(within);
            }
            if (code == null) {
                a.isClosed();
            } else if (reason == null) {
                a.isClosedWith(code);
            } else {
                a.isClosedWith(code, ctx.render(reason));
            }
        }
    }

    /** {@code expect [C] nothing within D} */
    public static final class ExpectNothingStep extends AbstractStep {
        final String conn;
        final Duration during;

        ExpectNothingStep(Pos pos, String conn, Duration during) {
            super(pos);
            this.conn = conn;
            this.during = during;
        }

        @Override
        public void run(RunContext ctx) {
            WebSocketAssertions.assertThat(ctx.client(conn)).receivesNoMessageDuring(during);
        }
    }

    /** What a handshake expectation checks. */
    public enum HandshakeCheck {
        STATUS, HEADER_PRESENT, HEADER_EQUALS, HEADER_MATCHES, SUBPROTOCOL, NO_SUBPROTOCOL
    }

    /** {@code expect [C] handshake status N | handshake header NAME [= V | matches RE] | [no] subprotocol P} */
    public static final class ExpectHandshakeStep extends AbstractStep {
        final String conn;
        final HandshakeCheck check;
        final Template name;
        final Template value;
        final int status;

        ExpectHandshakeStep(Pos pos, String conn, HandshakeCheck check, Template name, Template value, int status) {
            super(pos);
            this.conn = conn;
            this.check = check;
            this.name = name;
            this.value = value;
            this.status = status;
        }

        @Override
        public void run(RunContext ctx) {
            WsClientAssert a = WebSocketAssertions.assertThat(ctx.client(conn));
            switch (check) {
                case STATUS:
                    a.hasHandshakeStatus(status);
                    break;
                case HEADER_PRESENT:
                    a.hasResponseHeader(ctx.render(name));
                    break;
                case HEADER_EQUALS:
                    a.hasResponseHeader(ctx.render(name), ctx.render(value));
                    break;
                case HEADER_MATCHES:
                    a.hasResponseHeaderMatching(ctx.render(name), ctx.render(value));
                    break;
                case SUBPROTOCOL:
                    a.hasSubprotocol(ctx.render(value));
                    break;
                default:
                    a.hasNoSubprotocol();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ capture

    /** {@code capture [C] json $.path as NAME | capture [C] regex "re" as NAME} */
    public static final class CaptureStep extends AbstractStep {
        final String conn;
        final JsonPath path;
        final Template regex;
        final String variable;

        CaptureStep(Pos pos, String conn, JsonPath path, Template regex, String variable) {
            super(pos);
            this.conn = conn;
            this.path = path;
            this.regex = regex;
            this.variable = variable;
        }

        @Override
        public void run(RunContext ctx) throws Exception {
            WsClient c = ctx.client(conn);
            long seq = c.cursor().messages();
            if (seq == 0) {
                throw new AssertionError("Cannot capture " + variable + " from " + c.describe()
                        + ":\nno message was matched by an expect step yet; capture reads the message the last"
                        + " expect matched.\n\nFrames since connect (ms after handshake):\n" + c.formatLog());
            }
            WsEvent message = c.log().get(seq);
            String from = "the last matched message (+" + message.sinceOpen().toMillis() + ") "
                    + FrameLogFormat.describe(message);
            if (path != null) {
                Optional<String> found;
                try {
                    found = path.valueIn(message.text());
                } catch (IllegalArgumentException notJson) {
                    throw new AssertionError("Cannot capture " + variable + " with " + path + ": " + from
                            + " is not JSON.");
                }
                if (found.isEmpty()) {
                    throw new AssertionError("Cannot capture " + variable + ": " + from + " has no " + path + ".");
                }
                ctx.set(variable, found.get());
            } else {
                String text = message.type() == EventType.TEXT ? message.text()
                        : new String(message.payload(), StandardCharsets.UTF_8);
                Matcher m = Pattern.compile(ctx.render(regex)).matcher(text);
                if (!m.find()) {
                    throw new AssertionError("Cannot capture " + variable + ": /" + ctx.render(regex)
                            + "/ does not match " + from + ".");
                }
                ctx.set(variable, m.groupCount() >= 1 ? String.valueOf(m.group(1)) : m.group());
            }
        }
    }

    // ------------------------------------------------------------------------------------------ flow

    /** {@code repeat N [as NAME]} ... {@code end}; the body's steps run N times, NAME counting from 1. */
    public static final class RepeatStep extends AbstractStep {
        final int times;
        final String variable;
        final List<AbstractStep> body;

        RepeatStep(Pos pos, int times, String variable, List<AbstractStep> body) {
            super(pos);
            this.times = times;
            this.variable = variable;
            this.body = body;
        }

        public List<AbstractStep> body() {
            return body;
        }

        public int times() {
            return times;
        }

        public String variable() {
            return variable;
        }

        @Override
        public void run(RunContext ctx) {
            throw new UnsupportedOperationException("the runner unrolls repeat blocks");
        }
    }

    /** {@code sleep D} (or {@code wait D}): a pause the scenario means. */
    public static final class SleepStep extends AbstractStep {
        final Duration duration;

        SleepStep(Pos pos, Duration duration) {
            super(pos);
            this.duration = duration;
        }

        @Override
        public void run(RunContext ctx) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
