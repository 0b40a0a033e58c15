package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.syntax.PlaceholderSyntax;
import dev.wstest.syntax.PlaceholderSyntax.Literal;
import dev.wstest.syntax.PlaceholderSyntax.Part;
import dev.wstest.syntax.PlaceholderSyntax.Placeholder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A text with <code>${NAME}</code> and <code>${NAME:-default}</code> references in the one placeholder notation
 * ({@link PlaceholderSyntax}, docs/syntax.md), substituted when a step runs. <code>$${</code> (and
 * <code>\$</code> in strings) give a literal <code>${</code>.
 */
@API(status = INTERNAL, since = "0.1")
public final class Template {

    /** Stands for a literal '$' from a {@code \$} escape in a string, which must not start a reference. */
    public static final char LITERAL_DOLLAR = '\uE000';

    private final String raw;
    private final List<Part> parts;
    private final int line;
    private final int column;

    /**
     * A text with no message to render against: a JSONPath reference ({@code ${$.id}}) is refused.
     *
     * @throws dev.wstest.syntax.InvalidSyntaxException if a reference is malformed; its offset is in {@code raw}
     */
    public Template(String raw, int line, int column) {
        this(raw, line, column, false);
    }

    private Template(String raw, int line, int column, boolean againstMessage) {
        this.raw = raw;
        this.parts = againstMessage ? PlaceholderSyntax.parseAgainstMessage(raw) : PlaceholderSyntax.parse(raw);
        this.line = line;
        this.column = column;
    }

    /**
     * A text rendered against a received message (a mock's reply): it may also refer into the message with a
     * JSONPath, {@code ${$.id}} ({@link PlaceholderSyntax#parseAgainstMessage}).
     *
     * @throws dev.wstest.syntax.InvalidSyntaxException if a reference is malformed; its offset is in {@code raw}
     */
    public static Template againstMessage(String raw, int line, int column) {
        return new Template(raw, line, column, true);
    }

    public static Template literal(String text) {
        return new Template(PlaceholderSyntax.escape(text), 0, 0);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The text as written with literal parts unescaped; for a plain template, its value. */
    public String raw() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(p instanceof Literal l ? l.text() : ((Placeholder) p).source());
        }
        return sb.toString().replace(LITERAL_DOLLAR, '$');
    }

    public boolean isPlain() {
        return parts.stream().noneMatch(p -> p instanceof Placeholder);
    }

    /** A reference in the text: its name, whether it has a default, and its offset in the raw text. */
    public record Ref(String name, boolean hasDefault, int offset) {
    }

    /** References in order of appearance. */
    public List<Ref> refs() {
        List<Ref> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Placeholder ph) {
                out.add(new Ref(ph.name(), ph.defaultValue().isPresent(), ph.offset()));
            }
        }
        return out;
    }

    /** Substitutes every reference; {@code lookup} returns null for unknown names. */
    public String render(Function<String, String> lookup) {
        return PlaceholderSyntax.resolve(parts, name -> Optional.ofNullable(lookup.apply(name)),
                p -> new IllegalStateException("unknown variable ${" + p.name() + "}"),
                dev.wstest.record.Redactor.DEFAULT::noteVariable)
                .replace(LITERAL_DOLLAR, '$');
    }

    public String render(Map<String, String> vars) {
        return render(vars::get);
    }

    @Override
    public String toString() {
        return raw();
    }
}
