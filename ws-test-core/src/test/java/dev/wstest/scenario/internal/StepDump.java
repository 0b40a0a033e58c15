package dev.wstest.scenario.internal;

import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioFile;
import dev.wstest.scenario.ScenarioSyntaxException;
import dev.wstest.scenario.Step;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A canonical text of what a scenario file parses to: every scenario, every step with its position and
 * text, and every field a step carries (templates with their raw text and position, matcher kind and data,
 * timeouts, headers, subprotocols, captures, repeat bodies). The golden tests compare it line by line, so a
 * step that parses differently after a change shows as a changed line.
 */
public final class StepDump {

    private StepDump() {
    }

    /** The dump of a loaded file, or "error: " and the full message of the syntax error it raised. */
    public static String outcome(Supplier<ScenarioFile> load) {
        try {
            return dump(load.get());
        } catch (ScenarioSyntaxException e) {
            return "error: " + e.getMessage() + "\n";
        }
    }

    public static String dump(ScenarioFile file) {
        StringBuilder sb = new StringBuilder();
        for (Scenario s : file.scenarios()) {
            sb.append("scenario ").append(quote(s.name())).append(' ').append(s.source()).append(':')
                    .append(s.line()).append('\n');
            for (Step step : s.steps()) {
                step(sb, (ScenarioStep) step, "  ");
            }
        }
        return sb.toString();
    }

    private static void step(StringBuilder sb, ScenarioStep step, String indent) {
        sb.append(indent).append(step.location()).append(' ').append(escape(step.text())).append('\n');
        sb.append(indent).append("  ").append(fields(step.action())).append('\n');
        if (step.action() instanceof Repeat r) {
            for (ScenarioStep inner : r.body()) {
                step(sb, inner, indent + "    ");
            }
        }
    }

