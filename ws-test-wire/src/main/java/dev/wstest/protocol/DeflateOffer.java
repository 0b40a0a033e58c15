package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One permessage-deflate offer of a client (RFC 7692 section 7.1), as it goes into the
 * {@code Sec-WebSocket-Extensions} request header.
 *
 * <pre>{@code
 * DeflateOffer.standard()                                   // permessage-deflate; client_max_window_bits
 * DeflateOffer.standard().withServerNoContextTakeover()     // ...; server_no_context_takeover
 * DeflateOffer.plain().withServerMaxWindowBits(10)          // permessage-deflate; server_max_window_bits=10
 * }</pre>
 *
 * @param serverNoContextTakeover the client asks the server to reset its context after every message
 * @param clientNoContextTakeover the client announces it resets its own context after every message
 * @param serverMaxWindowBits the window the client asks the server to stay within (8-15), if any
 * @param clientMaxWindowBitsOffered the client lets the server limit the client's window
 * @param clientMaxWindowBits the client's own limit sent as a hint with that parameter (8-15), if any
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DeflateOffer(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                           OptionalInt serverMaxWindowBits, boolean clientMaxWindowBitsOffered,
                           OptionalInt clientMaxWindowBits) {

    public DeflateOffer {
        serverMaxWindowBits.ifPresent(b -> DeflateParameters.checkBits("server_max_window_bits", b));
        clientMaxWindowBits.ifPresent(b -> DeflateParameters.checkBits("client_max_window_bits", b));
        if (clientMaxWindowBits.isPresent() && !clientMaxWindowBitsOffered) {
            throw new IllegalArgumentException("a client_max_window_bits value needs clientMaxWindowBitsOffered");
        }
    }

    /** {@code permessage-deflate; client_max_window_bits}: what browsers offer. */
    public static DeflateOffer standard() {
        return new DeflateOffer(false, false, OptionalInt.empty(), true, OptionalInt.empty());
    }

    /** {@code permessage-deflate} without parameters. */
    public static DeflateOffer plain() {
        return new DeflateOffer(false, false, OptionalInt.empty(), false, OptionalInt.empty());
    }

    public DeflateOffer withServerNoContextTakeover() {
        return new DeflateOffer(true, clientNoContextTakeover, serverMaxWindowBits, clientMaxWindowBitsOffered,
                clientMaxWindowBits);
    }

    public DeflateOffer withClientNoContextTakeover() {
        return new DeflateOffer(serverNoContextTakeover, true, serverMaxWindowBits, clientMaxWindowBitsOffered,
                clientMaxWindowBits);
    }

    public DeflateOffer withServerMaxWindowBits(int bits) {
        return new DeflateOffer(serverNoContextTakeover, clientNoContextTakeover, OptionalInt.of(bits),
                clientMaxWindowBitsOffered, clientMaxWindowBits);
    }

    /** Lets the server limit the client's window ({@code client_max_window_bits} without a value). */
    public DeflateOffer withClientMaxWindowBits() {
        return new DeflateOffer(serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, true,
                OptionalInt.empty());
    }

    public DeflateOffer withClientMaxWindowBits(int bits) {
        return new DeflateOffer(serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, true,
                OptionalInt.of(bits));
    }

    /** The offer as a {@code Sec-WebSocket-Extensions} element. */
    public String headerValue() {
        StringBuilder sb = new StringBuilder(DeflateParameters.EXTENSION_NAME);
        if (clientNoContextTakeover) {
            sb.append("; client_no_context_takeover");
        }
        if (clientMaxWindowBitsOffered) {
            sb.append("; client_max_window_bits");
            clientMaxWindowBits.ifPresent(b -> sb.append('=').append(b));
        }
        if (serverNoContextTakeover) {
            sb.append("; server_no_context_takeover");
        }
        serverMaxWindowBits.ifPresent(b -> sb.append("; server_max_window_bits=").append(b));
        return sb.toString();
    }

    /**
     * Server side: the permessage-deflate offers in a request's {@code Sec-WebSocket-Extensions} value, in
     * the client's order of preference. Offers a server must decline (unknown or repeated parameters, bad
     * values; RFC 7692 section 5) are left out; other extensions are ignored.
     */
    public static List<DeflateOffer> parseAll(String requestHeaderValue) {
        List<DeflateOffer> out = new ArrayList<>();
        if (requestHeaderValue == null) {
            return out;
        }
        for (ExtensionHeader.Extension e : ExtensionHeader.parse(requestHeaderValue)) {
            if (e.name().equals(DeflateParameters.EXTENSION_NAME)) {
                try {
                    out.add(parse(e));
                } catch (WsProtocolException | IllegalArgumentException declined) {
                    // a server declines an offer it cannot parse and looks at the next one
                }
            }
        }
        return out;
    }

    private static DeflateOffer parse(ExtensionHeader.Extension e) {
        boolean snct = false;
        boolean cnct = false;
        OptionalInt smwb = OptionalInt.empty();
        boolean cmwbOffered = false;
        OptionalInt cmwb = OptionalInt.empty();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> p : e.params()) {
            String name = p.getKey();
            if (!seen.add(name)) {
                throw new WsProtocolException("parameter " + name + " appears twice");
            }
            switch (name) {
                case "server_no_context_takeover":
                    snct = noValue(p);
                    break;
                case "client_no_context_takeover":
                    cnct = noValue(p);
                    break;
                case "server_max_window_bits":
                    smwb = OptionalInt.of(DeflateParameters.parseBits(name, p.getValue(), e.name()));
                    break;
                case "client_max_window_bits":
                    cmwbOffered = true;
                    if (p.getValue() != null) {
                        cmwb = OptionalInt.of(DeflateParameters.parseBits(name, p.getValue(), e.name()));
                    }
                    break;
                default:
                    throw new WsProtocolException("unknown parameter " + name);
            }
        }
        return new DeflateOffer(snct, cnct, smwb, cmwbOffered, cmwb);
    }

    private static boolean noValue(Map.Entry<String, String> p) {
        if (p.getValue() != null) {
            throw new WsProtocolException(p.getKey() + " must not have a value");
        }
        return true;
    }

    /**
     * Server side: accepts this offer, adding what the server itself wants (which may only tighten the
     * offer: reset a context, or use a smaller window). A server that wants the client's window limited
     * while the client did not offer {@code client_max_window_bits} cannot say so; the client then uses 15.
     *
     * @param server the server's wishes; {@link DeflateParameters#defaults()} accepts the offer as it is
     */
    public DeflateParameters accept(DeflateParameters server) {
        int serverBits = Math.min(server.serverMaxWindowBits(),
                serverMaxWindowBits.orElse(DeflateParameters.MAX_WINDOW_BITS));
        int clientBits = DeflateParameters.MAX_WINDOW_BITS;
        if (clientMaxWindowBitsOffered) {
            clientBits = Math.min(server.clientMaxWindowBits(),
                    clientMaxWindowBits.orElse(DeflateParameters.MAX_WINDOW_BITS));
        }
        return new DeflateParameters(serverNoContextTakeover || server.serverNoContextTakeover(),
                clientNoContextTakeover || server.clientNoContextTakeover(), serverBits, clientBits);
    }

    /**
     * Server side: the response element that accepts this offer with {@code accepted} (from
     * {@link #accept}). It names every parameter that differs from the default, and
     * {@code server_max_window_bits} whenever the offer asked for it, which is how a server accepts that
     * request (RFC 7692 section 7.1.2.1).
     */
    public String responseFor(DeflateParameters accepted) {
        StringBuilder sb = new StringBuilder(DeflateParameters.EXTENSION_NAME);
        if (accepted.serverNoContextTakeover()) {
            sb.append("; server_no_context_takeover");
        }
        if (accepted.clientNoContextTakeover()) {
            sb.append("; client_no_context_takeover");
        }
        if (serverMaxWindowBits.isPresent() || accepted.serverMaxWindowBits() < DeflateParameters.MAX_WINDOW_BITS) {
            sb.append("; server_max_window_bits=").append(accepted.serverMaxWindowBits());
        }
        if (clientMaxWindowBitsOffered && accepted.clientMaxWindowBits() < DeflateParameters.MAX_WINDOW_BITS) {
            sb.append("; client_max_window_bits=").append(accepted.clientMaxWindowBits());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return headerValue();
    }
}
