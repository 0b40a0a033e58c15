package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The syntax rules for what a client puts into its upgrade request (RFC 9110 section 5; RFC 6455 section
 * 4.1), checked where the input enters so that a bad value is refused with a clear message instead of being
 * sent, mangled or split into an injected header line. Every client uses these checks: {@code WsClient},
 * {@code RawClient} (through {@link HandshakeRequest}) and {@link HandshakeRequest} itself.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HttpSyntax {

    private HttpSyntax() {
    }

    /** Whether the string is an HTTP token (RFC 9110 section 5.6.2): one or more tchar, nothing else. */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /**
     * Checks a header name: a non-empty token (no spaces, colons, line breaks or other separators).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String checkHeaderName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a header name must not be empty");
        }
        if (!isToken(name)) {
            throw new IllegalArgumentException("\"" + printable(name) + "\" is not a valid header name: "
                    + "a name is letters, digits and !#$%&'*+-.^_`|~ only (no spaces, colons or line breaks)");
        }
        return name;
    }

    /**
     * Checks a header value: one line of visible characters, spaces and tabs. A line break would end the
     * header line and turn the rest into a header of its own (header injection); other control characters and
     * characters beyond ISO-8859-1 cannot be sent as they are.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String checkHeaderValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("the value of header " + name + " must not be null");
        }
        checkFieldText("the value of header " + name, value);
        return value;
    }

    /**
     * Checks a subprotocol name or an extension name: a token (RFC 6455 sections 4.1 and 9.1).
     *
     * @param what "subprotocol", "extension"
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String checkToken(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a " + what + " name must not be empty");
        }
        checkFieldText("the " + what + " \"" + printable(value) + "\"", value);
        if (!isToken(value)) {
            throw new IllegalArgumentException("\"" + printable(value) + "\" is not a valid " + what + " name: a "
                    + what + " is one token (letters, digits and !#$%&'*+-.^_`|~; no spaces, commas or semicolons);"
                    + " give several " + what + "s as separate arguments");
        }
        return value;
    }

    /**
     * Checks text that goes into a header value as it is (an extension offer with parameters, a raw
     * subprotocol list): one line, no control characters.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String checkFieldText(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException(what + " contains a line break (" + (c == '\r' ? "CR" : "LF")
                        + " at index " + i + "), which would end the header line and inject what follows;"
                        + " a header value is one line");
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException(what + " contains the control character U+"
                        + String.format("%04X", (int) c) + " at index " + i + "; a header value is visible text,"
                        + " spaces and tabs only");
            }
            if (c > 0xff) {
                throw new IllegalArgumentException(what + " contains '" + c + "' (U+" + String.format("%04X", (int) c)
                        + ") at index " + i + ", which HTTP/1.1 header fields cannot carry as it is;"
                        + " encode it (e.g. percent- or base64-encode the value)");
            }
        }
        return value;
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
