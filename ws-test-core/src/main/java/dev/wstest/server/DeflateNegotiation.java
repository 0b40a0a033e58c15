package dev.wstest.server;

import dev.wstest.protocol.DeflateOffer;
import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.WsProtocolException;
import dev.wstest.tyrus.DeflateExtension;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Optional;

/**
 * The embedded server's side of permessage-deflate: a configurator that accepts the client's first
 * permessage-deflate offer it can (RFC 7692 section 5), tightened by the server's wishes, and hands Tyrus a
 * fresh {@link DeflateExtension} for the connection. Everything else the configurator does is the container
 * default's.
 */
class DeflateNegotiation extends ServerEndpointConfig.Configurator {

    private final DeflateParameters wishes;

    /** @param wishes the server's own parameters; null to negotiate no extension */
    DeflateNegotiation(DeflateParameters wishes) {
        this.wishes = wishes;
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        if (wishes == null) {
            return super.getNegotiatedExtensions(installed, requested);
        }
        StringBuilder offers = new StringBuilder();
        for (Extension e : requested) {
            if (DeflateParameters.EXTENSION_NAME.equalsIgnoreCase(e.getName())) {
                offers.append(offers.length() == 0 ? "" : ", ")
                        .append(DeflateExtension.element(e.getName(), e.getParameters()));
            }
        }
        List<DeflateOffer> acceptable = DeflateOffer.parseAll(offers.toString());
        if (acceptable.isEmpty()) {
            return List.of();
        }
        DeflateOffer offer = acceptable.get(0);
        DeflateParameters accepted = offer.accept(wishes);
        return List.of(DeflateExtension.accepting(accepted, offer.responseFor(accepted)));
    }

    /**
     * What a handshake set up, read back from the request's offers and the 101 response (so that the recorder
     * inflates whatever negotiated the extension); empty when permessage-deflate was not negotiated.
     */
    static Optional<DeflateParameters> negotiated(ServerHandshake handshake, List<String> answered) {
        if (answered.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<DeflateOffer> offers = DeflateOffer.parseAll(String.join(", ",
                    handshake.headers().all("Sec-WebSocket-Extensions")));
            return offers.isEmpty() ? Optional.empty()
                    : DeflateParameters.fromResponse(offers, String.join(", ", answered));
        } catch (WsProtocolException notOurs) {
            return Optional.empty();
        }
    }
}
