package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.HttpSyntax;
import dev.wstest.record.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An HTTP answer to an upgrade request that the mock does not accept: a refusal (401, 403, 503, ...) or a
 * redirect. It goes on the wire as clean HTTP/1.1: the status line, these headers, {@code Content-Length}
 * and {@code Connection: close} (unless given here), the body, and then the mock closes the socket, so a
 * client never waits for more.
 *
 * <pre>{@code
 * HttpAnswer.status(401).header("WWW-Authenticate", "Bearer realm=\"feed\"").body("token missing")
 * HttpAnswer.redirect(307, "ws://127.0.0.1:9000/v2/feed")
 * }</pre>
 *
 * @param status  the HTTP status, 100-599 (101 is the mock's own business: use the handshake rules)
 * @param reason  the reason phrase of the status line
 * @param headers response headers, in order
 * @param body    the body bytes
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HttpAnswer(int status, String reason, Headers headers, byte[] body) {

    public HttpAnswer {
        if (status < 100 || status > 599 || status == 101) {
            throw new IllegalArgumentException("an HTTP answer to refuse or redirect an upgrade has a status of"
                    + " 100-599 other than 101, was " + status + " (to accept, leave the upgrade to the mock)");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** An answer with this status, its standard reason phrase, no headers and no body. */
    public static HttpAnswer status(int status) {
        return new HttpAnswer(status, reasonPhrase(status), Headers.empty(), new byte[0]);
    }

    /** A redirect (301, 302, 303, 307 or 308) to {@code location}. */
    public static HttpAnswer redirect(int status, String location) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalArgumentException("a redirect has status 301, 302, 303, 307 or 308, was " + status);
        }
        return status(status).header("Location", Objects.requireNonNull(location, "location"));
    }

    /**
     * This answer with another reason phrase (any text on one line, even a misleading one).
     *
     * @throws IllegalArgumentException for a line break or another control character, which would end the
     *                                  status line: the mock's answers always parse as HTTP
     */
    public HttpAnswer reason(String newReason) {
        HttpSyntax.checkFieldText("the reason phrase", Objects.requireNonNull(newReason, "reason"));
        return new HttpAnswer(status, newReason, headers, body);
    }

    /**
     * This answer with one more header line.
     *
     * @throws IllegalArgumentException for a name that is not a token or a value with a line break or another
     *                                  control character ({@link HttpSyntax}), which would end the header line
     *                                  and inject what follows
     */
    public HttpAnswer header(String name, String value) {
        HttpSyntax.checkHeaderName(Objects.requireNonNull(name, "name"));
        HttpSyntax.checkHeaderValue(name, Objects.requireNonNull(value, "value"));
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.toMap().forEach((k, v) -> map.put(k, new ArrayList<>(v)));
        String key = map.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
        map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        return new HttpAnswer(status, reason, Headers.of(map), body);
    }

    /** This answer with a UTF-8 text body ({@code Content-Type: text/plain; charset=utf-8} unless set). */
    public HttpAnswer body(String text) {
        HttpAnswer a = new HttpAnswer(status, reason, headers, text.getBytes(StandardCharsets.UTF_8));
        return headers.contains("Content-Type") ? a : a.header("Content-Type", "text/plain; charset=utf-8");
    }

    /** This answer with these body bytes. */
    public HttpAnswer body(byte[] bytes) {
        return new HttpAnswer(status, reason, headers, bytes);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpAnswer a && a.status == status && a.reason.equals(reason) && a.headers.equals(headers)
                && java.util.Arrays.equals(a.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, reason, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return status + " " + reason + (headers.isEmpty() ? "" : " " + headers) + (body.length == 0 ? ""
                : " (" + body.length + "-byte body)");
    }

    static String reasonPhrase(int status) {
        switch (status) {
            case 200: return "OK";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 303: return "See Other";
            case 307: return "Temporary Redirect";
            case 308: return "Permanent Redirect";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 426: return "Upgrade Required";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Status " + status;
        }
    }
}