    private static String fields(StepAction action) {
        if (action instanceof VarSteps.Var s) {
            return "Var name=" + s.name() + " value=" + t(s.value());
        }
        if (action instanceof ServerSteps.Server s) {
            return "Server broadcast=" + s.broadcast() + " name=" + s.name() + " subprotocols=" + s.subprotocols()
                    + (s.tls() ? " tls" : "")
                    + (s.maxMessageBytes() == null ? "" : " max-message-size=" + s.maxMessageBytes())
                    + (s.sendTimeout() == null ? "" : " send-timeout=" + d(s.sendTimeout()))
                    + (s.lenient() ? " lenient" : "");
        }
        if (action instanceof ConnectSteps.Connect s) {
            String trust = s.trustAll() ? "all" : s.trustFile() != null ? "file " + t(s.trustFile())
                    : s.trustServer() != null ? "server " + s.trustServer() : "default";
            return "Connect url=" + t(s.url()) + " name=" + s.name() + " headers=" + ts(s.headers())
                    + " subprotocols=" + ts(s.subprotocols()) + " timeout=" + d(s.timeout()) + " trust=" + trust
                    + (s.clientCertificate() ? " client-certificate" : "")
                    + (s.refusal() == null ? "" : " refused=" + (s.refusal().status() == null ? "any"
                    : s.refusal().status()) + s.refusal().headers().stream().map(h -> " header " + t(h.name())
                    + (h.value() != null ? " = " + t(h.value()) : h.regex() != null ? " matches " + t(h.regex()) : ""))
                    .collect(Collectors.joining()))
                    + (s.maxMessageBytes() == null ? "" : " max-message-size=" + s.maxMessageBytes())
                    + (s.lenient() ? " lenient" : "")
                    + (s.deflate() == null ? "" : " deflate=\"" + s.deflate().headerValue() + "\"");
        }
        if (action instanceof SendSteps.Text s) {
            return send(s.conn(), false, Payload.Encoding.TEXT, s.frames(), List.of(s.text()));
        }
        if (action instanceof SendSteps.Fragments s) {
            return send(s.conn(), false, Payload.Encoding.TEXT, 1, s.parts());
        }
        if (action instanceof SendSteps.Binary s) {
            return send(s.conn(), true, s.parts().get(0).encoding(), 1,
                    s.parts().stream().map(Payload::value).toList());
        }
        if (action instanceof SendSteps.Control s) {
            return "Control conn=" + s.conn() + " ping=" + s.ping() + " " + payload(s.payload());
        }
        if (action instanceof SendSteps.Close s) {
            return "Close conn=" + s.conn() + " code=" + s.code() + " reason=" + t(s.reason());
        }
        if (action instanceof ExpectSteps.Message s) {
            return "ExpectMessage conn=" + s.conn() + " next=" + s.next() + " within=" + d(s.within()) + " match="
                    + match(s.expected());
        }
        if (action instanceof ExpectSteps.Control s) {
            return "ExpectControl conn=" + s.conn() + " ping=" + s.ping() + " " + payload(s.payload()) + " within="
                    + d(s.within());
        }
        if (action instanceof ExpectSteps.Closed s) {
            return "ExpectClosed conn=" + s.conn() + " code=" + (s.code() == null ? "-" : s.code()) + " reason="
                    + t(s.reason()) + " within=" + d(s.within());
        }
        if (action instanceof ExpectSteps.ClosedHow s) {
            return "ExpectClosed conn=" + s.conn() + " " + s.ending() + " within=" + d(s.within());
        }
        if (action instanceof ExpectSteps.NoViolations s) {
            return "ExpectNoViolations conn=" + s.conn();
        }
        if (action instanceof ExpectSteps.Nothing s) {
            return "ExpectNothing conn=" + s.conn() + " during=" + d(s.during());
        }
        if (action instanceof ExpectSteps.HandshakeStatus s) {
            return handshake(s.conn(), "STATUS", null, null, s.status());
        }
        if (action instanceof ExpectSteps.Extension s) {
            return "ExpectExtension conn=" + s.conn() + " name=" + s.name() + " params=" + s.params();
        }
        if (action instanceof ExpectSteps.HeaderPresent s) {
            return handshake(s.conn(), "HEADER_PRESENT", s.name(), null, 0);
        }
        if (action instanceof ExpectSteps.HeaderEquals s) {
            return handshake(s.conn(), "HEADER_EQUALS", s.name(), s.value(), 0);
        }
        if (action instanceof ExpectSteps.HeaderMatches s) {
            return handshake(s.conn(), "HEADER_MATCHES", s.name(), s.regex(), 0);
        }
        if (action instanceof ExpectSteps.Subprotocol s) {
            return handshake(s.conn(), "SUBPROTOCOL", null, s.value(), 0);
        }
        if (action instanceof ExpectSteps.NoSubprotocol s) {
            return handshake(s.conn(), "NO_SUBPROTOCOL", null, null, 0);
        }
        if (action instanceof CaptureSteps.Json s) {
            return "Capture conn=" + s.conn() + " json=" + s.path() + " regex=- as=" + s.variable();
        }
        if (action instanceof CaptureSteps.Regex s) {
            return "Capture conn=" + s.conn() + " json=- regex=" + t(s.regex()) + " as=" + s.variable();
        }
        if (action instanceof Repeat s) {
            return "Repeat times=" + s.times() + " as=" + (s.variable() == null ? "-" : s.variable()) + " steps="
                    + s.body().size();
        }
        if (action instanceof SleepSteps.Sleep s) {
            return "Sleep duration=" + d(s.duration());
        }
        if (action instanceof MockSteps.Mock s) {
            StringBuilder sb = new StringBuilder("Mock name=" + s.name() + " tls=" + s.tls() + " client-certificate="
                    + s.clientCertificate() + " lenient=" + s.lenient() + " lines=" + s.lines().size());
            for (MockSteps.Line l : s.lines()) {
                sb.append("\n      ").append(line(l));
            }
            return sb.toString();
        }
        if (action instanceof MockSteps.Received s) {
            return "ExpectReceived server=" + s.server() + " connection=" + (s.connection() == 0 ? "latest"
                    : s.connection()) + " " + check(s.check());
        }
        throw new IllegalArgumentException("no dump for " + action.getClass());
    }

    private static String line(MockSteps.Line l) {
        if (l instanceof MockSteps.RequireHeader r) {
            return "RequireHeader " + t(r.header()) + " value=" + t(r.value()) + " else=" + answer(r.otherwise());
        }
        if (l instanceof MockSteps.Refuse r) {
            return "Refuse first=" + r.first() + " " + answer(r.answer());
        }
        if (l instanceof MockSteps.Subprotocols s) {
            return "Subprotocols " + ts(s.names());
        }
        if (l instanceof MockSteps.ResponseHeader h) {
            return "ResponseHeader " + t(h.header());
        }
        if (l instanceof MockSteps.Unmatched u) {
            return "Unmatched " + u.policy();
        }
        if (l instanceof MockSteps.Policy p) {
            return "Policy " + p.kind() + " " + d(p.duration());
        }
        if (l instanceof MockSteps.Replay r) {
            return "Replay " + t(r.file());
        }
        MockSteps.Stub s = (MockSteps.Stub) l;
        String trigger = s.trigger() instanceof MockSteps.OnConnect ? "connect"
                : s.trigger() instanceof MockSteps.AfterMessages a ? "after " + a.count() + " messages"
                : ((MockSteps.OnMessage) s.trigger()).expected() == null ? "any message"
                : match(((MockSteps.OnMessage) s.trigger()).expected());
        return "Stub line=" + s.line() + " on " + trigger + " -> " + s.replies().stream().map(StepDump::reply)
                .collect(Collectors.joining(" then "));
    }

