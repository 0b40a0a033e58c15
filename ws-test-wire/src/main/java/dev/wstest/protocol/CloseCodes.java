package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * WebSocket close status codes (RFC 6455 section 7.4 and the IANA registry) and which of them may be sent
 * in a close frame.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CloseCodes {

    public static final int NORMAL_CLOSURE = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reserved, never sent. */
    public static final int RESERVED_1004 = 1004;
    /** Reserved: "no status code was present"; never sent. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** Reserved: "closed without a close frame"; never sent. */
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int INVALID_PAYLOAD_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int BAD_GATEWAY = 1014;
    /** Reserved: TLS handshake failure; never sent. */
    public static final int TLS_HANDSHAKE = 1015;

    /** The longest close reason that fits a control frame: 125 bytes minus the 2-byte code. */
    public static final int MAX_REASON_BYTES = 123;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1000, "Normal Closure"), Map.entry(1001, "Going Away"), Map.entry(1002, "Protocol Error"),
            Map.entry(1003, "Unsupported Data"), Map.entry(1004, "Reserved"), Map.entry(1005, "No Status Rcvd"),
            Map.entry(1006, "Abnormal Closure"), Map.entry(1007, "Invalid Frame Payload Data"),
            Map.entry(1008, "Policy Violation"), Map.entry(1009, "Message Too Big"),
            Map.entry(1010, "Mandatory Extension"), Map.entry(1011, "Internal Error"),
            Map.entry(1012, "Service Restart"), Map.entry(1013, "Try Again Later"),
            Map.entry(1014, "Bad Gateway"), Map.entry(1015, "TLS Handshake"));

    private CloseCodes() {
    }

    /** The registered name, "Private use" for 4000-4999, "Registered use" for 3000-3999, else "Unknown". */
    public static String name(int code) {
        String name = NAMES.get(code);
        if (name != null) {
            return name;
        }
        if (code >= 4000 && code <= 4999) {
            return "Private use";
        }
        if (code >= 3000 && code <= 3999) {
            return "Registered use";
        }
        return "Unknown";
    }

    /** Whether an endpoint may put this code in a close frame (1000-1003, 1007-1014, 3000-4999). */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * Whether a code is reserved and never appears on the wire: 0-999 (unused), 1004, 1005, 1006, 1015,
     * and 1016-2999 (reserved for future revisions of the protocol and its extensions).
     */
    public static boolean isReserved(int code) {
        return (code >= 0 && code <= 999) || code == RESERVED_1004 || code == NO_STATUS_RECEIVED
                || code == ABNORMAL_CLOSURE || code == TLS_HANDSHAKE || (code >= 1016 && code <= 2999);
    }

    /**
     * Whether a peer that receives this code in a close frame must treat it as a protocol error: the
     * codes that may not be sent, including everything outside 0-4999.
     */
    public static boolean isInvalidOnWire(int code) {
        return !isSendable(code);
    }

    /**
     * Checks a code and reason before they are sent.
     *
     * @throws IllegalArgumentException naming the problem and the allowed values
     */
    public static void checkSendable(int code, String reason) {
        if (!isSendable(code)) {
            throw new IllegalArgumentException("close code " + code + " (" + name(code) + ") may not be sent in a"
                    + " close frame; use 1000-1003, 1007-1014 or 3000-4999 (RFC 6455 section 7.4)");
        }
        int bytes = reason == null ? 0 : reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is " + bytes + " bytes of UTF-8; at most "
                    + MAX_REASON_BYTES + " fit in a close frame");
        }
    }
}
