package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A scenario file that cannot be loaded: a syntax error, an unknown variable or connection, or an include
 * that cannot be read. The message names {@code file:line:column}, what was expected and what was found,
 * and shows the offending line with a caret under the column. Nothing of a file is run when loading it
 * throws this.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    public ScenarioSyntaxException(String source, int line, int column, String problem, String lineText) {
        super(format(source, line, column, problem, lineText));
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String source, int line, int column, String problem, String lineText) {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(':').append(line).append(':').append(column).append(": ").append(problem);
        if (lineText != null && !lineText.isBlank()) {
            String shown = lineText.replace('\t', ' ');
            sb.append("\n  ").append(shown).append("\n  ")
                    .append(" ".repeat(Math.max(0, Math.min(column - 1, shown.length())))).append('^');
        }
        return sb.toString();
    }

    /** The file or resource name, as given to the loader. */
    public String source() {
        return source;
    }

    /** 1-based line. */
    public int line() {
        return line;
    }

    /** 1-based column. */
    public int column() {
        return column;
    }

    /** The problem without position and line excerpt ("expected ... but found ..."). */
    public String problem() {
        return problem;
    }
}