    private static String reply(MockSteps.Reply r) {
        if (r instanceof MockSteps.SendText t) {
            return "send-text " + t(t.text()) + " fragments=" + t.fragments();
        }
        if (r instanceof MockSteps.SendBinary b) {
            return "send-binary " + b.payload().encoding() + " " + t(b.payload().value());
        }
        if (r instanceof MockSteps.SendPing p) {
            return "send-ping " + payload(p.payload());
        }
        if (r instanceof MockSteps.Every e) {
            return "every " + d(e.period()) + " " + t(e.text()) + " times=" + e.times();
        }
        if (r instanceof MockSteps.Pause p) {
            return "pause " + d(p.duration());
        }
        if (r instanceof MockSteps.Close c) {
            return "close " + c.code() + " " + t(c.reason());
        }
        if (r instanceof MockSteps.Drop) {
            return "drop";
        }
        return "fault " + ((MockSteps.Fault) r).kind().word();
    }

    private static String answer(MockSteps.Answer a) {
        return a == null ? "-" : a.status() + " headers=" + ts(a.headers()) + " body=" + t(a.body());
    }

    private static String check(MockSteps.Check c) {
        if (c instanceof MockSteps.ReceivesMessage m) {
            return "message next=" + m.next() + " within=" + d(m.within()) + " match=" + match(m.expected());
        }
        if (c instanceof MockSteps.ReceivesControl k) {
            return "control ping=" + k.ping() + " " + payload(k.payload()) + " within=" + d(k.within());
        }
        if (c instanceof MockSteps.ReceivesClose k) {
            return "close code=" + (k.code() == null ? "-" : k.code()) + " within=" + d(k.within());
        }
        if (c instanceof MockSteps.ReceivesNothing n) {
            return "nothing during=" + d(n.during());
        }
        if (c instanceof MockSteps.ReceivesHeader h) {
            return "header " + t(h.name()) + " value=" + t(h.value()) + " regex=" + t(h.regex());
        }
        MockSteps.ReceivesConnections n = (MockSteps.ReceivesConnections) c;
        return "connections count=" + n.count() + " within=" + d(n.within());
    }

    private static String send(String conn, boolean binary, Payload.Encoding encoding, int frames,
                               List<Template> parts) {
        return "Send conn=" + conn + " binary=" + binary + " encoding=" + encoding + " frames=" + frames + " parts="
                + ts(parts);
    }

    /** A control payload: none is "encoding=TEXT payload=-", as the steps held it before they were records. */
    private static String payload(Payload p) {
        return "encoding=" + (p == null ? Payload.Encoding.TEXT : p.encoding()) + " payload="
                + t(p == null ? null : p.value());
    }

    private static String handshake(String conn, String check, Template name, Template value, int status) {
        return "ExpectHandshake conn=" + conn + " check=" + check + " name=" + t(name) + " value=" + t(value)
                + " status=" + status;
    }

    /** The kind of message expectation and its data. */
    private static String match(MessageExpectation e) {
        if (e instanceof MessageExpectation.TextEquals m) {
            return "text-equals " + t(m.text());
        }
        if (e instanceof MessageExpectation.TextContains m) {
            return "text-contains " + t(m.text());
        }
        if (e instanceof MessageExpectation.TextMatches m) {
            return "text-matches " + t(m.regex());
        }
        if (e instanceof MessageExpectation.JsonEquals m) {
            return "json-equals " + t(m.json());
        }
        if (e instanceof MessageExpectation.JsonContains m) {
            return "json-contains " + t(m.json());
        }
        if (e instanceof MessageExpectation.JsonAt m) {
            return "json-at " + m.path() + " = " + t(m.value()) + " quoted=" + m.quoted();
        }
        if (e instanceof MessageExpectation.BinaryEquals m) {
            return "binary " + m.payload().encoding() + " " + t(m.payload().value());
        }
        throw new IllegalArgumentException("no dump for " + e.getClass());
    }

    private static String d(Duration d) {
        return d == null ? "-" : d.toMillis() + "ms";
    }

    private static String ts(List<Template> templates) {
        return templates.stream().map(StepDump::t).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A template: its raw text (a literal "$" from an escape shown as \$) and where it was written. */
    private static String t(Template t) {
        if (t == null) {
            return "-";
        }
        return quote(rawOf(t)) + "@" + t.line() + ":" + t.column();
    }

    private static String rawOf(Template t) {
        try {
            Field f = Template.class.getDeclaredField("raw");
            f.setAccessible(true);
            return (String) f.get(t);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return "\"" + escape(s).replace("\"", "\\\"") + "\"";
    }

    /** Backslash escapes for \ and control characters; the literal-dollar marker shows as \$. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case Template.LITERAL_DOLLAR -> sb.append("\\$");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\uFEFF' || Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
