package dev.wstest.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.syntax.PlaceholderSyntax.Literal;
import dev.wstest.syntax.PlaceholderSyntax.Part;
import dev.wstest.syntax.PlaceholderSyntax.Placeholder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one placeholder notation: every accepted form, every refused one with its message, and resolving. */
@Timeout(10)
class PlaceholderSyntaxTest {

    private static final Map<String, String> VALUES = Map.of("TOKEN", "t0ken", "server.url", "ws://h:1",
            "api-key", "k", "_x1", "x", "EMPTY", "");

    private static String resolve(String text) {
        return PlaceholderSyntax.resolve(PlaceholderSyntax.parse(text), n -> Optional.ofNullable(VALUES.get(n)),
                p -> new IllegalStateException("unknown " + p.name()), (name, value) -> { });
    }

    @ParameterizedTest(name = "[{0}] is [{1}]")
    @CsvSource(delimiter = '|', value = {
        "plain text                 | plain text",
        "''                         | ''",
        "${TOKEN}                   | t0ken",
        "Bearer ${TOKEN}!           | Bearer t0ken!",
        "${server.url}/chat         | ws://h:1/chat",
        "${api-key}${_x1}           | kx",
        "${ TOKEN }                 | t0ken",
        "${EMPTY}                   | ''",
        "${MISSING:-dev}            | dev",
        "${MISSING:-}               | ''",
        "${TOKEN:-dev}              | t0ken",
        "${MISSING:-ws://h:2/a?b=c} | ws://h:2/a?b=c",
        "${MISSING:-a:-b}           | a:-b",
        "${MISSING:- spaced }       | ' spaced '",
        "$${TOKEN}                  | ${TOKEN}",
        "$$${TOKEN}                 | $${TOKEN}",
        "cost $5 and $$ and $       | cost $5 and $$ and $",
        "{\"a\":\"${TOKEN}\"}       | {\"a\":\"t0ken\"}",
        "}${TOKEN}}                 | }t0ken}",
    })
    void accepts(String text, String resolved) {
        assertThat(resolve(text)).isEqualTo(resolved);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "x ${TOKEN          | 2 | expected \"}\" to close the placeholder but found \"${TOKEN\": write ${NAME} or"
                + " ${NAME:-default}, or $${ for a literal ${",
        "${}                | 0 | expected a name in ${} (a letter or _, then letters, digits, _, . or -) but found"
                + " nothing",
        "${  }              | 0 | expected a name in ${} (a letter or _, then letters, digits, _, . or -) but found"
                + " nothing",
        "${:-x}             | 0 | expected a name in ${} (a letter or _, then letters, digits, _, . or -) but found"
                + " nothing",
        "a${1x}             | 1 | expected a name in the placeholder (a letter or _, then letters, digits, _, . or -)"
                + " but found \"${1x}\"",
        "${a b}             | 0 | expected a name in the placeholder (a letter or _, then letters, digits, _, . or -)"
                + " but found \"${a b}\"",
        "${a$b}             | 0 | expected a name in the placeholder (a letter or _, then letters, digits, _, . or -)"
                + " but found \"${a$b}\"",
        "${${x}}            | 0 | expected a name in the placeholder (a letter or _, then letters, digits, _, . or -)"
                + " but found \"${${x}\"",
        "url=${server.url:ws://localhost:8080} | 4 | expected a placeholder ${NAME} or ${NAME:-default} but found"
                + " \"${server.url:ws://localhost:8080}\": a default is written with :-, as in"
                + " ${server.url:-ws://localhost:8080}",
        "${port:}           | 0 | expected a placeholder ${NAME} or ${NAME:-default} but found \"${port:}\": a default"
                + " is written with :-, as in ${port:-}",
    })
    void refusesWithTheFix(String text, int offset, String message) {
        assertThatThrownBy(() -> PlaceholderSyntax.parse(text)).isInstanceOf(InvalidSyntaxException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((InvalidSyntaxException) e).offset()).isEqualTo(offset));
    }

    @Test
    void partsKeepOrderOffsetsAndSource() {
        List<Part> parts = PlaceholderSyntax.parse("a ${X} b ${Y:-d} $${z}");
        assertThat(parts).containsExactly(new Literal("a "), new Placeholder("X", Optional.empty(), 2, "${X}"),
                new Literal(" b "), new Placeholder("Y", Optional.of("d"), 9, "${Y:-d}"), new Literal(" ${z}"));
        assertThat(PlaceholderSyntax.hasPlaceholders("a ${X}")).isTrue();
        assertThat(PlaceholderSyntax.hasPlaceholders("a $${X} $")).isFalse();
    }

    @Test
    void anUnknownPlaceholderWithoutDefaultIsTheCallersError() {
        assertThatThrownBy(() -> resolve("x ${NOPE} y")).isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown NOPE");
    }

    @Test
    void escapeGivesTheTextBack() {
        for (String s : new String[] {"a ${b} c", "$${x}", "$", "${", "plain", "$$${y}"}) {
            assertThat(resolve(PlaceholderSyntax.escape(s))).as(s).isEqualTo(s);
        }
    }

    @Test
    void namesAreOneRule() {
        assertThat(PlaceholderSyntax.NAME.matcher("local.server.port").matches()).isTrue();
        assertThat(PlaceholderSyntax.NAME.matcher("api-key").matches()).isTrue();
        assertThat(PlaceholderSyntax.NAME.matcher("9lives").matches()).isFalse();
        assertThat(PlaceholderSyntax.NAME.matcher("a:b").matches()).isFalse();
    }

    @ParameterizedTest(name = "[{0}] is [{1}]")
    @CsvSource(delimiter = '|', value = {
        "${$.id}                       | $.id        | ",
        "${ $.args[0] }                | $.args[0]   | ",
        "${$.args[-1]}                 | $.args[-1]  | ",
        "${$['first name']}            | $['first name'] | ",
        "${$[\"a.b\"].c}               | $[\"a.b\"].c | ",
        "${$.user.name:-anonymous}     | $.user.name | anonymous",
        "${$}                          | $           | ",
        "${$.@type}                    | $.@type     | ",
    })
    void aTextRenderedAgainstAMessageMayReferIntoIt(String text, String path, String dflt) {
        List<Part> parts = PlaceholderSyntax.parseAgainstMessage(text);
        assertThat(parts).hasSize(1).first().isInstanceOfSatisfying(Placeholder.class, p -> {
            assertThat(p.name()).isEqualTo(path);
            assertThat(p.isMessagePath()).isTrue();
            assertThat(p.defaultValue()).isEqualTo(Optional.ofNullable(dflt));
        });
        assertThat(PlaceholderSyntax.parseAgainstMessage("a ${TOKEN} b")).containsExactly(new Literal("a "),
                new Placeholder("TOKEN", Optional.empty(), 2, "${TOKEN}"), new Literal(" b"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "${$.args[*]}   | 0",
        "x ${$..id}     | 2",
        "${$.a[?(@.b)]} | 0",
        "${$.}          | 0",
    })
    void aMalformedMessagePathIsRefused(String text, int offset) {
        assertThatThrownBy(() -> PlaceholderSyntax.parseAgainstMessage(text))
                .isInstanceOf(InvalidSyntaxException.class)
                .hasMessageStartingWith("expected a JSONPath into the message ($ then .field, [index] or ['field'],"
                        + " like ${$.id} or ${$.args[0]}) but found \"" + text.substring(offset) + "\"")
                .satisfies(e -> assertThat(((InvalidSyntaxException) e).offset()).isEqualTo(offset));
    }

    @Test
    void whereNoMessageExistsAMessagePathIsRefusedAndTheMessageSaysWhereItIsAllowed() {
        assertThatThrownBy(() -> PlaceholderSyntax.parse("Bearer ${$.token}"))
                .isInstanceOf(InvalidSyntaxException.class)
                .hasMessage("expected a name in the placeholder (a letter or _, then letters, digits, _, . or -) but"
                        + " found \"${$.token}\": a JSONPath like ${$.id} refers into a received message, and there"
                        + " is none here; only a mock server's reply to a message (send text/json in an on"
                        + " text|json|binary|any message stub) is rendered against one")
                .satisfies(e -> assertThat(((InvalidSyntaxException) e).offset()).isEqualTo(7));
    }

    @Test
    void everySubstitutionIsReported() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        String out = PlaceholderSyntax.resolve(PlaceholderSyntax.parse("${TOKEN} ${MISSING:-fb} $${TOKEN}"),
                n -> Optional.ofNullable(VALUES.get(n)), p -> new IllegalStateException(p.name()),
                (name, value) -> seen.add(name + "=" + value));
        assertThat(out).isEqualTo("t0ken fb ${TOKEN}");
        assertThat(seen).containsExactly("TOKEN=t0ken", "MISSING=fb");
    }
}
