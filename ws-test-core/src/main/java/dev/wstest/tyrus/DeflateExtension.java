package dev.wstest.tyrus;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.protocol.DeflateOffer;
import dev.wstest.protocol.DeflateParameters;
import dev.wstest.protocol.PerMessageDeflater;
import dev.wstest.protocol.PerMessageInflater;
import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import org.apiguardian.api.API;
import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * permessage-deflate (RFC 7692) for Tyrus, through its extension SPI, with the wire's own codec
 * ({@link PerMessageDeflater}, {@link PerMessageInflater}, {@link DeflateOffer}, {@link DeflateParameters}):
 * one deflate implementation for the raw client, the conformance suite, the recorder and Tyrus's endpoints.
 *
 * <p>Chosen over Tyrus's own {@code tyrus-extension-deflate}, which ignores every parameter (it answers an
 * offer with a bare {@code permessage-deflate}, keeps its context whatever was negotiated and cannot limit
 * its window), so that a test can ask for and honour {@code *_no_context_takeover} and
 * {@code *_max_window_bits}.
 *
 * <p>One instance per connection: the client creates one per connection attempt ({@link #offering}); the
 * server one per accepted handshake ({@link #accepting}). Tyrus hands it every frame after the recorder saw
 * it on the wire: outgoing data frames are compressed here (a fragmented message frame by frame), incoming
 * compressed ones inflated and their RSV1 cleared, which Tyrus requires before it processes a frame.
 */
@API(status = INTERNAL, since = "0.1")
public final class DeflateExtension implements ExtendedExtension {

    private static final byte CONTINUATION = 0x0;
    private static final byte TEXT = 0x1;
    private static final byte BINARY = 0x2;

    private final DeflateParameters.Role role;
    private final DeflateOffer offer;
    private final List<Parameter> parameters;
    private volatile DeflateParameters negotiated;
    private PerMessageDeflater deflater;
    private PerMessageInflater inflater;
    /** Whether the incoming message being read arrived compressed (RSV1 on its first frame). */
    private boolean inCompressed;

    private DeflateExtension(DeflateParameters.Role role, DeflateOffer offer, List<Parameter> parameters,
                             DeflateParameters negotiated) {
        this.role = role;
        this.offer = offer;
        this.parameters = parameters;
        if (negotiated != null) {
            start(negotiated);
        }
    }

    /** Client side: offers {@code offer}; the server's answer sets the parameters. */
    public static DeflateExtension offering(DeflateOffer offer) {
        return new DeflateExtension(DeflateParameters.Role.CLIENT, offer, parametersOf(offer.headerValue()), null);
    }

    /**
     * Server side: the extension of a connection whose handshake accepted an offer with {@code accepted};
     * {@code responseElement} is what the 101 response says ({@link DeflateOffer#responseFor}).
     */
    public static DeflateExtension accepting(DeflateParameters accepted, String responseElement) {
        return new DeflateExtension(DeflateParameters.Role.SERVER, null, parametersOf(responseElement), accepted);
    }

    /** The parameters once negotiated; null before the client saw the server's answer. */
    public DeflateParameters negotiated() {
        return negotiated;
    }

    /**
     * Client side: the parameters a {@code Sec-WebSocket-Extensions} response value sets up for this offer.
     *
     * @throws dev.wstest.protocol.WsProtocolException naming the RFC 7692 rule when the answer is one the
     *         client must fail the connection for
     */
    public java.util.Optional<DeflateParameters> parametersFor(String responseHeaderValue) {
        return DeflateParameters.fromResponse(List.of(offer), responseHeaderValue);
    }

    private synchronized void start(DeflateParameters p) {
        negotiated = p;
        deflater = p.deflater(role, Deflater.DEFAULT_COMPRESSION);
        DeflateParameters.Role peer = role == DeflateParameters.Role.CLIENT ? DeflateParameters.Role.SERVER
                : DeflateParameters.Role.CLIENT;
        // no size limit here: the recorder refuses a message that inflates beyond maxMessageBytes before it
        // reaches Tyrus, and so this inflater never sees it
        inflater = p.inflater(peer, Long.MAX_VALUE);
    }

    @Override
    public String getName() {
        return DeflateParameters.EXTENSION_NAME;
    }

    @Override
    public List<Parameter> getParameters() {
        return parameters;
    }

    @Override
    public List<Parameter> onExtensionNegotiation(ExtensionContext context, List<Parameter> requestedParameters) {
        return parameters; // negotiated before Tyrus asks (see WsServer); Tyrus asks again to write the header
    }

    @Override
    public void onHandshakeResponse(ExtensionContext context, List<Parameter> responseParameters) {
        start(parametersFor(element(DeflateParameters.EXTENSION_NAME, responseParameters)).orElseThrow());
    }

    /**
     * An extension as a {@code Sec-WebSocket-Extensions} element, {@code name; param; param=value}: how Tyrus's
     * parsed extensions are handed to the wire's parsers.
     */
    public static String element(String name, List<Parameter> parameters) {
        StringBuilder element = new StringBuilder(name);
        for (Parameter p : parameters) {
            element.append("; ").append(p.getName());
            if (p.getValue() != null && !p.getValue().isEmpty()) {
                element.append('=').append(p.getValue());
            }
        }
        return element.toString();
    }

    @Override
    public Frame processIncoming(ExtensionContext context, Frame frame) {
        if (negotiated == null || frame.isControlFrame()) {
            return frame;
        }
        if (frame.getOpcode() == TEXT || frame.getOpcode() == BINARY) {
            inCompressed = frame.isRsv1();
        }
        if (!inCompressed) {
            return frame;
        }
        byte[] plain;
        synchronized (this) {
            plain = inflater.decompress(frame.getPayloadData(), frame.isFin());
        }
        return Frame.builder(frame).rsv1(false).payloadData(plain).payloadLength(plain.length).build();
    }

    @Override
    public Frame processOutgoing(ExtensionContext context, Frame frame) {
        if (negotiated == null || frame.isControlFrame()) {
            return frame;
        }
        byte[] compressed;
        synchronized (this) {
            // Tyrus sends a message's frames in order under its send lock; the lock here only pairs the
            // deflater with a concurrent close
            compressed = deflater.compress(frame.getPayloadData(), frame.isFin());
        }
        return Frame.builder(frame).rsv1(frame.getOpcode() != CONTINUATION).payloadData(compressed)
                .payloadLength(compressed.length).build();
    }

    @Override
    public synchronized void destroy(ExtensionContext context) {
        if (deflater != null) {
            deflater.close();
        }
        if (inflater != null) {
            inflater.close();
        }
    }

    /** The parameters of a header element, as Tyrus writes them: {@code name} or {@code name=value}. */
    private static List<Parameter> parametersOf(String element) {
        List<Parameter> out = new ArrayList<>();
        String[] parts = element.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq).trim();
            String value = eq < 0 ? null : p.substring(eq + 1).trim();
            out.add(new Param(name, value));
        }
        return List.copyOf(out);
    }

    private record Param(String name, String value) implements Parameter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getValue() {
            return value;
        }

        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    /** For messages: the parameters once negotiated, else the offer. */
    @Override
    public String toString() {
        return negotiated != null ? String.valueOf(negotiated) : String.valueOf(offer);
    }
}
