package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A parsed {@code ws://} or {@code wss://} URL (RFC 6455 section 3): default ports 80 and 443, IPv6
 * literals in brackets, path and query kept as the request target, fragments rejected.
 *
 * <pre>{@code
 * WsUrl u = WsUrl.parse("wss://[::1]/chat?room=1");
 * u.host();          // "::1"
 * u.port();          // 443
 * u.hostHeader();    // "[::1]"
 * u.requestTarget(); // "/chat?room=1"
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WsUrl {

    private final boolean secure;
    private final String host;
    private final int port;
    private final String requestTarget;

    private WsUrl(boolean secure, String host, int port, String requestTarget) {
        this.secure = secure;
        this.host = host;
        this.port = port;
        this.requestTarget = requestTarget;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong and what is expected
     */
    public static WsUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a WebSocket URL is required, e.g. ws://127.0.0.1:8080/echo");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + url + "\" is not a valid URL: " + e.getMessage()
                    + " (expected e.g. ws://127.0.0.1:8080/echo)", e);
        }
        return of(uri);
    }

    /** @throws IllegalArgumentException naming what is wrong and what is expected */
    public static WsUrl of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure;
        if (scheme.equals("ws")) {
            secure = false;
        } else if (scheme.equals("wss")) {
            secure = true;
        } else {
            throw new IllegalArgumentException("\"" + uri + "\" has scheme \"" + scheme + "\"; a WebSocket URL"
                    + " starts with ws:// or wss://");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("\"" + uri + "\" has a fragment (#" + uri.getRawFragment()
                    + "); WebSocket URLs must not have one (RFC 6455 section 3)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("\"" + uri + "\" has no host; expected e.g. ws://127.0.0.1:8080/echo");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new WsUrl(secure, host, port, target);
    }

    public boolean isSecure() {
        return secure;
    }

    /** The host name or address, IPv6 literals without brackets. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Path and query, e.g. {@code /chat?room=1}; {@code /} when the URL has no path. */
    public String requestTarget() {
        return requestTarget;
    }

    /** The value of the Host header: brackets around IPv6 literals, port only when not the default. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = port == (secure ? 443 : 80);
        return defaultPort ? h : h + ":" + port;
    }

    public URI toUri() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return URI.create((secure ? "wss" : "ws") + "://" + h + ":" + port + requestTarget);
    }

    @Override
    public String toString() {
        return (secure ? "wss://" : "ws://") + hostHeader() + requestTarget;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WsUrl && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
