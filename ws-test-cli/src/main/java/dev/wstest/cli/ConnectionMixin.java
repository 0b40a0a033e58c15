package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.client.WsClient;
import dev.wstest.client.WsConnectException;
import dev.wstest.client.WsHandshakeException;
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
import picocli.CommandLine.Option;

/**
 * Connection options shared by session, listen, send, ping and conformance: headers, subprotocols, TLS,
 * connect timeout.
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

    /** The request headers as given, in order. */
    Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "-H expects 'Name: value' but got '" + h + "'");
            }
            map.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        return map;
    }

    static URI parseUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("ws") || uri.getScheme().equalsIgnoreCase("wss"))
                    || uri.getHost() == null) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "expected a ws:// or wss:// URL but got '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "not a URL: '" + url + "' (" + e.getReason() + ")", e);
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
                .tls(trust());
        if (!subprotocols.isEmpty()) {
            b.subprotocols(subprotocols.toArray(String[]::new));
        }
        try {
            return b.connect();
        } catch (WsHandshakeException e) {
            throw new CliFailure(ExitCodes.CONNECTION_FAILED, "handshake refused by " + uri + ": HTTP " + e.status()
                    + (e.handshake().reasonPhrase().isEmpty() ? "" : " " + e.handshake().reasonPhrase()), e);
        } catch (WsConnectException e) {
            String why = firstLine(e.getMessage());
            switch (e.reason()) {
                case TLS:
                    int cut = why.indexOf(" Trusting:");
                    why = (cut > 0 ? why.substring(0, cut) : why)
                            + (insecure || ca != null ? "" : " Trust the server's certificate with --ca FILE, or use"
                            + " --insecure for a test server.");
                    break;
                default:
                    break;
            }
            throw new CliFailure(ExitCodes.CONNECTION_FAILED, why, e);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, firstLine(e.getMessage()), e);
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
