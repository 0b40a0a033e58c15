package dev.wstest.samples.chat;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code Authorization: Bearer <token>} header of the upgrade request and, when the token is valid,
 * hands the user's name to the endpoint. A toy token scheme, good enough for a sample: the token of user
 * {@code alice} is {@code alice-token}.
 *
 * <p>Jakarta WebSocket 2.1 makes the user properties seen here a per-connection copy that becomes the session's
 * user properties, so concurrent handshakes cannot see each other's user.
 */
public class ChatAuthenticator extends ServerEndpointConfig.Configurator {

    /** Session user property holding the authenticated user's name. */
    public static final String USER = "chat.user";

    private static final Pattern BEARER = Pattern.compile("Bearer ([a-z][a-z0-9]{0,31})-token");

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().remove(USER);
        user(request.getHeaders().get("Authorization")).ifPresent(user -> config.getUserProperties().put(USER, user));
    }

    /** The user a token belongs to, if it is a valid token. */
    static Optional<String> user(List<String> authorization) {
        if (authorization == null || authorization.size() != 1) {
            return Optional.empty();
        }
        Matcher m = BEARER.matcher(authorization.get(0));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
