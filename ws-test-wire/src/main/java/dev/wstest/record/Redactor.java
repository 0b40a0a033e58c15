package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.syntax.InvalidSyntaxException;
import dev.wstest.syntax.PlaceholderSyntax;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Decides which header values are secrets and hides them in logs, failure messages and reports.
 *
 * <p>{@link #DEFAULT} hides {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
 * {@code Set-Cookie} and every header whose name contains {@code token}, {@code secret},
 * {@code password}, {@code api-key}/{@code apikey}, {@code session}, {@code auth} or {@code credential}
 * (underscores count as dashes, so {@code API_KEY} and {@code access_token} are secret names too). Values become
 * {@code <redacted N chars>}, except that an auth scheme ({@code Bearer}, {@code Basic}) stays visible. The same
 * names make query parameters and scenario variables secret.
 *
 * <p>Besides hiding values by name, a redactor {@linkplain #scrub scrubs} free text of every value known to be
 * secret ({@link Secrets}): each place where ws-test's text leaves the process (failure messages, exception
 * messages, logs, reports, the CLI's output and files) passes it through {@link #scrub}, so a secret is hidden
 * also where it appears out of place, e.g. echoed back in a frame or inside a library's error message.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Redactor {

    /** The default rules described in the class documentation. */
    public static final Redactor DEFAULT = new Redactor(
            Set.of("authorization", "proxy-authorization", "cookie", "set-cookie"),
            Set.of("token", "secret", "password", "api-key", "apikey", "session", "auth", "credential"), true);

    /** Shows everything; for debugging only. */
    public static final Redactor NONE = new Redactor(Set.of(), Set.of(), false);

    private final Set<String> names;
    private final Set<String> fragments;
    private final boolean enabled;

    private Redactor(Set<String> names, Set<String> fragments, boolean enabled) {
        this.names = names;
        this.fragments = fragments;
        this.enabled = enabled;
    }

    /** These rules plus the given header names (case-insensitive). */
    public Redactor alsoRedacting(String... headerNames) {
        Set<String> more = new TreeSet<>(names);
        for (String n : headerNames) {
            more.add(n.toLowerCase(Locale.ROOT));
        }
        return new Redactor(Set.copyOf(more), fragments, true);
    }

    /** Whether values of this header are hidden. */
    public boolean isSecret(String headerName) {
        if (!enabled || headerName == null) {
            return false;
        }
        String n = headerName.toLowerCase(Locale.ROOT).replace('_', '-');
        if (names.contains(n)) {
            return true;
        }
        if (n.startsWith("sec-websocket-")) {
            return false; // protocol headers (Key, Accept, Protocol, ...) are never secrets
        }
        for (String f : fragments) {
            if (n.contains(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A URL (or a path with a query) as it may be shown: values of query parameters whose names are secret
     * by these rules ({@code token}, {@code access_token}, {@code apikey}, ...) are hidden.
     */
    public String redactUrl(String url) {
        if (url == null || !enabled) {
            return url;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return scrub(url);
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        StringBuilder sb = new StringBuilder(url.substring(0, q + 1));
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            String p = params[i];
            int eq = p.indexOf('=');
            if (i > 0) {
                sb.append('&');
            }
            if (eq > 0 && isSecret(p.substring(0, eq))) {
                sb.append(p, 0, eq + 1).append("<redacted ").append(p.length() - eq - 1).append(" chars>");
            } else {
                sb.append(p);
            }
        }
        return scrub(hash < 0 ? sb.toString() : sb.append(url.substring(hash)).toString());
    }

    /**
     * Remembers the value of this header as a secret, for {@link #scrub}, if the header is secret by these rules
     * (its credentials and cookie values too). Returns the value.
     */
    public String noteHeader(String headerName, String value) {
        if (isSecret(headerName)) {
            Secrets.addHeaderValue(value);
        }
        return value;
    }

    /** Remembers the values of the URL's secret query parameters (as sent and decoded), for {@link #scrub}. */
    public String noteUrl(String url) {
        if (url == null || !enabled) {
            return url;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0 && isSecret(p.substring(0, eq))) {
                Secrets.add(p.substring(eq + 1));
            }
        }
        return url;
    }

    /** Remembers the value of a variable as a secret if its name is secret by these rules ({@code TOKEN}, ...). */
    public void noteVariable(String name, String value) {
        if (isSecret(name)) {
            Secrets.add(value);
        }
    }

    /**
     * Remembers the fallback of every {@code ${NAME:-fallback}} in the text whose NAME is secret by these rules,
     * as {@link #noteVariable} remembers a value, and returns the text with those fallbacks shown as
     * {@code <redacted N chars>}. A fallback written in a file or an annotation ({@code ${API_TOKEN:-dev-key}})
     * is as secret as the value it stands in for. A text that is not valid placeholder syntax is returned as it
     * is (whoever parses it reports the error).
     */
    public String notePlaceholderDefaults(String text) {
        if (!enabled || text == null || !text.contains(":-")) {
            return text;
        }
        List<PlaceholderSyntax.Part> parts;
        try {
            parts = PlaceholderSyntax.parseAgainstMessage(text);
        } catch (InvalidSyntaxException notPlaceholders) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = parts.size() - 1; i >= 0; i--) { // from the end, so that earlier offsets stay valid
            if (parts.get(i) instanceof PlaceholderSyntax.Placeholder p && p.defaultValue().isPresent()
                    && isSecret(p.name())) {
                String fallback = p.defaultValue().get();
                noteVariable(p.name(), fallback);
                int mark = p.source().indexOf(":-");
                out.replace(p.offset() + mark + 2, p.offset() + p.source().length() - 1,
                        "<redacted " + fallback.length() + " chars>");
            }
        }
        return out.toString();
    }

    /**
     * The text as it may leave the process: every value known to be secret ({@link Secrets}), in any of its
     * encoded forms, replaced by {@code <redacted N chars>}. {@link #NONE} leaves text as it is.
     */
    public String scrub(String text) {
        return enabled ? Secrets.scrub(text) : text;
    }

    /** The value as it may be shown. */
    public String redact(String headerName, String value) {
        if (value == null || !isSecret(headerName)) {
            return scrub(value);
        }
        int space = value.indexOf(' ');
        if (space > 0 && space < 16 && value.substring(0, space).chars().allMatch(Character::isLetter)) {
            return value.substring(0, space) + " <redacted " + (value.length() - space - 1) + " chars>";
        }
        return "<redacted " + value.length() + " chars>";
    }
}
