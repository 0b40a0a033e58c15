package dev.wstest.scenario.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wstest.scenario.internal.Payload.Encoding;
import dev.wstest.syntax.InvalidSyntaxException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The values steps are written with: strings, bare words, JSON and payloads, as {@link Template}s whose
 * {@code ${variables}} are checked to be defined where they are used (by the scope, or outside the file).
 */
final class Values {

    /**
     * Parses JSON to check it; comparing JSON is the assertions' business (MessageMatcher). Made on first use:
     * a scenario without JSON steps does not start Jackson.
     */
    static ObjectMapper json() {
        return Json.MAPPER;
    }

    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final Cursor c;
    private final Set<String> external;
    private final Resources resources;

    Values(Cursor c, Set<String> external, Resources resources) {
        this.c = c;
        this.external = external;
        this.resources = resources;
    }

    /** A quoted string, a bare word or a JSON token, with its variables checked. */
    Template value(Scope scope, String what) {
        Token t = c.next();
        if (t.kind() == Token.Kind.EOL || t.kind() == Token.Kind.EOF) {
            throw c.err(t, what);
        }
        return checked(scope, t);
    }

    Template string(Scope scope, String what) {
        Token t = c.next();
        if (t.kind() != Token.Kind.STRING) {
            throw c.err(t, what);
        }
        return checked(scope, t);
    }

    /** A JSON object or array. */
    Template json(Scope scope, String what) {
        Token t = c.next();
        if (t.kind() != Token.Kind.JSON) {
            throw c.err(t, what);
        }
        Template v = checked(scope, t);
        validateJson(t, v);
        return v;
    }

    /** Any JSON value: a string in quotes, a number, true, false, null, an object or an array. */
    Template jsonValue(Scope scope) {
        Token t = c.next();
        if (t.kind() == Token.Kind.EOL || t.kind() == Token.Kind.EOF) {
            throw c.err(t, "a JSON value (\"text\", number, true, false, null, {...} or [...])");
        }
        Template v = checked(scope, t);
        if (t.kind() == Token.Kind.WORD && v.isPlain()
                && !t.text().matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|true|false|null")) {
            throw c.err(t, "a JSON value (\"text\" in double quotes, number, true, false, null, {...} or [...])");
        }
        if (t.kind() == Token.Kind.JSON) {
            validateJson(t, v);
        }
        return v;
    }

    // ============================================================================ payloads

    /** {@code hex|base64|file "..."} (file only where {@code allowFile}). */
    Payload payload(Scope scope, boolean allowFile, String what) {
        Encoding enc = encoding(c.next(), allowFile);
        return checkedPayload(enc, string(scope, what));
    }

    /** An optional control frame payload: {@code "text"}, {@code hex "..."}, {@code base64 "..."}; or null. */
    Payload controlPayload(Scope scope) {
        if (c.peek().is("hex") || c.peek().is("base64")) {
            return payload(scope, false, "the payload in double quotes");
        }
        if (c.peek().kind() == Token.Kind.STRING) {
            return Payload.text(string(scope, "the payload"));
        }
        return null;
    }

    Encoding encoding(Token t, boolean allowFile) {
        if (t.is("hex")) {
            return Encoding.HEX;
        }
        if (t.is("base64")) {
            return Encoding.BASE64;
        }
        if (allowFile && t.is("file")) {
            return Encoding.FILE;
        }
        throw c.err(t, "\"hex\", \"base64\"" + (allowFile ? " or \"file\"" : "") + " before the payload");
    }

    /** The payload of the string token just read, checked to decode (unless it has variables). */
    Payload checkedPayload(Encoding enc, Template t) {
        Token at = c.previous();
        if (t.isPlain()) {
            String v = t.raw();
            if (enc == Encoding.HEX && !v.replaceAll("[\\s:]", "").matches("([0-9a-fA-F]{2})*")) {
                throw c.error(at, "expected hex digits in pairs, like \"0a ff 10\", but found " + at.describe());
            }
            if (enc == Encoding.BASE64) {
                try {
                    Base64.getDecoder().decode(v.strip());
                } catch (IllegalArgumentException e) {
                    throw c.error(at, "expected base64 but found " + at.describe() + " (" + e.getMessage() + ")");
                }
            }
        }
        return new Payload(enc, t, resources);
    }

    static String lower(Encoding e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    // ============================================================================ checks

    private void validateJson(Token t, Template v) {
        String probe = v.render(name -> "0");
        try {
            json().readTree(probe);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            int line = t.line();
            int col = t.column();
            if (loc != null && loc.getLineNr() > 0) {
                line = t.line() + loc.getLineNr() - 1;
                col = loc.getLineNr() == 1 ? t.column() + Math.max(0, loc.getColumnNr() - 1) : loc.getColumnNr();
            }
            throw c.error(line, col, "expected valid JSON but found an error: " + e.getOriginalMessage());
        }
    }

    private Template checked(Scope scope, Token t) {
        return checked(scope, t, name -> false, false);
    }

    /**
     * A string (or, with {@code json}, a JSON token) rendered later by a mock server for each message it sends: its
     * {@code ${names}} are the mock's own ({@code renderedLater}) or variables defined here; with
     * {@code againstMessage} (a reply to a message) also JSONPath references into that message, {@code ${$.id}}.
     */
    Template deferred(Scope scope, String what, boolean json, java.util.function.Predicate<String> renderedLater,
                      boolean againstMessage) {
        Token t = c.next();
        if (t.kind() != Token.Kind.STRING && !(json && t.kind() == Token.Kind.JSON)) {
            throw c.err(t, what);
        }
        Template v = checked(scope, t, renderedLater, againstMessage);
        if (json) {
            validateJson(t, v);
        }
        return v;
    }

    private Template checked(Scope scope, Token t, java.util.function.Predicate<String> renderedLater,
                             boolean againstMessage) {
        Template template;
        try {
            template = againstMessage ? Template.againstMessage(t.text(), t.line(), t.column())
                    : new Template(t.text(), t.line(), t.column());
        } catch (InvalidSyntaxException e) {
            int[] at = position(t, e.offset());
            throw c.error(at[0], at[1], e.getMessage());
        }
        for (Template.Ref ref : template.refs()) {
            if (ref.hasDefault() || scope.vars.contains(ref.name()) || external.contains(ref.name())
                    || renderedLater.test(ref.name())) {
                continue;
            }
            int[] at = position(t, ref.offset());
            throw c.error(at[0], at[1], "expected a defined variable but found ${" + ref.name() + "}, which is not"
                    + " defined here: pass --var " + ref.name() + "=..., put it in an env file or the environment,"
                    + " write var " + ref.name() + " = ... in the file, capture it before this step, or give a"
                    + " default as ${" + ref.name() + ":-value}");
        }
        return template;
    }

    private static int[] position(Token t, int offset) {
        if (t.kind() == Token.Kind.STRING) {
            return new int[] {t.line(), t.column() + 1 + offset};
        }
        int line = t.line();
        int col = t.column();
        String s = t.text();
        for (int i = 0; i < offset && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }
}
