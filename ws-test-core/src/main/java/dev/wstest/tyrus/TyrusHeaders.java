package dev.wstest.tyrus;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Headers as they crossed the wire, rebuilt from what Tyrus hands over. Tyrus parses every received header
 * line and splits its value at each comma (a date {@code Tue, 01 Jan 2030 ...} becomes two values), and it
 * writes each request header as one line joined with ", ". Neither side passes on the raw head, so the
 * parts of a name are joined again with ", ": a value whose commas are each followed by one space (dates,
 * lists as servers write them) comes back exactly as sent; other spacing after a comma reads as one space,
 * and several lines of one name read as one value.
 */
@API(status = INTERNAL, since = "0.1")
public final class TyrusHeaders {

    private TyrusHeaders() {
    }

    /** One value per header name, the parts Tyrus split joined with ", ". */
    public static Map<String, List<String>> asSent(Map<String, List<String>> fromTyrus) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (fromTyrus != null) {
            fromTyrus.forEach((name, values) -> {
                if (name != null) {
                    out.put(name, values == null || values.isEmpty() ? List.of() : List.of(String.join(", ", values)));
                }
            });
        }
        return out;
    }
}
