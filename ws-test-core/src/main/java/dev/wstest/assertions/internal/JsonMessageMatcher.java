package dev.wstest.assertions.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wstest.assertions.MessageMatcher;
import dev.wstest.record.EventType;
import dev.wstest.record.WsEvent;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A matcher on the JSON of text messages that can also say where a message differs from what it expects, so
 * a failure names the path and both values ({@code $.order.id: expected 7 but was 8}) and picks the message
 * with the fewest differences as the closest.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonMessageMatcher implements MessageMatcher {

    private final Supplier<String> describe;
    private volatile String description;
    private final Predicate<JsonNode> test;
    private final Function<JsonNode, Optional<JsonMatch.Difference>> explain;

    /**
     * @param describe builds the description the first time a failure asks for it (a passing assertion never
     *                 formats its expectation)
     * @param test     whether the message's JSON matches (the fast path, used while waiting)
     * @param explain  the message's JSON to its difference from the expectation, empty when it matches (used
     *                 only to write a failure)
     */
    public JsonMessageMatcher(Supplier<String> describe, Predicate<JsonNode> test,
                              Function<JsonNode, Optional<JsonMatch.Difference>> explain) {
        this.describe = describe;
        this.test = test;
        this.explain = explain;
    }

    @Override
    public boolean matches(WsEvent message) {
        return message.type() == EventType.TEXT
                && JsonMatch.parseActual(message.text()).map(test::test).orElse(false);
    }

    /** Where this message differs; empty when it matches, or when it is not a JSON text message at all. */
    public Optional<JsonMatch.Difference> difference(WsEvent message) {
        if (message.type() != EventType.TEXT) {
            return Optional.empty();
        }
        return JsonMatch.parseActual(message.text()).flatMap(explain);
    }

    @Override
    public String description() {
        String d = description;
        if (d == null) {
            d = describe.get();
            description = d;
        }
        return d;
    }

    @Override
    public String toString() {
        return description();
    }
}
