package dev.wstest.assertions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The matching verdict and the explained differences come from one walk, so they never disagree. */
@Timeout(30)
class JsonMatchTest {

    static final List<String[]> PAIRS = List.of(
            new String[] {"1", "1.0"}, new String[] {"1", "2"}, new String[] {"\"1\"", "1"},
            new String[] {"{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}"}, new String[] {"{\"a\":1}", "{\"a\":1,\"b\":2}"},
            new String[] {"{\"a\":1,\"b\":2}", "{\"a\":1}"}, new String[] {"[1,2]", "[1,2,3]"},
            new String[] {"[{\"a\":1}]", "[{\"a\":1,\"z\":0}]"}, new String[] {"{\"a\":{\"b\":[1,{\"c\":null}]}}",
                    "{\"a\":{\"b\":[1,{\"c\":null}]}}"}, new String[] {"{\"a\":{\"b\":[1,{\"c\":null}]}}",
                    "{\"a\":{\"b\":[1,{\"c\":false}]}}"}, new String[] {"null", "{}"}, new String[] {"true", "true"});

    @Test
    @DisplayName("equal() and contains() agree with compare() finding no difference, for every pair")
    void verdictsAgree() {
        for (String[] pair : PAIRS) {
            JsonNode expected = JsonMatch.parseExpected(pair[0]);
            JsonNode actual = JsonMatch.parseExpected(pair[1]);
            assertThat(JsonMatch.compare(expected, actual, JsonMatch.Mode.EQUAL, "$").isEmpty())
                    .as("equal %s / %s", pair[0], pair[1]).isEqualTo(JsonMatch.equal(expected, actual));
            assertThat(JsonMatch.compare(expected, actual, JsonMatch.Mode.CONTAINS, "$").isEmpty())
                    .as("contains %s / %s", pair[0], pair[1]).isEqualTo(JsonMatch.contains(actual, expected));
        }
    }

    @Test
    @DisplayName("differences are counted and the first is named with its path")
    void differencesCounted() {
        JsonMatch.Difference d = JsonMatch.compare(JsonMatch.parseExpected("{\"a\":1,\"b\":{\"c\":[1,2]},\"d\":4}"),
                JsonMatch.parseExpected("{\"a\":2,\"b\":{\"c\":[1,3]},\"e\":5}"), JsonMatch.Mode.EQUAL, "$")
                .orElseThrow();
        assertThat(d.first()).isEqualTo("$.a: expected 1 but was 2");
        assertThat(d.count()).isEqualTo(4);   // a, b.c[1], d missing, e unexpected
        assertThat(JsonMatch.contains(JsonMatch.parseExpected("{\"a\":1,\"x\":[{\"y\":1,\"z\":2}]}"),
                JsonMatch.parseExpected("{\"x\":[{\"y\":1}]}"))).isTrue();
    }
}
