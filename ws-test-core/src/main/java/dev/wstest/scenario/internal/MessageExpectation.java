package dev.wstest.scenario.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wstest.assertions.JsonPath;
import dev.wstest.assertions.MessageMatcher;
import dev.wstest.assertions.WsClientAssert;

/**
 * What a message expectation matches, as data. {@link #matcher} is the one place that turns it into a
 * matcher, with the factories of the Java assertions ({@link MessageMatcher}), so a scenario and a Java test
 * that expect the same thing compare the same way.
 */
sealed interface MessageExpectation {

    /** The matcher, after substitution. */
    MessageMatcher matcher(RunContext ctx) throws Exception;

    /**
     * Waits for a matching message. Equality expectations use the assertion's own method, whose failure
     * marks the closest message and carries expected and actual for IDE diffs.
     */
    default void expect(WsClientAssert assertion, RunContext ctx) throws Exception {
        assertion.receives(matcher(ctx));
    }

    record TextEquals(Template text) implements MessageExpectation {
        @Override
        public MessageMatcher matcher(RunContext ctx) {
            return MessageMatcher.text(ctx.render(text));
        }

        @Override
        public void expect(WsClientAssert assertion, RunContext ctx) {
            assertion.receivesText(ctx.render(text));
        }
    }

    record TextContains(Template text) implements MessageExpectation {
        @Override
        public MessageMatcher matcher(RunContext ctx) {
            return MessageMatcher.textContaining(ctx.render(text));
        }
    }

    record TextMatches(Template regex) implements MessageExpectation {
        @Override
        public MessageMatcher matcher(RunContext ctx) {
            return MessageMatcher.textMatching(ctx.render(regex));
        }
    }

    record JsonEquals(Template json) implements MessageExpectation {
        @Override
        public MessageMatcher matcher(RunContext ctx) {
            return MessageMatcher.json(ctx.render(json));
        }

        @Override
        public void expect(WsClientAssert assertion, RunContext ctx) {
            assertion.receivesJson(ctx.render(json));
        }
    }

    record JsonContains(Template json) implements MessageExpectation {
        @Override
        public MessageMatcher matcher(RunContext ctx) {
            return MessageMatcher.jsonContaining(ctx.render(json));
        }

        @Override
        public void expect(WsClientAssert assertion, RunContext ctx) {
            assertion.receivesJsonContaining(ctx.render(json));
        }
    }

    /**
     * The value at a JSONPath. A value written in quotes is a JSON string; one written bare is JSON if it
     * reads as JSON after substitution ({@code ${n}} = {@code 42} is a number), else a string (also when it
     * substitutes to nothing: the empty string).
     */
    record JsonAt(JsonPath path, Template value, boolean quoted) implements MessageExpectation {
        @Override
        public MessageMatcher matcher(RunContext ctx) throws JsonProcessingException {
            return MessageMatcher.jsonAt(path.toString(), asJson(ctx.render(value)));
        }

        private String asJson(String rendered) throws JsonProcessingException {
            if (!quoted) {
                try {
                    JsonNode node = Values.json().readTree(rendered);
                    if (node != null && !node.isMissingNode()) {
                        return rendered;
                    }
                } catch (JsonProcessingException notJson) {
                    // a bare word: compared as a string
                }
            }
            return Values.json().writeValueAsString(rendered);
        }
    }

    record BinaryEquals(Payload payload) implements MessageExpectation {
        @Override
        public MessageMatcher matcher(RunContext ctx) throws Exception {
            return MessageMatcher.binary(payload.bytes(ctx));
        }
    }
}
