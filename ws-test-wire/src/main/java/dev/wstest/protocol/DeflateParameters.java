package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The permessage-deflate parameters a connection uses once negotiated (RFC 7692 section 7.1): for each
 * direction, whether the sender resets its compression context after every message and the largest LZ77
 * window it may use (2^8 to 2^15 bytes).
 *
 * <pre>{@code
 * DeflateOffer offer = DeflateOffer.standard();                      // sent by the client
 * DeflateParameters p = DeflateParameters.fromResponse(List.of(offer), responseHeader).orElseThrow();
 * PerMessageDeflater out = p.deflater(Role.CLIENT, Deflater.DEFAULT_COMPRESSION);
 * PerMessageInflater in = p.inflater(Role.SERVER, 64 << 20);          // messages the server sends
 * }</pre>
 *
 * @param serverNoContextTakeover the server resets its context after every message
 * @param clientNoContextTakeover the client resets its context after every message
 * @param serverMaxWindowBits the server's window, 8-15
 * @param clientMaxWindowBits the client's window, 8-15
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {

    /** The extension's registered name. */
    public static final String EXTENSION_NAME = "permessage-deflate";
    /** The largest window, and the one used when a parameter is absent. */
    public static final int MAX_WINDOW_BITS = 15;
    /** The smallest window RFC 7692 allows. */
    public static final int MIN_WINDOW_BITS = 8;

    /** Which endpoint sends the messages a (de)compressor handles. */
    public enum Role { CLIENT, SERVER }

    public DeflateParameters {
        checkBits("server_max_window_bits", serverMaxWindowBits);
        checkBits("client_max_window_bits", clientMaxWindowBits);
    }

    /** No parameters: both sides keep their context and use 32 KiB windows. */
    public static DeflateParameters defaults() {
        return new DeflateParameters(false, false, MAX_WINDOW_BITS, MAX_WINDOW_BITS);
    }

    /**
     * Client side of the negotiation: the parameters a server's {@code Sec-WebSocket-Extensions} response
     * sets up, checked against the offers that were sent (RFC 7692 sections 5 and 7.1).
     *
     * @return empty if the response does not accept permessage-deflate (the header is absent or names
     *         other extensions only)
     * @throws WsProtocolException naming the rule if the response is one the client must fail the
     *         connection for: unknown or repeated parameters, a bad window size, a parameter no offer allows
     */
    public static Optional<DeflateParameters> fromResponse(List<DeflateOffer> offers, String responseHeaderValue) {
        if (responseHeaderValue == null) {
            return Optional.empty();
        }
        List<ExtensionHeader.Extension> accepted = new ArrayList<>();
        for (ExtensionHeader.Extension e : ExtensionHeader.parse(responseHeaderValue)) {
            if (e.name().equals(EXTENSION_NAME)) {
                accepted.add(e);
            }
        }
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        if (accepted.size() > 1) {
            throw new WsProtocolException("the server accepted permessage-deflate " + accepted.size() + " times in \""
                    + responseHeaderValue + "\" (RFC 7692 section 5: at most one element per extension)");
        }
        if (offers.isEmpty()) {
            throw new WsProtocolException("the server accepted permessage-deflate (\"" + responseHeaderValue
                    + "\") although the client did not offer it (RFC 6455 section 9.1)");
        }
        Response r = Response.parse(accepted.get(0));
        List<String> reasons = new ArrayList<>();
        for (DeflateOffer offer : offers) {
            String mismatch = r.mismatch(offer);
            if (mismatch == null) {
                return Optional.of(r.parametersFor(offer));
            }
            reasons.add(mismatch);
        }
        throw new WsProtocolException("the server's permessage-deflate response \"" + responseHeaderValue
                + "\" answers none of the offers: " + String.join("; ", reasons));
    }

    /** A compressor for the messages {@code sender} sends, honouring its window and context rules. */
    public PerMessageDeflater deflater(Role sender, int level) {
        return sender == Role.CLIENT ? new PerMessageDeflater(clientMaxWindowBits, clientNoContextTakeover, level)
                : new PerMessageDeflater(serverMaxWindowBits, serverNoContextTakeover, level);
    }

    /** A decompressor for the messages {@code sender} sends, refusing messages above {@code maxMessageBytes}. */
    public PerMessageInflater inflater(Role sender, long maxMessageBytes) {
        return new PerMessageInflater(sender == Role.CLIENT ? clientNoContextTakeover : serverNoContextTakeover,
                maxMessageBytes);
    }

    static void checkBits(String name, int bits) {
        if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException(name + " must be " + MIN_WINDOW_BITS + "-" + MAX_WINDOW_BITS
                    + " (RFC 7692 section 7.1.2), was " + bits);
        }
    }

    /** Parses a window size value as RFC 7692 section 7.1.2 writes it: 8-15, no leading zeros. */
    static int parseBits(String name, String value, String where) {
        if (value == null || !value.matches("[89]|1[0-5]")) {
            throw new WsProtocolException(name + (value == null ? " has no value" : "=" + value + " is not 8-15")
                    + " in \"" + where + "\" (RFC 7692 section 7.1.2)");
        }
        return Integer.parseInt(value);
    }

    /** A parsed permessage-deflate response element. */
    private record Response(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                            Integer serverMaxWindowBits, Integer clientMaxWindowBits) {

        static Response parse(ExtensionHeader.Extension e) {
            String where = render(e);
            boolean snct = false;
            boolean cnct = false;
            Integer smwb = null;
            Integer cmwb = null;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Map.Entry<String, String> p : e.params()) {
                String name = p.getKey();
                if (!seen.add(name)) {
                    throw new WsProtocolException("parameter " + name + " appears twice in \"" + where
                            + "\" (RFC 7692 section 7: each parameter at most once)");
                }
                switch (name) {
                    case "server_no_context_takeover":
                        noValue(p, where);
                        snct = true;
                        break;
                    case "client_no_context_takeover":
                        noValue(p, where);
                        cnct = true;
                        break;
                    case "server_max_window_bits":
                        smwb = parseBits(name, p.getValue(), where);
                        break;
                    case "client_max_window_bits":
                        cmwb = parseBits(name, p.getValue(), where);
                        break;
                    default:
                        throw new WsProtocolException("unknown parameter " + name + " in \"" + where
                                + "\" (RFC 7692 section 7: a client fails the connection on unknown parameters)");
                }
            }
            return new Response(snct, cnct, smwb, cmwb);
        }

        private static void noValue(Map.Entry<String, String> p, String where) {
            if (p.getValue() != null) {
                throw new WsProtocolException(p.getKey() + " must not have a value, got \"" + p.getValue() + "\" in \""
                        + where + "\" (RFC 7692 section 7.1.1)");
            }
        }

        private static String render(ExtensionHeader.Extension e) {
            StringBuilder sb = new StringBuilder(e.name());
            e.params().forEach(p -> sb.append("; ").append(p.getKey()).append(p.getValue() == null ? "" : "=" + p.getValue()));
            return sb.toString();
        }

        /** Why this response cannot answer {@code offer}, or null if it can. */
        String mismatch(DeflateOffer offer) {
            if (offer.serverNoContextTakeover() && !serverNoContextTakeover) {
                return "offer \"" + offer.headerValue() + "\" asked for server_no_context_takeover, which a server"
                        + " accepts by including it (RFC 7692 section 7.1.1.1)";
            }
            if (offer.serverMaxWindowBits().isPresent()) {
                int asked = offer.serverMaxWindowBits().getAsInt();
                if (serverMaxWindowBits == null || serverMaxWindowBits > asked) {
                    return "offer \"" + offer.headerValue() + "\" asked for server_max_window_bits=" + asked
                            + ", which a server accepts with the same or a smaller value (RFC 7692 section 7.1.2.1)";
                }
            }
            if (clientMaxWindowBits != null && !offer.clientMaxWindowBitsOffered()) {
                return "client_max_window_bits is in the response but offer \"" + offer.headerValue()
                        + "\" does not allow it (RFC 7692 section 7.1.2.2)";
            }
            return null;
        }

        DeflateParameters parametersFor(DeflateOffer offer) {
            int client = clientMaxWindowBits == null ? MAX_WINDOW_BITS : clientMaxWindowBits;
            if (offer.clientMaxWindowBits().isPresent()) {
                client = Math.min(client, offer.clientMaxWindowBits().getAsInt());
            }
            return new DeflateParameters(serverNoContextTakeover,
                    clientNoContextTakeover || offer.clientNoContextTakeover(),
                    serverMaxWindowBits == null ? MAX_WINDOW_BITS : serverMaxWindowBits, client);
        }
    }
}
