package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioSyntaxException;
import dev.wstest.syntax.SizeSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Parses a scenario file into steps and checks, before anything runs, that every {@code ${variable}} and
 * every connection a step names is defined by then. Errors are {@link ScenarioSyntaxException}s naming
 * file:line:column, what was expected and what was found.
 *
 * <p>This class reads the file's structure (scenarios, setup, include, repeat blocks); each step is read by
 * the {@link StepSyntax} of its command's family.
 */
@API(status = INTERNAL, since = "0.1")
public final class Parser {

    /**
     * How deep {@code repeat} blocks may nest. Reading and running a block recurses, so without a bound a
     * file of a few thousand nested blocks overflows the stack; a person writes two or three.
     */
    static final int MAX_REPEAT_DEPTH = 50;

    /** How deep includes may nest (a file that includes a file that includes ...). */
    static final int MAX_INCLUDE_DEPTH = 20;

    /** Every command, in the order error messages list them. */
    static final List<String> COMMANDS = List.of("scenario", "setup", "var", "include", "server", "connect",
            "send", "ping", "pong", "close", "expect", "capture", "repeat", "end", "sleep", "wait");

    private final String source;
    private final String text;
    private final Resources resources;
    private final Set<String> external;
    private final Set<String> includeChain;

    private Cursor c;
    private final Map<String, StepSyntax> families = new HashMap<>();
    private int repeatDepth;

    public Parser(String source, String text, Resources resources, Set<String> externalNames) {
        this(source, text, resources, externalNames, new LinkedHashSet<>());
    }

    private Parser(String source, String text, Resources resources, Set<String> externalNames,
                   Set<String> includeChain) {
        this.source = source;
        this.text = text;
        this.resources = resources;
        this.external = externalNames;
        this.includeChain = includeChain;
        includeChain.add(source);
    }

    /** A parsed file: shared steps and scope, and the scenarios (setup steps included). */
    public record Result(List<ScenarioStep> setup, Scope setupScope, List<Scenario> scenarios) {
    }

    private void start() {
        c = new Cursor(source, new Lexer(source, text));
        Values values = new Values(c, external, resources);
        ExpectSteps expect = new ExpectSteps(c, values);
        MockSteps mocks = new MockSteps(c, values, expect, resources);
        expect.mocks(mocks);
        for (StepSyntax family : List.of(new VarSteps(c, values), new ServerSteps(c, mocks),
                new ConnectSteps(c, values, resources), new SendSteps(c, values), expect,
                new CaptureSteps(c, values), new SleepSteps(c))) {
            for (String command : family.commands()) {
                families.put(command, family);
            }
        }
    }

