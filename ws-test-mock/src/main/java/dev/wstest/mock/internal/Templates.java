package dev.wstest.mock.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.assertions.JsonPath;
import dev.wstest.scenario.TemplateText;
import dev.wstest.server.ServerHandshake;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.apiguardian.api.API;

/**
 * Renders the texts of stub actions with the scenario language's {@code ${...}} syntax ({@code :-default},
 * <code>$${</code> for a literal), looking names up in the message that triggered the stub and in the handshake.
 */
@API(status = INTERNAL, since = "0.1")
public final class Templates {

    private Templates() {
    }

    /** What a template may refer to. */
    public record Context(ServerHandshake handshake, int connection, String message, Matcher groups, Integer tick,
                          Map<String, String> variables) {
    }

    /**
     * The text with every reference replaced.
     *
     * @throws IllegalArgumentException naming the reference that has no value
     */
    public static String render(String template, Context ctx) {
        if (!template.contains("${")) {
            return template;
        }
        Function<String, String> lookup = lookup(ctx);
        try {
            return TemplateText.of(template).render(name -> Optional.ofNullable(lookup.apply(name)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + explain(template), e);
        }
    }

    private static String explain(String template) {
        return " in \"" + template + "\" (known: ${$.path} in a JSON message, ${message}, ${group.N},"
                + " ${header.Name}, ${query.name}, ${cookie.name}, ${path}, ${connection}, ${n})";
    }

    private static Function<String, String> lookup(Context ctx) {
        return name -> {
            if (name.startsWith("$")) {
                return ctx.message() == null ? null : valueAt(name, ctx.message());
            }
            int dot = name.indexOf('.');
            String kind = dot < 0 ? name : name.substring(0, dot);
            String key = dot < 0 ? "" : name.substring(dot + 1);
            switch (kind) {
                case "message":
                    return ctx.message();
                case "group":
                    return group(ctx.groups(), key);
                case "header":
                    return ctx.handshake().headers().first(key).orElse(null);
                case "cookie":
                    return ctx.handshake().cookies().get(key);
                case "query":
                    return query(ctx.handshake(), key);
                case "path":
                    return ctx.handshake().path();
                case "connection":
                    return String.valueOf(ctx.connection());
                case "n":
                    return ctx.tick() == null ? null : String.valueOf(ctx.tick());
                default:
                    return ctx.variables().get(name);
            }
        };
    }

    /** The value at a JSONPath of the message (a string without quotes), or null. */
    private static String valueAt(String path, String message) {
        JsonPath at = JsonPath.parse(path); // a path that does not parse is the stub's error, named as such
        try {
            return at.valueIn(message).orElse(null);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    private static String group(Matcher m, String key) {
        if (m == null) {
            return null;
        }
        try {
            return key.chars().allMatch(Character::isDigit) && !key.isEmpty() ? m.group(Integer.parseInt(key))
                    : m.group(key);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** A query parameter of the handshake, URL-decoded, or null. */
    public static String query(ServerHandshake h, String key) {
        for (String pair : h.query().orElse("").split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(key)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
