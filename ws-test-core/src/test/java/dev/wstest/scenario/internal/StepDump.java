package dev.wstest.scenario.internal;

import dev.wstest.assertions.JsonPath;
import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioFile;
import dev.wstest.scenario.ScenarioSyntaxException;
import dev.wstest.scenario.Step;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
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
                step(sb, (AbstractStep) step, "  ");
            }
        }
        return sb.toString();
    }

    private static void step(StringBuilder sb, AbstractStep step, String indent) {
        sb.append(indent).append(step.location()).append(' ').append(escape(step.text())).append('\n');
        sb.append(indent).append("  ").append(fields(step)).append('\n');
        if (step instanceof Steps.RepeatStep) {
            for (AbstractStep inner : ((Steps.RepeatStep) step).body()) {
                step(sb, inner, indent + "    ");
            }
        }
    }

    private static String fields(AbstractStep step) {
        if (step instanceof Parser.VarStep s) {
            return "Var name=" + s.name + " value=" + t(s.value);
        }
        if (step instanceof Steps.ServerStep s) {
            return "Server broadcast=" + s.broadcast + " name=" + s.name + " subprotocols=" + s.subprotocols;
        }
        if (step instanceof Steps.ConnectStep s) {
            String trust = s.trustAll ? "all" : s.trustFile != null ? "file " + t(s.trustFile) : "default";
            return "Connect url=" + t(s.url) + " name=" + s.name + " headers=" + ts(s.headers) + " subprotocols="
                    + ts(s.subprotocols) + " timeout=" + d(s.timeout) + " trust=" + trust;
        }
        if (step instanceof Steps.SendStep s) {
            return "Send conn=" + s.conn + " binary=" + s.binary + " encoding=" + s.encoding + " frames=" + s.frames
                    + " parts=" + ts(s.parts);
        }
        if (step instanceof Steps.ControlStep s) {
            return "Control conn=" + s.conn + " ping=" + s.ping + " encoding=" + s.encoding + " payload="
                    + t(s.payload);
        }
        if (step instanceof Steps.CloseStep s) {
            return "Close conn=" + s.conn + " code=" + s.code + " reason=" + t(s.reason);
        }
        if (step instanceof Steps.ExpectMessageStep s) {
            return "ExpectMessage conn=" + s.conn + " next=" + s.next + " within=" + d(s.within) + " match="
                    + match(s);
        }
        if (step instanceof Steps.ExpectControlStep s) {
            return "ExpectControl conn=" + s.conn + " ping=" + s.ping + " encoding=" + s.encoding + " payload="
                    + t(s.payload) + " within=" + d(s.within);
        }
        if (step instanceof Steps.ExpectClosedStep s) {
            return "ExpectClosed conn=" + s.conn + " code=" + (s.code == null ? "-" : s.code) + " reason="
                    + t(s.reason) + " within=" + d(s.within);
        }
        if (step instanceof Steps.ExpectNothingStep s) {
            return "ExpectNothing conn=" + s.conn + " during=" + d(s.during);
        }
        if (step instanceof Steps.ExpectHandshakeStep s) {
            return "ExpectHandshake conn=" + s.conn + " check=" + s.check + " name=" + t(s.name) + " value="
                    + t(s.value) + " status=" + s.status;
        }
        if (step instanceof Steps.CaptureStep s) {
            return "Capture conn=" + s.conn + " json=" + (s.path == null ? "-" : s.path) + " regex=" + t(s.regex)
                    + " as=" + s.variable;
        }
        if (step instanceof Steps.RepeatStep s) {
            return "Repeat times=" + s.times + " as=" + (s.variable == null ? "-" : s.variable) + " steps="
                    + s.body.size();
        }
        if (step instanceof Steps.SleepStep s) {
            return "Sleep duration=" + d(s.duration);
        }
        throw new IllegalArgumentException("no dump for " + step.getClass());
    }

    /**
     * The kind of message expectation and its data. The kind is the word after "text"/"json" in the step as
     * written (the matcher is a lambda); the data is what the lambda captured.
     */
    private static String match(Steps.ExpectMessageStep s) {
        List<Object> captured = captured(s.matcher);
        Template value = one(captured, Template.class);
        List<Token> tokens = new Lexer("dump", s.text()).tokenize();
        int at = 1;
        while (!tokens.get(at).is("text") && !tokens.get(at).is("json") && !tokens.get(at).is("binary")) {
            at++;
        }
        Token word = tokens.get(at);
        Token after = tokens.get(at + 1);
        String kind;
        String data;
        if (word.is("binary")) {
            kind = "binary";
            data = one(captured, Steps.Encoding.class) + " " + t(value);
        } else if (word.is("text")) {
            kind = after.is("contains") ? "text-contains" : after.is("matches") ? "text-matches" : "text-equals";
            data = t(value);
        } else if (one(captured, JsonPath.class) != null) {
            kind = "json-at";
            data = one(captured, JsonPath.class) + " = " + t(value) + " quoted=" + one(captured, Boolean.class);
        } else {
            kind = after.is("contains") ? "json-contains" : "json-equals";
            data = t(value);
        }
        boolean direct = kind.equals("text-equals") || kind.equals("json-equals") || kind.equals("json-contains");
        if (direct != (s.direct != null)) {
            throw new IllegalStateException("unexpected assertion wiring for " + kind + " in " + s);
        }
        return kind + " " + data;
    }

    private static List<Object> captured(Object lambda) {
        List<Object> out = new ArrayList<>();
        for (Field f : lambda.getClass().getDeclaredFields()) {
            try {
                f.setAccessible(true);
                out.add(f.get(lambda));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static <T> T one(List<Object> values, Class<T> type) {
        List<T> found = values.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
        if (found.size() > 1) {
            throw new IllegalStateException("more than one " + type + " in " + values);
        }
        return found.isEmpty() ? null : found.get(0);
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
