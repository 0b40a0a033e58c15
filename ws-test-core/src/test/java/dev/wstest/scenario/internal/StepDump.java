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
            return "Server broadcast=" + s.broadcast() + " name=" + s.name() + " subprotocols=" + s.subprotocols();
        }
        if (action instanceof ConnectSteps.Connect s) {
            String trust = s.trustAll() ? "all" : s.trustFile() != null ? "file " + t(s.trustFile()) : "default";
            return "Connect url=" + t(s.url()) + " name=" + s.name() + " headers=" + ts(s.headers())
                    + " subprotocols=" + ts(s.subprotocols()) + " timeout=" + d(s.timeout()) + " trust=" + trust
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
        throw new IllegalArgumentException("no dump for " + action.getClass());
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
