package dev.wstest.samples.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small chat server of the kind ws-test is meant to test: one room per path, JSON messages, a bearer token
 * and a subprotocol required, and the server closing connections with meaningful codes.
 *
 * <p>Connect to {@code /rooms/<room>} offering subprotocol {@value #SUBPROTOCOL} with
 * {@code Authorization: Bearer <user>-token} (see {@link ChatAuthenticator}). Then:
 * <ul>
 *   <li>the new member gets {@code {"type":"welcome","room":"<room>","user":"<user>","members":[...]}}, and the
 *   others in the room {@code {"type":"joined","user":"<user>"}};</li>
 *   <li>{@code {"type":"say","text":"..."}} is relayed to everyone in the room, the sender included, as
 *   {@code {"type":"msg","from":"<user>","text":"..."}};</li>
 *   <li>{@code {"type":"leave"}} makes the server close with {@value #LEFT} "left"; the others in the room get
 *   {@code {"type":"left","user":"<user>"}} whenever a member's connection closes.</li>
 * </ul>
 * The server closes at once with {@value #UNAUTHORIZED} "unauthorized" without a valid token, with 1002
 * (protocol error) when the client did not offer {@value #SUBPROTOCOL}, with 1003 (unsupported data) on a
 * binary message, and with {@value #BAD_MESSAGE} on a text that is not a message it knows.
 */
@ServerEndpoint(value = "/rooms/{room}", subprotocols = ChatRoomEndpoint.SUBPROTOCOL,
        configurator = ChatAuthenticator.class)
public class ChatRoomEndpoint {

    /** The only subprotocol spoken. */
    public static final String SUBPROTOCOL = "chat.v1";
    /** Close code sent when a member leaves (4000-4999 are for applications). */
    public static final int LEFT = 4000;
    /** Close code for a text that is not a known message. */
    public static final int BAD_MESSAGE = 4400;
    /** Close code for a connection without a valid token. */
    public static final int UNAUTHORIZED = 4401;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Session user property set once the member has been welcomed. */
    private static final String JOINED = "chat.joined";

    @OnOpen
    public void join(Session session, @PathParam("room") String room) throws IOException {
        if (!session.getUserProperties().containsKey(ChatAuthenticator.USER)) {
            close(session, UNAUTHORIZED, "unauthorized");
            return;
        }
        if (!SUBPROTOCOL.equals(session.getNegotiatedSubprotocol())) {
            close(session, CloseReason.CloseCodes.PROTOCOL_ERROR.getCode(), "subprotocol " + SUBPROTOCOL + " required");
            return;
        }
        String user = user(session);
        ObjectNode welcome = JSON.createObjectNode().put("type", "welcome").put("room", room).put("user", user);
        members(session, room).forEach(welcome.putArray("members")::add);
        // A member in the room before the welcome goes out: once welcomed, they hear everything said.
        session.getUserProperties().put(JOINED, Boolean.TRUE);
        send(session, welcome);
        broadcast(session, room, JSON.createObjectNode().put("type", "joined").put("user", user), false);
    }

    @OnMessage
    public void message(Session session, String text, @PathParam("room") String room) throws IOException {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            close(session, BAD_MESSAGE, "bad message: not JSON");
            return;
        }
        switch (message.path("type").asText()) {
            case "say" -> broadcast(session, room, JSON.createObjectNode().put("type", "msg")
                    .put("from", user(session)).put("text", message.path("text").asText()), true);
            case "leave" -> close(session, LEFT, "left");
            default -> close(session, BAD_MESSAGE, "bad message: unknown type");
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer data) throws IOException {
        close(session, CloseReason.CloseCodes.CANNOT_ACCEPT.getCode(), "text only");
    }

    @OnClose
    public void leave(Session session, @PathParam("room") String room) {
        if (session.getUserProperties().containsKey(JOINED)) {
            broadcast(session, room, JSON.createObjectNode().put("type", "left").put("user", user(session)), false);
        }
    }

    private static String user(Session session) {
        return (String) session.getUserProperties().get(ChatAuthenticator.USER);
    }

    /** Whether the session is an open, welcomed member of the room. */
    private static boolean inRoom(Session session, String room) {
        return session.isOpen() && room.equals(session.getPathParameters().get("room"))
                && session.getUserProperties().containsKey(JOINED);
    }

    /** Users in the room, in no particular order. getOpenSessions() holds every session of this endpoint. */
    private static List<String> members(Session session, String room) {
        return session.getOpenSessions().stream()
                .filter(s -> s == session || inRoom(s, room))  // the newcomer is not in the room yet
                .map(ChatRoomEndpoint::user)
                .sorted()
                .collect(Collectors.toList());
    }

    private static void broadcast(Session from, String room, ObjectNode message, boolean includingSender) {
        for (Session member : from.getOpenSessions()) {
            if (inRoom(member, room) && (includingSender || member != from)) {
                try {
                    send(member, message);
                } catch (IOException gone) {
                    // A member whose connection just dropped must not keep the others from the message.
                }
            }
        }
    }

    /** Several threads may relay to the same member at once; a session's basic remote sends one at a time. */
    private static void send(Session session, ObjectNode message) throws IOException {
        String text = JSON.writeValueAsString(message);
        synchronized (session) {
            session.getBasicRemote().sendText(text);
        }
    }

    private static void close(Session session, int code, String reason) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }
}
