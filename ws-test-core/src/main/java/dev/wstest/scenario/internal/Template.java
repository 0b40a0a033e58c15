package dev.wstest.scenario.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A text with {@code ${NAME}} and {@code ${NAME:-default}} references, substituted when a step runs.
 * <code>$${</code> (and <code>\$</code> in strings) give a literal <code>${</code>.
 */
public final class Template {

    /** Stands for a literal '$' that must not start a reference (from {@code \$} or {@code $$}). */
    public static final char LITERAL_DOLLAR = '\uE000';

    private final String raw;
    private final int line;
    private final int column;

    public Template(String raw, int line, int column) {
        this.raw = raw.replace("$${", LITERAL_DOLLAR + "{");
        this.line = line;
        this.column = column;
    }

    public static Template literal(String text) {
        return new Template(text.replace("${", LITERAL_DOLLAR + "{"), 0, 0);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The text as written, references unsubstituted. */
    public String raw() {
        return raw.replace(LITERAL_DOLLAR, '$');
    }

    public boolean isPlain() {
        return !raw.contains("${");
    }

    /** A reference in the text: its name, whether it has a default, and its offset in the raw text. */
    public record Ref(String name, boolean hasDefault, int offset) {
    }

    /** References in order of appearance. */
    public List<Ref> refs() {
        List<Ref> out = new ArrayList<>();
        int i = 0;
        while ((i = raw.indexOf("${", i)) >= 0) {
            int end = raw.indexOf('}', i);
            if (end < 0) {
                break;
            }
            String body = raw.substring(i + 2, end);
            int dflt = body.indexOf(":-");
            out.add(new Ref((dflt >= 0 ? body.substring(0, dflt) : body).trim(), dflt >= 0, i));
            i = end + 1;
        }
        return out;
    }

    /** Substitutes every reference; {@code lookup} returns null for unknown names. */
    public String render(Function<String, String> lookup) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (true) {
            int start = raw.indexOf("${", i);
            int end = start < 0 ? -1 : raw.indexOf('}', start);
            if (start < 0 || end < 0) {
                sb.append(raw, i, raw.length());
                break;
            }
            sb.append(raw, i, start);
            String body = raw.substring(start + 2, end);
            int dflt = body.indexOf(":-");
            String name = (dflt >= 0 ? body.substring(0, dflt) : body).trim();
            String value = lookup.apply(name);
            if (value == null) {
                if (dflt < 0) {
                    throw new IllegalStateException("unknown variable ${" + name + "}");
                }
                value = body.substring(dflt + 2);
            }
            sb.append(value);
            i = end + 1;
        }
        return sb.toString().replace(LITERAL_DOLLAR, '$');
    }

    public String render(Map<String, String> vars) {
        return render(vars::get);
    }

    @Override
    public String toString() {
        return raw();
    }
}
