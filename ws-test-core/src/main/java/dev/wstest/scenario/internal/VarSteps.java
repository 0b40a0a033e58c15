package dev.wstest.scenario.internal;

import dev.wstest.record.Redactor;
import dev.wstest.syntax.PlaceholderSyntax;
import java.util.List;

/**
 * {@code var NAME = value}: a default, used only when nothing outside the file defines NAME. The value of a
 * variable whose name is secret ({@code TOKEN}, {@code API_KEY}, ...: the rule {@code --var} follows, {@link
 * Redactor#isSecret}) is a secret from the moment the file is loaded: no report, log or message shows it.
 */
final class VarSteps implements StepSyntax {

    private final Cursor c;
    private final Values values;

    VarSteps(Cursor c, Values values) {
        this.c = c;
        this.values = values;
    }

    record Var(String name, Template value) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            if (ctx.lookup(name) == null) {
                String v = ctx.render(value);
                Redactor.DEFAULT.noteVariable(name, v); // a value built from ${...} is known only now
                ctx.set(name, v);
            }
        }
    }

    @Override
    public List<String> commands() {
        return List.of("var");
    }

    @Override
    public ScenarioStep parse(Token first, Scope scope) {
        String name = c.variableName(c.next(), "a variable name (" + PlaceholderSyntax.NAME_RULE
                + ") after \"var\"");
        Token eq = c.next();
        if (!eq.is("=")) {
            throw c.err(eq, "\"=\" after the variable name (var " + name + " = value)");
        }
        Token valueToken = c.peek();
        Template value = values.value(scope, "a value after \"=\"");
        c.eol();
        scope.vars.add(name);
        Var var = new Var(name, value);
        if (!Redactor.DEFAULT.isSecret(name) || !writesOut(value)) {
            return c.step(first, var);
        }
        if (value.isPlain()) {
            Redactor.DEFAULT.noteVariable(name, value.raw());
        }
        // the step text too: a value shorter than the scrubber's minimum is hidden by the name alone
        String line = c.lineText(first.line());
        String text = line.substring(first.column() - 1, valueToken.column() - 1)
                + Redactor.DEFAULT.redact(name, value.raw());
        return new ScenarioStep(c.source(), first.line(), text, var);
    }

    /** Whether any part of the value is written out in the file (not only ${...} references and spaces). */
    private static boolean writesOut(Template value) {
        return !value.raw().replaceAll("\\$\\{[^}]*}", "").isBlank();
    }
}
