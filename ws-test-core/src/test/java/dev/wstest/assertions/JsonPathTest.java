package dev.wstest.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The four path forms, the value a path names, and what is rejected (with the offset of the problem). */
@Timeout(10)
class JsonPathTest {

    static final String DOC = "{\"id\": \"u-42\", \"n\": 9.5, \"ok\": true, \"none\": null, \"a.b\": 1,"
            + " \"items\": [{\"price\": 1}, {\"price\": 2, \"tags\": [\"x\"]}], \"user\": {\"name\": \"ann\"}}";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        $.id                  | u-42
        $.n                   | 9.5
        $.ok                  | true
        $.none                | null
        $['a.b']              | 1
        $["user"].name        | ann
        $.items[0].price      | 1
        $.items[-1].tags      | ["x"]
        $.user                | {"name":"ann"}
        """)
    void valueIn(String path, String value) {
        assertThat(JsonPath.parse(path).valueIn(DOC)).contains(value);
    }

    @Test
    void theWholeDocument() {
        assertThat(JsonPath.parse("$").valueIn("[1, 2]")).contains("[1,2]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        $.missing
        $.items[5]
        $.items[-3]
        $.id.deeper
        $.user[0]
        $.items.price
        """)
    void noSuchValue(String path) {
        assertThat(JsonPath.parse(path).valueIn(DOC)).isEmpty();
    }

    @Test
    void notJsonIsAnArgumentError() {
        assertThatThrownBy(() -> JsonPath.parse("$.a").valueIn("{oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON: ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        id       | 0 | expected a JSONPath starting with "$" but found "id"
        $..a     | 2 | expected a field name after "." in the JSONPath but found "."
        $.a.     | 4 | expected a field name after "." in the JSONPath but found its end
        $.a[0    | 3 | expected "]" to close "[" in the JSONPath but found its end
        $.a[*]   | 4 | expected an index like [0] or a quoted name like ['id'] in the JSONPath but found "[*]" (wildcards and filters are not supported)
        $a       | 1 | expected "." or "[" in the JSONPath but found "a"
        """)
    void invalidPaths(String path, int offset, String message) {
        assertThatThrownBy(() -> JsonPath.parse(path))
                .isInstanceOfSatisfying(JsonPath.InvalidPathException.class,
                        e -> assertThat(e.offset()).isEqualTo(offset))
                .hasMessage(message);
    }

    @Test
    void equalByText() {
        assertThat(JsonPath.parse("$.a[0]")).isEqualTo(JsonPath.parse("$.a[0]")).hasToString("$.a[0]")
                .isNotEqualTo(JsonPath.parse("$.a[1]"));
    }
}
