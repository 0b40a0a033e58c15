package dev.wstest.assertions.internal;

import dev.wstest.syntax.DurationSyntax;
import java.time.Duration;

/** Durations in failure messages, written the way users write them (the one notation: 2s, 500ms, 1.5s, 2m). */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        return DurationSyntax.format(d);
    }
}
