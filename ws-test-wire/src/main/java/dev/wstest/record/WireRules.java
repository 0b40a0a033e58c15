package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What a recorder checks the peer's frames against, and whether a violation stops the connection.
 *
 * <p>Every frame a peer sends is checked against RFC 6455 ({@link ProtocolRule}); a frame that breaks a
 * rule is recorded as a {@link WsEvent.Violation}, never as the message it claims to be. A strict
 * recorder (the default) then stops: the frame and everything after it are withheld from the WebSocket
 * stack, and the connection is failed with the rule's close code. A lenient one records the violation
 * and carries on, leaving the stack to do whatever it does with the frame.
 *
 * <p>The rules also carry the largest message the endpoint accepts. A message whose frames together declare
 * more is refused as soon as the header that goes over the limit arrives, before its payload is buffered: the
 * recorder stops as at a strict violation, and the connection is failed with 1009 (message too big). This
 * holds for lenient rules too: the limit protects the endpoint, it is not a rule the peer broke.
 *
 * @param lenient         record violations without acting on them
 * @param extensionRsv    the RSV bits a negotiated extension gives a meaning to (RSV1 = 0b100), allowed on
 *                        the peer's frames
 * @param maxMessageBytes the largest message (all its frames together) accepted from the peer
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record WireRules(boolean lenient, int extensionRsv, long maxMessageBytes) {

    /** Strict, no extension negotiated, no message size limit. */
    public static final WireRules STRICT = new WireRules(false, 0);
    /** Lenient, no extension negotiated, no message size limit. */
    public static final WireRules LENIENT = new WireRules(true, 0);

    public WireRules {
        if (extensionRsv < 0 || extensionRsv > 7) {
            throw new IllegalArgumentException("extensionRsv " + extensionRsv + " does not fit in 3 bits (0-7)");
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
    }

    /** Rules without a message size limit. */
    public WireRules(boolean lenient, int extensionRsv) {
        this(lenient, extensionRsv, Long.MAX_VALUE);
    }

    /** These rules, also allowing the RSV bits of a negotiated extension. */
    public WireRules allowingRsv(int bits) {
        return new WireRules(lenient, extensionRsv | bits, maxMessageBytes);
    }

    /** These rules, refusing messages of more than {@code bytes} (with 1009). */
    public WireRules limitingMessagesTo(long bytes) {
        return new WireRules(lenient, extensionRsv, bytes);
    }

    /**
     * The RSV bits the extensions in a {@code Sec-WebSocket-Extensions} response header may set:
     * RSV1 for {@code permessage-deflate} (RFC 7692); all three for an extension ws-test does not know,
     * since it cannot tell which bits that one uses.
     */
    public static int rsvOf(java.util.List<String> extensionsHeaderValues) {
        int bits = 0;
        for (String value : extensionsHeaderValues) {
            for (String offer : value.split(",")) {
                String name = offer.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                bits |= name.equals("permessage-deflate") ? 0b100 : 0b111;
            }
        }
        return bits;
    }
}
