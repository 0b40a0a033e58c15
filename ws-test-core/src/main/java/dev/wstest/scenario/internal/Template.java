package dev.wstest.scenario.internal;

import dev.wstest.syntax.PlaceholderSyntax;
import dev.wstest.syntax.PlaceholderSyntax.Literal;
import dev.wstest.syntax.PlaceholderSyntax.Part;
import dev.wstest.syntax.PlaceholderSyntax.Placeholder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A text with <code>${NAME}</code> and <code>${NAME:-default}</code> references in the one placeholder notation
 * ({@link PlaceholderSyntax}, docs/syntax.md), substituted when a step runs. <code>$${</code> (and
 * <code>\$</code> in strings) give a literal <code>${</code>.
 */
public final class Template {

    /** Stands for a literal '$' from a {@code \$} escape in a string, which must not start a reference. */
    public static final char LITERAL_DOLLAR = '\uE000';

    private final String raw;
    private final List<Part> parts;
    private final int line;
    private final int column;

    /**
     * @throws dev.wstest.syntax.InvalidSyntaxException if a reference is malformed; its offset is in {@code raw}
     */
    public Template(String raw, int line, int column) {
        this.raw = raw;
        this.parts = PlaceholderSyntax.parse(raw);
        this.line = line;
        this.column = column;
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
                p -> new IllegalStateException("unknown variable ${" + p.name() + "}"))
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
