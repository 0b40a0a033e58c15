package dev.wstest.scenario.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bytes as written in a step: text (UTF-8), hex, base64, or a file relative to the scenario.
 *
 * @param resources where {@code file} payloads are read (null where files are not allowed)
 */
record Payload(Encoding encoding, Template value, Resources resources) {

    /** How a payload is written. */
    enum Encoding {
        TEXT, HEX, BASE64, FILE
    }

    static Payload text(Template value) {
        return new Payload(Encoding.TEXT, value, null);
    }

    /** The bytes, after substitution. */
    byte[] bytes(RunContext ctx) throws Exception {
        String v = ctx.render(value);
        return switch (encoding) {
            case HEX -> HexFormat.of().parseHex(v.replaceAll("[\\s:]", ""));
            case BASE64 -> Base64.getDecoder().decode(v.strip());
            case FILE -> resources.read(v);
            case TEXT -> v.getBytes(StandardCharsets.UTF_8);
        };
    }
}
