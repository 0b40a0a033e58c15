package dev.wstest.assertions.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.syntax.DurationSyntax;
import java.time.Duration;
import org.apiguardian.api.API;

/** Durations in failure messages, written the way users write them (the one notation: 2s, 500ms, 1.5s, 2m). */
@API(status = INTERNAL, since = "0.1")
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        return DurationSyntax.format(d);
    }
}
