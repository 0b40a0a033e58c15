package dev.wstest.samples.spring;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses the upgrade with HTTP 401 unless the request carries {@code Authorization: Bearer <user>-token} (a
 * toy token scheme, good enough for a sample), and hands the user's name to the handler.
 */
public class TokenInterceptor implements HandshakeInterceptor {

    /** Session attribute holding the authenticated user's name. */
    public static final String USER = "chat.user";

    private static final Pattern BEARER = Pattern.compile("Bearer ([a-z][a-z0-9]{0,31})-token");

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        Matcher m = BEARER.matcher(authorization == null ? "" : authorization);
        if (!m.matches()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return false;
        }
        attributes.put(USER, m.group(1));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
