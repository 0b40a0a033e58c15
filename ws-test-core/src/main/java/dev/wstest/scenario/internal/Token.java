package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** One token of a scenario file with its 1-based position. */
@API(status = INTERNAL, since = "0.1")
public record Token(Kind kind, String text, int line, int column) {

    /** What a token is. */
    public enum Kind {
        /** A bare word: keyword, name, number, duration, URL, JSONPath. */
        WORD,
        /** A double-quoted string; {@link #text()} is unescaped. */
        STRING,
        /** A balanced JSON object or array; {@link #text()} is the raw JSON. */
        JSON,
        /** End of a statement (a line end outside JSON). */
        EOL,
        EOF
    }

    public boolean is(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    /** How the token reads in "found ..." messages. */
    public String describe() {
        switch (kind) {
            case EOL:
            case EOF:
                return "the end of the line";
            case STRING:
                return "the string \"" + shorten(text) + "\"";
            case JSON:
                return "the JSON " + shorten(text);
            default:
                return "\"" + shorten(text) + "\"";
        }
    }

    private static String shorten(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > 40 ? one.substring(0, 37) + "..." : one;
    }
}
