package dev.wstest.scenario.internal;

import java.time.Duration;
import java.util.List;

/** {@code sleep D} (or {@code wait D}): a pause the scenario means. */
final class SleepSteps implements StepSyntax {

    private final Cursor c;

    SleepSteps(Cursor c) {
        this.c = c;
    }

    record Sleep(Duration duration) implements StepAction {
        @Override
        public void run(RunContext ctx) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    }

    @Override
    public List<String> commands() {
        return List.of("sleep", "wait");
    }

    @Override
    public ScenarioStep parse(Token first, Scope scope) {
        Duration d = c.duration(c.next(), "\"" + first.text() + "\"");
        c.eol();
        return c.step(first, new Sleep(d));
    }
}
