package dev.wstest.scenario.internal;

import dev.wstest.assertions.JsonPath;
import dev.wstest.scenario.ScenarioSyntaxException;
import dev.wstest.syntax.DurationSyntax;
import dev.wstest.syntax.InvalidSyntaxException;
import dev.wstest.syntax.PlaceholderSyntax;
import dev.wstest.syntax.SizeSyntax;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The tokens of one file and a position in them, with the checks every step family shares: the end of the
 * line, durations, counts, names, regular expressions, JSONPaths. Errors are {@link ScenarioSyntaxException}s
 * at the token, "expected ... but found ...".
 */
final class Cursor {

    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    static final Pattern VAR_NAME = PlaceholderSyntax.NAME;
    private static final Set<String> RESERVED = Set.of("as", "text", "json", "binary", "fragments", "hex", "base64",
            "file", "next", "ping", "pong", "closed", "nothing", "no", "handshake", "subprotocol", "within",
            "contains", "matches", "regex", "header", "timeout", "trust", "in", "end", "message", "all", "status");

    private final String source;
    private final Lexer lexer;
    private final List<Token> tokens;
    private int pos;

    Cursor(String source, Lexer lexer) {
        this.source = source;
        this.lexer = lexer;
        this.tokens = lexer.tokenize();
    }

    String source() {
        return source;
    }

    // ============================================================================ moving

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    /** The current token; moves past it unless it is the end of the file. */
    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) {
            pos++;
        }
        return t;
    }

    /** The token {@link #next()} returned last. */
    Token previous() {
        return tokens.get(pos - 1);
    }

    void skip() {
        pos++;
    }

    /** Moves past the current token if it is this word. */
    boolean accept(String word) {
        if (peek().is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    boolean atEol() {
        Token.Kind k = peek().kind();
        return k == Token.Kind.EOL || k == Token.Kind.EOF;
    }

    /** The end of the statement: a line end (consumed) or the end of the file. */
    void eol() {
        Token t = peek();
        if (t.kind() == Token.Kind.EOL) {
            pos++;
            return;
        }
        if (t.kind() != Token.Kind.EOF) {
            throw err(t, "the end of the line");
        }
    }

    /**
     * Inside a block opened by {@code first} ({@code repeat}, {@code server mock}): skips blank lines, then
     * consumes the closing {@code end} line and returns true, or returns false at the block's next line. A file
     * or scenario that ends first is an error at {@code first}, naming {@code block}.
     */
    boolean atBlockEnd(Token first, String block) {
        while (peek().kind() == Token.Kind.EOL) {
            pos++;
        }
        Token t = peek();
        if (t.kind() == Token.Kind.EOF || t.is("scenario") || t.is("setup")) {
            throw error(first, "expected \"end\" to close this " + block + " block but found " + (t.kind()
                    == Token.Kind.EOF ? "the end of the file" : "\"" + t.text() + "\" on line " + t.line()));
        }
        if (!t.is("end")) {
            return false;
        }
        pos++;
        eol();
        return true;
    }

    // ============================================================================ errors

    ScenarioSyntaxException err(Token found, String expected) {
        return error(found.line(), found.column(), "expected " + expected + " but found " + found.describe());
    }

    ScenarioSyntaxException error(int line, int column, String problem) {
        return lexer.error(line, column, problem);
    }

    ScenarioSyntaxException error(Token at, String problem) {
        return error(at.line(), at.column(), problem);
    }

    String lineText(int line) {
        return lexer.lineText(line);
    }

    // ============================================================================ steps

    /** The step that starts at {@code first} and ends at the last token read (call it after {@link #eol()}). */
    ScenarioStep step(Token first, StepAction action) {
        return new ScenarioStep(source, first.line(), textFrom(first), action);
    }

    /** The source text from {@code first} to the last token read, comments removed, for reports. */
    String textFrom(Token first) {
        int endLine = first.line();
        for (int i = pos - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.kind() != Token.Kind.EOL) {
                endLine = t.line() + (int) t.text().chars().filter(c -> c == '\n').count();
                break;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int l = first.line(); l <= Math.max(first.line(), endLine); l++) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(l == first.line() ? lexer.lineText(l).strip() : lexer.lineText(l).stripTrailing());
        }
        return stripComment(text.toString());
    }

    private static String stripComment(String s) {
        // a '#' starting a token outside quotes starts a comment; good enough for display
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (c == '#' && !inString && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                return s.substring(0, i).stripTrailing();
            }
        }
        return s;
    }

    // ============================================================================ words

    /** A name for a connection or server: not a keyword or command. */
    String newName(Token t, String what) {
        if (t.kind() != Token.Kind.WORD || !NAME.matcher(t.text()).matches()) {
            throw err(t, what + " (letters, digits, '_' and '-')");
        }
        if (RESERVED.contains(t.text()) || Parser.COMMANDS.contains(t.text())) {
            throw error(t, "expected " + what + " that is not a keyword but found \"" + t.text() + "\"");
        }
        return t.text();
    }

    /** A variable name ({@code var}, {@code capture ... as}, {@code repeat ... as}). */
    String variableName(Token t, String what) {
        if (t.kind() != Token.Kind.WORD || !VAR_NAME.matcher(t.text()).matches()) {
            throw err(t, what);
        }
        return t.text();
    }

    /** A duration in the one notation (docs/syntax.md), at a token. */
    Duration duration(Token t, String after) {
        return notation(t, DurationSyntax.EXPECTED, after, DurationSyntax::parse);
    }

    /** A size in bytes in the one notation (docs/syntax.md), at a token. */
    int size(Token t, String after) {
        return notation(t, SizeSyntax.EXPECTED, after, SizeSyntax::parse);
    }

    /** A word read by one of the notations of {@code dev.wstest.syntax}; its refusal, at the token. */
    private <T> T notation(Token t, String expected, String after, Function<String, T> parse) {
        if (t.kind() != Token.Kind.WORD) {
            throw err(t, expected + " after " + after);
        }
        try {
            return parse.apply(t.text());
        } catch (InvalidSyntaxException e) {
            throw error(t, "expected " + e.expected() + " after " + after + " but found " + t.describe()
                    + (e.hint().isEmpty() ? "" : ": " + e.hint()));
        }
    }

    /** An optional {@code within D}; null without it. */
    Duration within() {
        if (accept("within")) {
            return duration(next(), "\"within\"");
        }
        return null;
    }

    int positive(Token t, String what, int max) {
        if (t.kind() != Token.Kind.WORD || !t.text().matches("\\d{1,9}") || Integer.parseInt(t.text()) < 1
                || Integer.parseInt(t.text()) > max) {
            throw err(t, what + " (1 to " + max + ")");
        }
        return Integer.parseInt(t.text());
    }

    /** Checks a regular expression written at a string token. */
    void regex(String regex, Token at) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw error(at.line(), at.column() + 1 + Math.max(0, e.getIndex()), "expected a valid regular"
                    + " expression but found " + at.describe() + ": " + e.getDescription());
        }
    }

    JsonPath jsonPath(Token t) {
        try {
            return JsonPath.parse(t.text());
        } catch (JsonPath.InvalidPathException e) {
            throw error(t.line(), t.column() + e.offset(), e.getMessage());
        }
    }
}
