package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.scenario.ScenarioSyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Splits a scenario file into tokens. Line-oriented: a line end ends a statement, except inside a JSON
 * value, which may span lines. {@code #} starts a comment where a token could start.
 */
@API(status = INTERNAL, since = "0.1")
public final class Lexer {

    private final String source;
    private final String text;
    private final String[] lines;
    private int pos;
    private int line = 1;
    private int col = 1;

    public Lexer(String source, String text) {
        this.source = source;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.lines = this.text.split("\r?\n|\r", -1);
    }

    /** The text of a 1-based line, for error excerpts. */
    public String lineText(int n) {
        return n >= 1 && n <= lines.length ? lines[n - 1] : "";
    }

    public ScenarioSyntaxException error(int atLine, int atCol, String problem) {
        return new ScenarioSyntaxException(source, atLine, atCol, problem, lineText(atLine));
    }

    public List<Token> tokenize() {
        List<Token> out = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t') {
                advance();
            } else if (c == '\r' || c == '\n') {
                addEol(out);
                if (c == '\r' && peek(1) == '\n') {
                    pos++;
                }
                pos++;
                line++;
                col = 1;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    advance();
                }
            } else if (c == '"') {
                out.add(string());
            } else if (c == '{' || c == '[') {
                out.add(json());
            } else {
                out.add(word());
            }
        }
        addEol(out);
        out.add(new Token(Token.Kind.EOF, "", line, col));
        return out;
    }

    private void addEol(List<Token> out) {
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != Token.Kind.EOL) {
            out.add(new Token(Token.Kind.EOL, "", line, col));
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void advance() {
        pos++;
        col++;
    }

    private Token word() {
        int startCol = col;
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"') {
                break;
            }
            if (c == '$' && peek(1) == '{') { // a ${...} reference may contain anything but '}'
                int end = text.indexOf('}', pos);
                int eol = nextLineEnd(pos);
                if (end < 0 || end > eol) {
                    throw error(line, col, "expected \"}\" to close \"${\" but found the end of the line");
                }
                while (pos <= end) {
                    advance();
                }
                continue;
            }
            advance();
        }
        return new Token(Token.Kind.WORD, text.substring(start, pos), line, startCol);
    }

    private int nextLineEnd(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private Token string() {
        int startLine = line;
        int startCol = col;
        advance(); // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
                throw error(startLine, startCol, "expected a closing \" for the string that starts here but found"
                        + " the end of the line");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                advance();
                break;
            }
            if (c == '\\') {
                int escCol = col;
                advance();
                char e = pos < text.length() ? text.charAt(pos) : '\0';
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case '$': sb.append(Template.LITERAL_DOLLAR); break; // kept apart from ${...} until substitution
                    case 'u':
                        if (pos + 4 < text.length() && text.substring(pos + 1, pos + 5).matches("[0-9a-fA-F]{4}")) {
                            sb.append((char) Integer.parseInt(text.substring(pos + 1, pos + 5), 16));
                            for (int i = 0; i < 4; i++) {
                                advance();
                            }
                            break;
                        }
                        throw error(line, escCol, "expected four hex digits after \\u in a string but found \""
                                + text.substring(pos, Math.min(text.length(), pos + 5)).split("[\r\n\"]")[0] + "\"");
                    default:
                        throw error(line, escCol, "expected an escape (\\\" \\\\ \\n \\t \\r \\$ \\uXXXX) but found \"\\"
                                + (e == '\0' || e == '\n' || e == '\r' ? "" : String.valueOf(e)) + "\"");
                }
                advance();
                continue;
            }
            sb.append(c);
            advance();
        }
        return new Token(Token.Kind.STRING, sb.toString(), startLine, startCol);
    }

    private Token json() {
        int startLine = line;
        int startCol = col;
        int start = pos;
        List<Character> stack = new ArrayList<>();
        boolean inString = false;
        int stringLine = 0;
        int stringCol = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                if (inString) {
                    throw error(stringLine, stringCol, "expected a closing \" for the JSON string that starts here"
                            + " but found the end of the line");
                }
                if (c == '\r' && peek(1) == '\n') {
                    pos++;
                }
                pos++;
                line++;
                col = 1;
                continue;
            }
            if (inString) {
                if (c == '\\') {
                    advance();
                } else if (c == '"') {
                    inString = false;
                }
                advance();
                continue;
            }
            if (c == '"') {
                inString = true;
                stringLine = line;
                stringCol = col;
            } else if (c == '{' || c == '[') {
                stack.add(c);
            } else if (c == '}' || c == ']') {
                char open = stack.remove(stack.size() - 1);
                char expected = open == '{' ? '}' : ']';
                if (c != expected) {
                    throw error(line, col, "expected \"" + expected + "\" to close the JSON \"" + open
                            + "\" but found \"" + c + "\"");
                }
                if (stack.isEmpty()) {
                    advance();
                    return new Token(Token.Kind.JSON, text.substring(start, pos), startLine, startCol);
                }
            }
            advance();
        }
        throw error(startLine, startCol, "expected the JSON value that starts here to be closed with \""
                + (stack.get(stack.size() - 1) == '{' ? '}' : ']') + "\" but found the end of the file");
    }
}