    public Result parse() {
        start();
        List<ScenarioStep> setup = new ArrayList<>();
        Scope setupScope = new Scope();
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ScenarioStep> current = null;
        Scope scope = setupScope;
        String currentName = null;
        int currentLine = 0;
        boolean inSetup = false;

        while (c.peek().kind() != Token.Kind.EOF) {
            Token t = c.peek();
            if (t.kind() == Token.Kind.EOL) {
                c.skip();
                continue;
            }
            if (t.is("scenario")) {
                c.skip();
                Token name = c.next();
                if (name.kind() != Token.Kind.STRING || name.text().isBlank()) {
                    throw c.err(name, "a scenario name in double quotes, like scenario \"login works\"");
                }
                c.eol();
                if (!names.add(name.text())) {
                    throw c.error(name, "expected a scenario name not used before in this file but found "
                            + name.describe() + " a second time");
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
                c.skip();
                c.eol();
                if (current != null || inSetup) {
                    throw c.error(t, "expected \"setup\" once, before the first scenario, but found it "
                            + (current != null ? "after a scenario" : "a second time"));
                }
                inSetup = true;
                continue;
            }
            if (t.is("include")) {
                if (current != null) {
                    throw c.error(t, "expected \"include\" before the first scenario but found it inside scenario \""
                            + currentName + "\"");
                }
                include(setup, setupScope);
                continue;
            }
            if (t.is("end")) {
                throw c.error(t, "expected a step but found \"end\" without a \"repeat\" to close");
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

    private Scenario scenario(String name, int line, List<ScenarioStep> setup, List<ScenarioStep> own) {
        List<ScenarioStep> all = new ArrayList<>(setup);
        all.addAll(own);
        return new Scenario(name, source, line, all);
    }

    private void include(List<ScenarioStep> setup, Scope scope) {
        Token kw = c.next();
        Token file = c.next();
        if (file.kind() != Token.Kind.STRING) {
            throw c.err(file, "a file name in double quotes after \"include\"");
        }
        c.eol();
        String name = resources.sourceName(file.text());
        if (includeChain.contains(name)) {
            throw c.error(file, "expected an include that does not lead back to an including file but found a"
                    + " cycle: " + String.join(" -> ", includeChain) + " -> " + name);
        }
        if (includeChain.size() >= MAX_INCLUDE_DEPTH) {
            throw c.error(file, "expected includes nested at most " + MAX_INCLUDE_DEPTH + " deep but found one more"
                    + " inside " + String.join(" -> ", includeChain));
        }
        String included;
        try {
            included = new String(resources.read(file.text(), Resources.MAX_SCENARIO_BYTES), StandardCharsets.UTF_8);
        } catch (Resources.UnsuitableFile e) {
            throw c.error(file, "expected a scenario file of at most " + SizeSyntax.format(Resources.MAX_SCENARIO_BYTES)
                    + " to include but found " + e.getMessage() + " at " + resources.describe(file.text()));
        } catch (IOException e) {
            throw c.error(file, "expected a readable file to include but found none at "
                    + resources.describe(file.text()) + " (" + e.getMessage() + ")");
        }
        Set<String> chain = new LinkedHashSet<>(includeChain);
        Result inner = new Parser(name, included, resources.relativeTo(file.text()), external, chain).parse();
        if (!inner.scenarios().isEmpty() && inner.setup().isEmpty()) {
            throw c.error(kw, "expected the included file " + name + " to hold shared steps (var lines or a setup"
                    + " block) but found only scenarios");
        }
        setup.addAll(inner.setup());
        scope.vars.addAll(inner.setupScope().vars);
        scope.connections.addAll(inner.setupScope().connections);
        scope.servers.putAll(inner.setupScope().servers);
    }

    // ================================================================================= statements

    private ScenarioStep statement(Scope scope) {
        Token first = c.peek();
        if (first.kind() != Token.Kind.WORD) {
            throw c.err(first, "a command (" + String.join(", ", COMMANDS) + ")");
        }
        if (first.is("repeat")) {
            c.skip();
            return repeat(scope, first);
        }
        StepSyntax family = families.get(first.text());
        if (family == null) {
            throw c.err(first, "a command (" + String.join(", ", COMMANDS) + ")" + suggest(first.text()));
        }
        c.skip();
        return family.parse(first, scope);
    }

    private static String suggest(String word) {
        for (String command : COMMANDS) {
            if (distance(command, word.toLowerCase(Locale.ROOT)) <= 2 && word.length() > 2) {
                return "; did you mean \"" + command + "\"?";
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

    private ScenarioStep repeat(Scope scope, Token first) {
        if (repeatDepth == MAX_REPEAT_DEPTH) {
            throw c.error(first, "expected repeat blocks nested at most " + MAX_REPEAT_DEPTH + " deep but found one"
                    + " more inside them");
        }
        repeatDepth++;
        try {
            return repeatBlock(scope, first);
        } finally {
            repeatDepth--;
        }
    }

    private ScenarioStep repeatBlock(Scope scope, Token first) {
        int times = c.positive(c.next(), "how many times to repeat, like repeat 3", 1_000_000);
        String var = null;
        if (c.accept("as")) {
            var = c.variableName(c.next(), "a variable name for the counter after \"as\"");
        }
        c.eol();
        String stepText = c.textFrom(first);
        if (var != null) {
            scope.vars.add(var);
        }
        List<ScenarioStep> body = new ArrayList<>();
        while (!c.atBlockEnd(first, "repeat")) {
            Token t = c.peek();
            if (t.is("include")) {
                throw c.error(t, "expected a step inside repeat but found \"include\"");
            }
            body.add(statement(scope));
        }
        return new ScenarioStep(source, first.line(), stepText, new Repeat(times, var, body));
    }
}
