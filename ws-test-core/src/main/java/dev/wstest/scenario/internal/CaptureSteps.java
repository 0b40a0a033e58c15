package dev.wstest.scenario.internal;

import dev.wstest.assertions.JsonPath;
import dev.wstest.client.WsClient;
import dev.wstest.record.EventType;
import dev.wstest.record.FrameLogFormat;
import dev.wstest.record.WsEvent;
import dev.wstest.syntax.PlaceholderSyntax;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code capture [C] json $.path as NAME | capture [C] regex "re" as NAME}: a value of the message the last
 * expect on the connection matched, into a variable the following steps may use.
 */
final class CaptureSteps implements StepSyntax {

    private static final Set<String> WORDS = Set.of("json", "regex");

    private final Cursor c;
    private final Values values;

    CaptureSteps(Cursor c, Values values) {
        this.c = c;
        this.values = values;
    }

    /** The value at a JSONPath: a string without quotes, other JSON as JSON. */
    record Json(String conn, JsonPath path, String variable) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WsEvent message = lastMatched(ctx, conn, variable);
            String from = describe(message);
            Optional<String> found;
            try {
                found = path.valueIn(message.text());
            } catch (IllegalArgumentException notJson) {
                throw new AssertionError("Cannot capture " + variable + " with " + path + ": " + from
                        + " is not JSON.");
            }
            ctx.set(variable, found.orElseThrow(() -> new AssertionError("Cannot capture " + variable + ": "
                    + from + " has no " + path + ".")));
        }
    }

    /** The first group of a regular expression, or the whole match when it has none. */
    record Regex(String conn, Template regex, String variable) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WsEvent message = lastMatched(ctx, conn, variable);
            String text = message.type() == EventType.TEXT ? message.text()
                    : new String(message.payload(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile(ctx.render(regex)).matcher(text);
            if (!m.find()) {
                throw new AssertionError("Cannot capture " + variable + ": /" + ctx.render(regex) + "/ does not match "
                        + describe(message) + ".");
            }
            ctx.set(variable, m.groupCount() >= 1 ? String.valueOf(m.group(1)) : m.group());
        }
    }

    private static WsEvent lastMatched(RunContext ctx, String conn, String variable) {
        WsClient client = ctx.client(conn);
        long seq = client.cursor().messages();
        if (seq == 0) {
            throw new AssertionError("Cannot capture " + variable + " from " + client.describe()
                    + ":\nno message was matched by an expect step yet; capture reads the message the last"
                    + " expect matched.\n\nFrames since connect (ms after handshake):\n" + client.formatLog());
        }
        return client.log().get(seq);
    }

    private static String describe(WsEvent message) {
        return "the last matched message (+" + message.sinceOpen().toMillis() + ") " + FrameLogFormat.describe(message);
    }

    @Override
    public List<String> commands() {
        return List.of("capture");
    }

    @Override
    public ScenarioStep parse(Token first, Scope scope) {
        String conn = scope.connection(c, first, WORDS);
        Token kind = c.next();
        JsonPath path = null;
        Template regex = null;
        if (kind.is("json")) {
            Token pt = c.next();
            if (pt.kind() != Token.Kind.WORD) {
                throw c.err(pt, "a JSONPath like $.id after \"json\"");
            }
            path = c.jsonPath(pt);
        } else if (kind.is("regex")) {
            Token rt = c.peek();
            regex = values.string(scope, "a regular expression in double quotes");
            if (regex.isPlain()) {
                c.regex(regex.raw(), rt);
            }
        } else {
            throw c.err(kind, "\"json $.path\" or \"regex \\\"...\\\"\" after \"capture\"");
        }
        Token as = c.next();
        if (!as.is("as")) {
            throw c.err(as, "\"as\" and a variable name (capture ... as NAME)");
        }
        String name = c.variableName(c.next(), "a variable name (" + PlaceholderSyntax.NAME_RULE
                + ") after \"as\"");
        c.eol();
        scope.vars.add(name);
        return c.step(first, path != null ? new Json(conn, path, name) : new Regex(conn, regex, name));
    }
}
