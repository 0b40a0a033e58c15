package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.client.WsHandshakeException;
import dev.wstest.protocol.WsUrl;
import dev.wstest.record.Redactor;
import dev.wstest.syntax.InvalidSyntaxException;
import dev.wstest.syntax.SizeSyntax;
import dev.wstest.tls.TlsTrust;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Connection options shared by session, listen, send, ping, proxy and conformance: headers, subprotocols, TLS,
 * timeouts, the message size limit, permessage-deflate, lenient.
 */
final class ConnectionMixin {

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "A request header for the handshake (repeatable), like -H 'Authorization: Bearer x'.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--subprotocol", paramLabel = "NAME",
            description = "Offer this subprotocol (repeatable, in order of preference).")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = {"-k", "--insecure"},
            description = "wss:// without verifying the server certificate (test servers only).")
    boolean insecure;

    @Option(names = "--ca", paramLabel = "FILE", description = "wss://: trust the PEM certificate(s) in FILE.")
    Path ca;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "How long the handshake may take (default: 5s).")
    Duration connectTimeout = Duration.ofSeconds(5);

    @Option(names = "--send-timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "How long one send may block, e.g. on a peer that stopped reading (default: 10s).")
    Duration sendTimeout = WsClient.DEFAULT_SEND_TIMEOUT;

    @Option(names = "--max-message-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "The largest message accepted, like 512KiB or 16MiB; a bigger one is refused with 1009"
                    + " (default: 4MiB).")
    int maxMessageBytes = WsClient.DEFAULT_MAX_MESSAGE_BYTES;

    @Option(names = "--deflate", description = "Offer permessage-deflate (RFC 7692); messages are compressed when the"
            + " server accepts, and shown decompressed, marked RSV1 with their size on the wire.")
    boolean deflate;

    @Option(names = "--lenient", description = "Record protocol violations (VIOLATION lines) without failing the"
            + " connection; Tyrus then decides what the frame does. By default a violation fails the connection with"
            + " 1002 (1007 for invalid UTF-8), as a strict client would.")
    boolean lenient;

    /** The request headers as given, in order. */
    Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "-H expects 'Name: value' but got '" + h + "'");
            }
            String name = h.substring(0, colon).trim();
            map.put(name, Redactor.DEFAULT.noteHeader(name, h.substring(colon + 1).trim()));
        }
        return map;
    }

    static URI parseUrl(String url) {
        try {
            URI uri = new URI(Redactor.DEFAULT.noteUrl(url));
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("ws") || uri.getScheme().equalsIgnoreCase("wss"))
                    || uri.getHost() == null) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "expected a ws:// or wss:// URL but got '" + url + "'");
            }
            WsUrl.of(uri); // the one rule for WebSocket URLs (no #fragment, ...); its message says what is wrong
            return uri;
        } catch (URISyntaxException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "not a URL: '" + url + "' (" + e.getReason() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
    }

    /** The TLS trust the options ask for: --insecure, --ca FILE, or the JDK default. */
    TlsTrust trust() {
        if (insecure && ca != null) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "give either --insecure or --ca, not both");
        }
        if (insecure) {
            return TlsTrust.trustAll();
        }
        if (ca == null) {
            return TlsTrust.jdkDefault();
        }
        if (!Files.isReadable(ca)) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot read --ca " + ca);
        }
        try {
            return TlsTrust.certificates(ca);
        } catch (RuntimeException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--ca " + ca + ": " + e.getMessage(), e);
        }
    }

    /** Connects, or throws a {@link CliFailure} with one line that says why not. */
    WsClient connect(URI uri, String name) {
        WsClient.Builder b = WsClient.builder(uri).name(name).connectTimeout(connectTimeout).headers(headerMap())
                .sendTimeout(sendTimeout).maxMessageBytes(maxMessageBytes).tls(trust());
        if (!subprotocols.isEmpty()) {
            b.subprotocols(subprotocols.toArray(String[]::new));
        }
        if (deflate) {
            b.permessageDeflate();
        }
        if (lenient) {
            b.lenient();
        }
        try {
            return b.connect();
        } catch (WsHandshakeException e) {
            throw new CliFailure(ExitCodes.CONNECTION_FAILED, "handshake refused by " + uri + ": HTTP " + e.status()
                    + (e.handshake().reasonPhrase().isEmpty() ? "" : " " + e.handshake().reasonPhrase()), e);
        } catch (WsConnectException e) {
            throw new CliFailure(ExitCodes.CONNECTION_FAILED, tlsHintForCli(firstLine(e.getMessage())), e);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, firstLine(e.getMessage()), e);
        }
    }

    /**
     * A TLS failure explained by {@code TlsTrust} ends with what to do in Java; on the command line the fix is
     * an option. Other messages are returned as they are.
     */
    String tlsHintForCli(String message) {
        int cut = message.indexOf(" Trusting:");
        if (!message.contains("the TLS handshake failed") || cut < 0) {
            return message;
        }
        String hint = insecure ? "" : message.contains("not valid for the host name")
                ? " Connect with a host name the certificate was issued for, or use --insecure for a test server."
                : ca != null ? " The certificate in --ca " + ca + " does not vouch for it; use --insecure for a test"
                + " server." : " Trust the server's certificate with --ca FILE, or use --insecure for a test server.";
        return message.substring(0, cut) + hint;
    }

    /**
     * Why the client's connection counts as broken, if it does: it was dropped without a closing handshake
     * (1006) or closed with an error code. A normal close (1000, 1001, application codes) is not broken.
     */
    static Optional<String> broken(WsClient client) {
        return client.closeStatus().filter(s -> s.isAbnormal() || ERROR_CODES.contains(s.code()))
                .map(s -> "the connection broke: " + s);
    }

    private static final java.util.Set<Integer> ERROR_CODES = java.util.Set.of(1002, 1003, 1006, 1007, 1008, 1009,
            1010, 1011, 1014, 1015);

    /** A size in the one notation (docs/syntax.md): 65536, 512KiB, 16MiB. */
    static final class SizeConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return SizeSyntax.parse(value);
            } catch (InvalidSyntaxException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
