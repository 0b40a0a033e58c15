package dev.wstest.samples.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The chat protocol, the same as the Jakarta sample's {@code ChatRoomEndpoint}: connect to {@code /rooms/<room>}
 * offering subprotocol {@value #SUBPROTOCOL}; get {@code {"type":"welcome","room":...,"user":...}} while the
 * others get {@code {"type":"joined","user":...}}; {@code {"type":"say","text":...}} reaches everyone in the
 * room as {@code {"type":"msg","from":...,"text":...}}; {@code {"type":"leave"}} closes with {@value #LEFT}
 * "left" and the others get {@code {"type":"left","user":...}}. Without {@value #SUBPROTOCOL} the server
 * closes with 1002; a text that is not a chat message closes with {@value #BAD_MESSAGE}, and a binary message
 * with 1003 ({@link TextWebSocketHandler} does that).
 */
@Component
public class ChatHandler extends TextWebSocketHandler {

    public static final String SUBPROTOCOL = "chat.v1";
    public static final int LEFT = 4000;
    public static final int BAD_MESSAGE = 4400;

    private final ObjectMapper json;
    /** Room name to its members' sessions, each decorated so that concurrent sends are serialised. */
    private final Map<String, Set<WebSocketSession>> rooms = new ConcurrentHashMap<>();

    public ChatHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (!SUBPROTOCOL.equals(session.getAcceptedProtocol())) {
            session.close(CloseStatus.PROTOCOL_ERROR.withReason("subprotocol " + SUBPROTOCOL + " required"));
            return;
        }
        WebSocketSession member = new ConcurrentWebSocketSessionDecorator(session, 5_000, 1 << 20);
        String room = room(session);
        broadcast(room, json.createObjectNode().put("type", "joined").put("user", user(session)));
        // In the room before the welcome goes out: once welcomed, a member hears everything said.
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(member);
        send(member, json.createObjectNode().put("type", "welcome").put("room", room).put("user", user(session)));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        JsonNode received;
        try {
            received = json.readTree(message.getPayload());
        } catch (JsonProcessingException e) {
            session.close(new CloseStatus(BAD_MESSAGE, "bad message: not JSON"));
            return;
        }
        switch (received.path("type").asText()) {
            case "say" -> broadcast(room(session), json.createObjectNode().put("type", "msg")
                    .put("from", user(session)).put("text", received.path("text").asText()));
            case "leave" -> session.close(new CloseStatus(LEFT, "left"));
            default -> session.close(new CloseStatus(BAD_MESSAGE, "bad message: unknown type"));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Set<WebSocketSession> members = rooms.getOrDefault(room(session), Set.of());
        if (members.removeIf(m -> m.getId().equals(session.getId()))) {
            broadcast(room(session), json.createObjectNode().put("type", "left").put("user", user(session)));
        }
    }

    private static String room(WebSocketSession session) {
        String path = session.getUri() == null ? "/" : session.getUri().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String user(WebSocketSession session) {
        return (String) session.getAttributes().get(TokenInterceptor.USER);
    }

    private void broadcast(String room, ObjectNode message) {
        for (WebSocketSession member : rooms.getOrDefault(room, Set.of())) {
            try {
                send(member, message);
            } catch (IOException | IllegalStateException gone) {
                // A member whose connection just dropped must not keep the others from the message.
            }
        }
    }

    private void send(WebSocketSession session, ObjectNode message) throws IOException {
        if (session.isOpen()) {
            session.sendMessage(new TextMessage(json.writeValueAsString(message)));
        }
    }
}
