package dev.wstest.syntax;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The one notation for placeholders, wherever a user writes one: {@code .ws} files and the attributes of
 * {@code @Connect} and {@code @EmbeddedServer} (docs/syntax.md).
 *
 * <ul>
 *   <li>{@code ${NAME}}: the value of {@code NAME}; an unknown name is an error.</li>
 *   <li>{@code ${NAME:-default}}: the value of {@code NAME}, or {@code default} when nothing defines it. The
 *       default runs to the first <code>}</code>; it may be empty.</li>
 *   <li><code>$${</code>: a literal <code>${</code>, not a placeholder. A {@code $} anywhere else is just a
 *       {@code $}.</li>
 * </ul>
 *
 * <p>A name is a letter or {@code _}, then letters, digits, {@code _}, {@code .} and {@code -}
 * ({@code TOKEN}, {@code server.url}, {@code local.server.port}, {@code api-key}); spaces around it are
 * ignored. Where the name comes from (variables, configuration parameters, the environment) is up to the
 * caller. The Spring-style {@code ${name:fallback}} is refused with a message that names
 * {@code ${name:-fallback}}.
 *
 * <p>A text rendered against a received message (a mock server's reply to the message that triggered it) may
 * also refer into that message with a JSONPath ({@link #parseAgainstMessage}): {@code ${$.id}},
 * {@code ${$.args[0]}}, {@code ${$['first name']}}, {@code ${$.user.name:-anonymous}}. {@link #parse} refuses
 * such a reference, since there is no message to look into, and says where one is allowed.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlaceholderSyntax {

    /** A placeholder's name (and a variable's, wherever one is declared). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /** What a name looks like, for messages. */
    public static final String NAME_RULE = "a letter or _, then letters, digits, _, . or -";

    /**
     * A reference into the message a text is rendered against: {@code $}, then {@code .field},
     * {@code [index]} (negative counts from the end) or {@code ['field']} / {@code ["field"]}, any number of
     * times. The forms of {@code dev.wstest.assertions.JsonPath}, which evaluates it; no wildcards or filters.
     */
    public static final Pattern MESSAGE_PATH = Pattern.compile(
            "\\$(?:\\.[A-Za-z0-9_@-]+|\\[\\s*(?:-?\\d{1,9}|'[^'\\]]*'|\"[^\"\\]]*\")\\s*\\])*");

    /** What a message path looks like, for messages. */
    public static final String MESSAGE_PATH_RULE = "$ then .field, [index] or ['field'], like ${$.id} or"
            + " ${$.args[0]}";

    private static final String DEFAULT_MARK = ":-";

    private PlaceholderSyntax() {
    }

    /** A piece of a text: literal text or a placeholder. */
    public sealed interface Part permits Literal, Placeholder {
    }

    /** Text taken as it is (<code>$${</code> already turned into <code>${</code>). */
    public record Literal(String text) implements Part {
    }

    /**
     * A placeholder.
     *
     * @param name         the name, spaces around it removed; a {@link #MESSAGE_PATH} for a reference into the
     *                     message (only from {@link #parseAgainstMessage})
     * @param defaultValue what {@code :-} gives, if the placeholder has one
     * @param offset       where its {@code $} is in the text
     * @param source       the placeholder as written, e.g. {@code ${TOKEN:-dev}}
     */
    public record Placeholder(String name, Optional<String> defaultValue, int offset, String source)
            implements Part {

        /** Whether this refers into the message the text is rendered against ({@code ${$.id}}). */
        public boolean isMessagePath() {
            return name.startsWith("$");
        }
    }

    /**
     * Splits a text into literals and placeholders, in order; adjacent literal text is one {@link Literal}.
     *
     * @throws InvalidSyntaxException for a <code>${</code> without <code>}</code>, an empty or malformed name, or
     *                                {@code ${name:fallback}}; its {@link InvalidSyntaxException#offset()} is
     *                                the <code>$</code> of the placeholder
     */
    public static List<Part> parse(String text) {
        return parse(text, false);
    }

    /**
     * As {@link #parse}, for a text rendered against a received message: a placeholder may also be a
     * {@link #MESSAGE_PATH} into that message ({@code ${$.id}}, {@code ${$.args[0]:-none}}).
     *
     * @throws InvalidSyntaxException as {@link #parse}, and for a malformed path
     */
    public static List<Part> parseAgainstMessage(String text) {
        return parse(text, true);
    }

    private static List<Part> parse(String text, boolean message) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new InvalidSyntaxException("\"}\" to close the placeholder", "\"" + text.substring(i)
                            + "\"", "write ${NAME} or ${NAME:-default}, or $${ for a literal ${", i);
                }
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(placeholder(text.substring(i, end + 1), i, message));
                i = end + 1;
            } else {
                literal.append(text.charAt(i));
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return List.copyOf(parts);
    }

    private static Placeholder placeholder(String source, int offset, boolean message) {
        String body = source.substring(2, source.length() - 1);
        int mark = body.indexOf(DEFAULT_MARK);
        String name = (mark < 0 ? body : body.substring(0, mark)).strip();
        Optional<String> dflt = mark < 0 ? Optional.empty() : Optional.of(body.substring(mark + 2));
        if (NAME.matcher(name).matches()) {
            return new Placeholder(name, dflt, offset, source);
        }
        if (name.equals("$") || name.startsWith("$.") || name.startsWith("$[")) {
            if (!message) {
                throw new InvalidSyntaxException("a name in the placeholder (" + NAME_RULE + ")", "\"" + source
                        + "\"", "a JSONPath like ${$.id} refers into a received message, and there is none here;"
                        + " only a mock server's reply to a message (send text/json in an on text|json|binary|any"
                        + " message stub) is rendered against one", offset);
            }
            if (MESSAGE_PATH.matcher(name).matches()) {
                return new Placeholder(name, dflt, offset, source);
            }
            throw new InvalidSyntaxException("a JSONPath into the message (" + MESSAGE_PATH_RULE + ")", "\""
                    + source + "\"", "wildcards, filters and .. are not supported", offset);
        }
        int colon = name.indexOf(':');
        if (colon > 0 && NAME.matcher(name.substring(0, colon).strip()).matches()) {
            String n = name.substring(0, colon).strip();
            throw new InvalidSyntaxException("a placeholder ${NAME} or ${NAME:-default}", "\"" + source + "\"",
                    "a default is written with :-, as in ${" + n + ":-" + body.substring(body.indexOf(':') + 1)
                            + "}", offset);
        }
        throw new InvalidSyntaxException("a name in " + (name.isEmpty() ? "${}" : "the placeholder") + " ("
                + NAME_RULE + ")", name.isEmpty() ? "nothing" : "\"" + source + "\"", "", offset);
    }

    /** True if the text has at least one placeholder. */
    public static boolean hasPlaceholders(String text) {
        return parse(text).stream().anyMatch(p -> p instanceof Placeholder);
    }

    /**
     * Substitutes every placeholder.
     *
     * @param lookup      the value of a name, if something defines it
     * @param unknown     the exception for a placeholder without a value or a default
     * @param substituted told the name and the value of every placeholder substituted, default or not, before
     *                    the text is returned: where secret values are remembered
     *                    ({@code dev.wstest.record.Redactor#noteVariable}), so that a value of a secret name
     *                    never shows, whichever caller resolved it
     */
    public static String resolve(List<Part> parts, Function<String, Optional<String>> lookup,
                                 Function<Placeholder, ? extends RuntimeException> unknown,
                                 BiConsumer<String, String> substituted) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else {
                Placeholder p = (Placeholder) part;
                Optional<String> value = lookup.apply(p.name());
                if (value.isEmpty()) {
                    value = p.defaultValue();
                }
                String v = value.orElseThrow(() -> unknown.apply(p));
                substituted.accept(p.name(), v);
                out.append(v);
            }
        }
        return out.toString();
    }

    /** The text with every <code>${</code> written as <code>$${</code>, so that {@link #parse} gives it back as it is. */
    public static String escape(String literal) {
        return literal.replace("${", "$${");
    }
}
