package dev.wstest.scenario.internal;

import dev.wstest.syntax.PlaceholderSyntax;
import java.util.List;

/** {@code var NAME = value}: a default, used only when nothing outside the file defines NAME. */
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
                ctx.set(name, ctx.render(value));
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
        Template value = values.value(scope, "a value after \"=\"");
        c.eol();
        scope.vars.add(name);
        return c.step(first, new Var(name, value));
    }
}
