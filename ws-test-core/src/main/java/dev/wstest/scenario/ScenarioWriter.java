package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.record.CloseStatus;
import dev.wstest.record.EventType;
import dev.wstest.record.Redactor;
import dev.wstest.record.WsEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Writes recorded connections as {@code .ws} scenario text (for {@code ws-test session --record} and the
 * recording proxy): what the client sent becomes {@code send}/{@code ping}/{@code close} steps, what it
 * received becomes {@code expect} steps, so that running the file against the same endpoint passes.
 *
 * <p>Secret header values (by the {@link Redactor}'s rules) are never written: the header refers to a
 * variable instead ({@code header "Authorization: ${AUTHORIZATION}"}) which the run must define.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioWriter {

    /** Expectations whose message took longer than this after the step before get an explicit {@code within}. */
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);
    private static final int MAX_HEX_BYTES = 48;

    private final StringBuilder body = new StringBuilder();
    private final Set<String> secretVariables = new LinkedHashSet<>();
    private final StringBuilder head = new StringBuilder();

    private ScenarioWriter() {
    }

    /** An empty scenario text. */
    public static ScenarioWriter create() {
        return new ScenarioWriter();
    }

    /** A {@code # comment} line at the top of the file. */
    public ScenarioWriter comment(String text) {
        for (String line : text.split("\n", -1)) {
            head.append("# ").append(line).append('\n');
        }
        return this;
    }

    /**
     * {@code var NAME = value}: a default the run may override with --var. The value of a secret query parameter
     * in it ({@code ?access_token=...}) is not written: it refers to a variable the run must give.
     */
    public ScenarioWriter var(String name, String value) {
        body.append("var ").append(name).append(" = ").append(secretQueryAsVariables(value.replace("$", "\\$")))
                .append('\n');
        return this;
    }

    /** The URL with the values of its secret query parameters replaced by {@code ${PARAMETER_NAME}} variables. */
    private String secretQueryAsVariables(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        StringBuilder sb = new StringBuilder(url.substring(0, q + 1));
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            String p = params[i];
            int eq = p.indexOf('=');
            sb.append(i > 0 ? "&" : "");
            if (eq > 0 && Redactor.DEFAULT.isSecret(p.substring(0, eq))) {
                String var = p.substring(0, eq).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
                secretVariables.add(var);
                sb.append(p, 0, eq + 1).append("${").append(var).append('}');
            } else {
                sb.append(p);
            }
        }
        return hash < 0 ? sb.toString() : sb.append(url.substring(hash)).toString();
    }

    /** Starts a named scenario; connections written before the first one form a single unnamed scenario. */
    public ScenarioWriter scenario(String name) {
        body.append('\n').append("scenario ").append(quote(name)).append('\n');
        return this;
    }

    /**
     * The steps of one client connection.
     *
     * @param url          the URL as written after {@code connect}, may contain {@code ${VARIABLES}}
     * @param headers      the request headers the user chose (not the WebSocket ones the stack adds)
     * @param subprotocols the subprotocols offered, in order
     * @param events       the connection's log from the client's side
     * @param close        how the connection closed, if it did
     * @param redactor     which header values are secrets
     */
    public ScenarioWriter connection(String url, Map<String, String> headers, List<String> subprotocols,
                                     List<WsEvent> events, Optional<CloseStatus> close, Redactor redactor) {
        return connection(url, headers, subprotocols, false, events, close, redactor);
    }

    /**
     * As {@link #connection(String, Map, List, List, Optional, Redactor)}, for a connection that offered
     * permessage-deflate ({@code deflate} on the connect line).
     */
    public ScenarioWriter connection(String url, Map<String, String> headers, List<String> subprotocols,
                                     boolean deflate, List<WsEvent> events, Optional<CloseStatus> close,
                                     Redactor redactor) {
        StringBuilder sb = body;
        String indent = body.indexOf("scenario ") >= 0 ? "  " : "";
        sb.append(indent).append("connect ").append(secretQueryAsVariables(url));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String value = h.getValue().replace("$", "\\$");
            if (redactor.isSecret(h.getKey())) {
                String var = h.getKey().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
                secretVariables.add(var);
                value = "${" + var + "}";
            }
            sb.append(" header ").append(quoteKeepingVariables(h.getKey() + ": " + value));
        }
        for (String p : subprotocols) {
            sb.append(" subprotocol ").append(p);
        }
        if (deflate) {
            sb.append(" deflate");
        }
        sb.append('\n');
        Duration last = Duration.ZERO;
        for (WsEvent e : events) {
            String step = step(e);
            if (step == null) {
                continue;
            }
            if (e.isInbound()) {
                Duration waited = e.sinceOpen().minus(last);
                if (waited.compareTo(DEFAULT_WAIT) > 0) {
                    step += " within " + (waited.multipliedBy(2).toSeconds() + 1) + "s";
                }
            } else {
                last = e.sinceOpen();
            }
            sb.append(indent).append(step).append('\n');
        }
        close.ifPresent(s -> {
            StringBuilder c = new StringBuilder(indent).append("expect closed");
            if (s.code() != WsEvent.NO_STATUS_CODE && s.code() != CloseStatus.ABNORMAL_CLOSURE) {
                c.append(' ').append(s.code());
                if (s.reason() != null && !s.reason().isEmpty()) {
                    c.append(' ').append(quote(s.reason()));
                }
            }
            sb.append(c).append('\n');
        });
        return this;
    }

    /** The file text. */
    public String text() {
        StringBuilder sb = new StringBuilder(head);
        if (!secretVariables.isEmpty()) {
            sb.append("# Secret header and query parameter values were not recorded; give them when running, e.g.\n"
                    + "#   ws-test run FILE");
            secretVariables.forEach(v -> sb.append(" --var ").append(v).append("=..."));
            sb.append('\n');
        }
        if (sb.length() > 0) {
            sb.append('\n');
        }
        return sb.append(body).toString();
    }

    private static String step(WsEvent e) {
        boolean out = e.isOutbound();
        if (!out && !e.isInbound()) {
            return null;
        }
        switch (e.type()) {
            case TEXT:
                return (out ? "send text " : "expect text ") + quote(e.text())
                        + (out && e.isFragmented() ? " in " + e.frameSizes().size() + " frames" : "");
            case BINARY:
                return (out ? "send binary " : "expect binary ") + bytes(e.payload());
            case PING:
            case PONG:
                if (out && e.isAutomatic()) {
                    return null;
                }
                String word = e.type().name().toLowerCase(Locale.ROOT);
                return (out ? word : "expect " + word) + (e.size() == 0 ? "" : " " + controlPayload(e.payload()));
            case CLOSE:
                if (!out || e.isAutomatic()) {
                    return null;
                }
                return "close" + (e.closeCode() == WsEvent.NO_STATUS_CODE ? "" : " " + e.closeCode()
                        + (e.text().isEmpty() ? "" : " " + quote(e.text())));
            default:
                return null;
        }
    }

    private static String controlPayload(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        boolean printable = s.chars().allMatch(c -> c >= 0x20 && c != 0xfffd)
                && java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), payload);
        return printable ? quote(s) : "hex " + hex(payload);
    }

    private static String bytes(byte[] payload) {
        if (payload.length > MAX_HEX_BYTES) {
            return "base64 \"" + Base64.getEncoder().encodeToString(payload) + "\"";
        }
        return "hex " + hex(payload);
    }

    private static String hex(byte[] payload) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < payload.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((payload[i] >> 4) & 0xf, 16)).append(Character.forDigit(payload[i] & 0xf, 16));
        }
        return sb.append('"').toString();
    }

    /** A string in the scenario language: quoted, with {@code \" \\ \n \t \r \$ \\uXXXX} escapes. */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                case '\r': sb.append("\\r"); break;
                case '$': sb.append("\\$"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** Like {@link #quote} but keeps {@code ${NAME}} references (input already has literal $ as \$). */
    private static String quoteKeepingVariables(String text) {
        String q = quote(text.replace("\\$", "\u0000"));
        return q.replace("\\$", "$").replace("\\u0000", "\\$");
    }
}
