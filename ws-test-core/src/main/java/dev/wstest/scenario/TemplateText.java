package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.scenario.internal.Template;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A text in the one placeholder notation (docs/syntax.md): {@code ${NAME}}, {@code ${NAME:-default}}
 * (<code>$${</code> for a literal <code>${</code>) and, since it is rendered against a received message,
 * JSONPath references into that message ({@code ${$.id}}, {@code ${$.args[0]}};
 * {@link dev.wstest.syntax.PlaceholderSyntax#parseAgainstMessage}). It is kept as written and rendered later
 * against any source of values: the mock server renders its stub replies this way, with values from the message
 * and the handshake.
 *
 * <pre>{@code
 * TemplateText t = TemplateText.of("{\"ack\": \"${id}\", \"by\": \"${who:-mock}\"}");
 * t.render(name -> name.equals("id") ? Optional.of("42") : Optional.empty());   // {"ack": "42", "by": "mock"}
 * t.render(name -> Optional.empty());    // throws: unknown variable ${id}
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TemplateText {

    private final String text;
    private final Template template;

    private TemplateText(String text) {
        this.text = text;
        this.template = Template.againstMessage(text, 0, 0);
    }

    /**
     * The text as written, references unrendered.
     *
     * @throws dev.wstest.syntax.InvalidSyntaxException if a reference is malformed (what was expected, what was
     *                                                  found, and its offset in the text)
     */
    public static TemplateText of(String text) {
        return new TemplateText(Objects.requireNonNull(text, "text"));
    }

    /** Whether the text has no references (it renders to itself, literal <code>$${</code> aside). */
    public boolean isPlain() {
        return template.isPlain();
    }

    /** Whether the text refers into the message it is rendered against ({@code ${$.id}}). */
    public boolean refersToMessage() {
        return names().stream().anyMatch(n -> n.startsWith("$"));
    }

    /** The names referred to, in order of appearance. */
    public List<String> names() {
        return template.refs().stream().map(Template.Ref::name).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The text with every reference replaced.
     *
     * @param lookup the value of a name, or empty when there is none (the reference's default is used then)
     * @throws IllegalArgumentException naming the first reference that has neither a value nor a default
     */
    public String render(Function<String, Optional<String>> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        try {
            return template.render(name -> lookup.apply(name).orElse(null));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The text as written (<code>$${</code> included), so that {@code of(t.toString())} is {@code t} again. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateText other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
