package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A {@code Sec-WebSocket-Extensions} header value split into extensions and their parameters (RFC 6455
 * section 9.1): {@code name; param; param=value, other}. Parameter names are lower-cased, values keep
 * their case with surrounding quotes removed; a parameter without a value has a null value. Duplicates are
 * kept, so that a caller can reject them.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ExtensionHeader {

    /** One extension of the header, e.g. {@code permessage-deflate; client_max_window_bits}. */
    public record Extension(String name, List<Map.Entry<String, String>> params) {
        public Extension {
            params = List.copyOf(params);
        }

        /** The parameters as written: {@code name} or {@code name=value}. */
        public List<String> paramsAsWritten() {
            List<String> out = new ArrayList<>();
            params.forEach(p -> out.add(p.getValue() == null ? p.getKey() : p.getKey() + "=" + p.getValue()));
            return List.copyOf(out);
        }
    }

    private ExtensionHeader() {
    }

    /** Every extension in the value, in order; empty elements are skipped. */
    public static List<Extension> parse(String value) {
        List<Extension> out = new ArrayList<>();
        for (String element : splitOutsideQuotes(value, ',')) {
            List<String> parts = splitOutsideQuotes(element, ';');
            String name = parts.isEmpty() ? "" : parts.get(0).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            List<Map.Entry<String, String>> params = new ArrayList<>();
            for (String p : parts.subList(1, parts.size())) {
                String param = p.trim();
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                if (eq < 0) {
                    params.add(new java.util.AbstractMap.SimpleImmutableEntry<>(param.toLowerCase(Locale.ROOT), null));
                } else {
                    String v = param.substring(eq + 1).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    params.add(new java.util.AbstractMap.SimpleImmutableEntry<>(
                            param.substring(0, eq).trim().toLowerCase(Locale.ROOT), v));
                }
            }
            out.add(new Extension(name, params));
        }
        return out;
    }

    private static List<String> splitOutsideQuotes(String s, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
