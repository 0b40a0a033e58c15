package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wstest.protocol.CloseCodes;
import dev.wstest.syntax.DurationSyntax;
import dev.wstest.syntax.InvalidSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The commands of {@code ws-test session}: the scenario language's words ({@code text}, {@code json},
 * {@code binary}, {@code ping}, {@code pong}, {@code close}) plus {@code quit} and {@code help}, parsed
 * into {@link Action}s. Mistakes come back as an {@link IllegalArgumentException} whose message is shown
 * as it is.
 */
@API(status = INTERNAL, since = "0.1")
public final class SessionCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a typed line asks for. */
    public record Action(Kind kind, String text, byte[] bytes, int code, String topic) {
    }

    /** The kinds of action. */
    public enum Kind {
        TEXT, BINARY, PING, PONG, CLOSE, SLEEP, HELP, NOTHING
    }

    /** Command, synopsis, description and examples, in the order help lists them. */
    public static final Map<String, String[]> HELP = new LinkedHashMap<>();

    static {
        HELP.put("text", new String[] {"text MESSAGE | text \"quoted\\nwith escapes\"",
            "Sends a text message: the rest of the line, or one quoted string with \\\" \\\\ \\n \\t \\r \\uXXXX escapes.",
            "text hello world", "text \"two\\nlines\""});
        HELP.put("json", new String[] {"json VALUE",
            "Sends JSON as a text message; it must be valid JSON.",
            "json {\"type\": \"subscribe\", \"channel\": \"orders\"}"});
        HELP.put("binary", new String[] {"binary HEX | binary hex \"..\" | binary base64 \"..\"",
            "Sends a binary message given in hex (spaces allowed) or base64.",
            "binary ca fe ba be", "binary base64 \"AQID\""});
        HELP.put("ping", new String[] {"ping [PAYLOAD | hex \"..\"]",
            "Sends a ping (at most 125 bytes of payload); the pong is printed when it arrives.",
            "ping", "ping heartbeat"});
        HELP.put("pong", new String[] {"pong [PAYLOAD | hex \"..\"]",
            "Sends an unsolicited pong (a heartbeat), at most 125 bytes of payload.",
            "pong"});
        HELP.put("close", new String[] {"close [CODE [REASON]]",
            "Starts the closing handshake (default 1000) and ends the session when it completes. Codes 1000-1003,"
                + " 1007-1011, 1014 and 3000-4999 may be sent (1012 and 1013 are legal but refused: Tyrus's client"
                + " would send 1000 instead); the reason is at most 123 bytes of UTF-8.",
            "close", "close 4001 going away"});
        HELP.put("sleep", new String[] {"sleep DURATION",
            "Waits before reading the next command (500ms, 2s, 1m), e.g. for replies before a piped session closes.",
            "sleep 500ms"});
        HELP.put("quit", new String[] {"quit",
            "Closes with 1000 and ends the session (so do 'exit', Ctrl-D and Ctrl-C).", "quit"});
        HELP.put("help", new String[] {"help [COMMAND]", "Lists the commands, or explains one with examples.",
            "help close"});
    }

    private SessionCommands() {
    }

    /** Parses one typed line. */
    public static Action parse(String line) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
            return new Action(Kind.NOTHING, null, null, 0, null);
        }
        String word = l.split("\\s+", 2)[0];
        String rest = l.substring(word.length()).strip();
        String w = word.toLowerCase(Locale.ROOT);
        if (w.equals("send") && !rest.isEmpty()) { // "send text hi", as in a scenario file
            return parse(rest);
        }
        switch (w) {
            case "text":
                return new Action(Kind.TEXT, rest.startsWith("\"") ? onlyString(rest, "text") : rest, null, 0, null);
            case "json":
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("json needs a value, like: json {\"type\": \"hello\"}");
                }
                try {
                    JSON.readTree(rest);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage()
                            + " (send it anyway with: text " + rest + ")");
                }
                return new Action(Kind.TEXT, rest, null, 0, null);
            case "binary":
                return new Action(Kind.BINARY, null, binary(rest), 0, null);
            case "ping":
            case "pong":
                byte[] payload = control(rest, w);
                return new Action(w.equals("ping") ? Kind.PING : Kind.PONG, null, payload, 0, null);
            case "close":
                return close(rest);
            case "sleep":
            case "wait":
                long ms;
                try {
                    ms = DurationSyntax.parse(rest).toMillis();
                } catch (InvalidSyntaxException e) {
                    throw new IllegalArgumentException(w + ": " + e.getMessage());
                }
                return new Action(Kind.SLEEP, null, null, (int) ms, null);
            case "quit":
            case "exit":
                if (!rest.isEmpty()) {
                    throw new IllegalArgumentException(w + " takes nothing; to close with a code: close CODE REASON");
                }
                return new Action(Kind.CLOSE, "", null, 1000, null);
            case "help":
            case "?":
                if (!rest.isEmpty() && !HELP.containsKey(rest.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("no command '" + rest + "'; commands: " + String.join(", ", HELP.keySet()));
                }
                return new Action(Kind.HELP, null, null, 0, rest.isEmpty() ? null : rest.toLowerCase(Locale.ROOT));
            default:
                throw new IllegalArgumentException("unknown command '" + word + "' (commands: "
                        + String.join(", ", HELP.keySet()) + "); to send the line as text: text " + l);
        }
    }

    /** The help text: all commands, or one with examples. */
    public static String help(String topic) {
        StringBuilder sb = new StringBuilder();
        if (topic == null) {
            sb.append("Commands (the words of .ws scenario files; 'help COMMAND' for examples):\n");
            HELP.forEach((k, v) -> sb.append(String.format("  %-42s %s%n", v[0], firstSentence(v[1]))));
            sb.append("Received frames are printed as they arrive: time, direction (<- in, -> out), type, payload.");
            return sb.toString();
        }
        String[] h = HELP.get(topic);
        sb.append("  ").append(h[0]).append('\n').append("  ").append(h[1]).append('\n').append("  Examples:");
        for (int i = 2; i < h.length; i++) {
            sb.append("\n    ").append(h[i]);
        }
        return sb.toString();
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        return dot < 0 ? s : s.substring(0, dot + 1);
    }

    private static Action close(String rest) {
        if (rest.isEmpty()) {
            return new Action(Kind.CLOSE, "", null, 1000, null);
        }
        String[] parts = rest.split("\\s+", 2);
        int code;
        try {
            code = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("close expects a numeric code first, like: close 1000 bye (found '"
                    + parts[0] + "')");
        }
        String reason = parts.length < 2 ? "" : parts[1].startsWith("\"") ? onlyString(parts[1], "close") : parts[1];
        CloseCodes.checkSendable(code, reason);
        return new Action(Kind.CLOSE, reason, null, code, null);
    }

    private static byte[] control(String rest, String word) {
        byte[] payload;
        if (rest.isEmpty()) {
            payload = new byte[0];
        } else if (rest.startsWith("hex ") || rest.startsWith("base64 ")) {
            payload = binary(rest);
        } else {
            payload = (rest.startsWith("\"") ? onlyString(rest, word) : rest).getBytes(StandardCharsets.UTF_8);
        }
        if (payload.length > 125) {
            throw new IllegalArgumentException(word + " payload is " + payload.length
                    + " bytes; a control frame carries at most 125");
        }
        return payload;
    }

    private static byte[] binary(String rest) {
        String r = rest;
        boolean base64 = false;
        if (r.startsWith("hex ")) {
            r = r.substring(4).strip();
        } else if (r.startsWith("base64 ")) {
            r = r.substring(7).strip();
            base64 = true;
        }
        if (r.startsWith("\"")) {
            r = onlyString(r, "binary");
        }
        if (base64) {
            try {
                return Base64.getDecoder().decode(r.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not base64: " + e.getMessage());
            }
        }
        String digits = r.replaceAll("\\s+", "");
        if (digits.startsWith("0x")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("binary expects hex digits in pairs, like: binary ca fe 01 (found '"
                    + rest + "')");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The one quoted string that must make up the whole of {@code s}. */
    static String onlyString(String s, String command) {
        List<String> strings = new ArrayList<>();
        int end = readString(s, 0, strings);
        if (!s.substring(end).isBlank()) {
            throw new IllegalArgumentException(command + ": unexpected '" + s.substring(end).strip()
                    + "' after the quoted string");
        }
        return strings.get(0);
    }

    private static int readString(String s, int start, List<String> into) {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                into.add(sb.toString());
                return i + 1;
            }
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '$': sb.append('$'); break;
                    case 'u':
                        if (i + 4 < s.length() && s.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                            break;
                        }
                        throw new IllegalArgumentException("expected four hex digits after \\u");
                    default:
                        throw new IllegalArgumentException("unknown escape \\" + n
                                + " (use \\\" \\\\ \\n \\t \\r \\$ \\uXXXX)");
                }
            } else {
                sb.append(c);
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated string: " + s.substring(start) + " (missing closing \")");
    }
}
