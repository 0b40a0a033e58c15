package dev.wstest.scenario;

import dev.wstest.scenario.internal.Template;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A text with the scenario language's references, {@code ${NAME}} and {@code ${NAME:-default}}
 * (<code>$${</code> for a literal <code>${</code>), kept as written and rendered later against any source of
 * values. The scenario language renders its step texts this way; the mock server renders its stub replies
 * with values from the message and the handshake.
 *
 * <pre>{@code
 * TemplateText t = TemplateText.of("{\"ack\": \"${id}\", \"by\": \"${who:-mock}\"}");
 * t.render(name -> name.equals("id") ? Optional.of("42") : Optional.empty());   // {"ack": "42", "by": "mock"}
 * t.render(name -> Optional.empty());    // throws: unknown variable ${id}
 * }</pre>
 */
public final class TemplateText {

    private final String text;
    private final Template template;

    private TemplateText(String text) {
        this.text = text;
        this.template = new Template(text, 0, 0);
    }

    /** The text as written, references unrendered. */
    public static TemplateText of(String text) {
        return new TemplateText(Objects.requireNonNull(text, "text"));
    }

    /** Whether the text has no references (it renders to itself, literal <code>$${</code> aside). */
    public boolean isPlain() {
        return template.isPlain();
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
