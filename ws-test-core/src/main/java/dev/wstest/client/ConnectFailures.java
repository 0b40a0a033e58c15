package dev.wstest.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns whatever Tyrus and Grizzly throw into one clear {@link WsConnectException}. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    /**
     * @param overran whether the connect was ended by ws-test's own deadline (Tyrus did not give up in time)
     */
    static WsConnectException translate(Throwable failure, String clientName, URI uri, WsClient.Builder options,
                                        Handshake handshake, boolean overran) {
        String prefix = "Cannot connect client \"" + clientName + "\" to "
                + options.redactorForMessages().redactUrl(uri.toString()) + ": ";
        if (handshake != null && handshake.status() != 101) {
            return new WsHandshakeException(clientName, uri, prefix + "the server refused the WebSocket upgrade"
                    + " with HTTP " + handshake.status() + statusText(handshake) + ".\n"
                    + handshake.format(options.redactorForMessages()), handshake, failure);
        }
        if (handshake != null) {
            return new WsConnectException(WsConnectException.Reason.INVALID_HANDSHAKE, clientName, uri,
                    prefix + "the server answered 101 but the upgrade is invalid (" + rootMessage(failure) + ").\n"
                            + handshake.format(options.redactorForMessages()), failure);
        }
        Throwable ssl = find(failure, SSLException.class);
        if (ssl != null) {
            return new WsConnectException(WsConnectException.Reason.TLS, clientName, uri, prefix
                    + options.tlsTrust().explainFailure(ssl, uri.getHost()), failure);
        }
        if (find(failure, UnresolvedAddressException.class) != null || find(failure, UnknownHostException.class) != null) {
            return new WsConnectException(WsConnectException.Reason.UNKNOWN_HOST, clientName, uri,
                    prefix + "unknown host \"" + uri.getHost() + "\".", failure);
        }
        Throwable refused = find(failure, ConnectException.class);
        if (refused != null || find(failure, NoRouteToHostException.class) != null) {
            return new WsConnectException(WsConnectException.Reason.CONNECTION_REFUSED, clientName, uri,
                    prefix + "connection refused (nothing listening on " + uri.getHost() + ":" + port(uri) + ").",
                    failure);
        }
        String message = rootMessage(failure);
        if (overran || find(failure, TimeoutException.class) != null || message.contains("not received")
                || message.toLowerCase(java.util.Locale.ROOT).contains("timeout")
                || message.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return new WsConnectException(WsConnectException.Reason.TIMEOUT, clientName, uri,
                    prefix + "no WebSocket handshake within the connect timeout of "
                            + options.connectTimeoutMillis() + " ms"
                            + (uri.getScheme().equalsIgnoreCase("wss") ? " (for wss://, a TLS handshake that never"
                            + " completes also ends here)" : "") + ".", failure);
        }
        return new WsConnectException(WsConnectException.Reason.OTHER, clientName, uri, prefix + message, failure);
    }

    private static String statusText(Handshake h) {
        return h.reasonPhrase().isEmpty() ? "" : " " + h.reasonPhrase();
    }

    static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            for (Throwable s : c.getSuppressed()) {
                T found = find(s, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        StringBuilder chain = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            root = c;
            if (c.getMessage() != null && chain.indexOf(c.getMessage()) < 0) {
                chain.append(chain.length() == 0 ? "" : ": ").append(c.getMessage());
            }
        }
        return chain.length() > 0 ? chain.toString() : root.getClass().getSimpleName();
    }
}
