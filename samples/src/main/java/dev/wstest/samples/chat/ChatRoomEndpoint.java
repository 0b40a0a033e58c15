package dev.wstest.samples.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/**
 * A small chat server of the kind ws-test is meant to test: one room per path.
 *
 * <ul>
 *   <li>on connect it sends {@code {"type":"welcome","room":"<room>"}};</li>
 *   <li>every other text is relayed as {@code {"type":"msg","text":"<text>"}} to everyone in the same room,
 *   the sender included;</li>
 *   <li>the text {@code leave} closes the connection with code {@value #LEFT} and reason "left".</li>
 * </ul>
 */
@ServerEndpoint("/rooms/{room}")
public class ChatRoomEndpoint {

    /** Close code sent when a member leaves (4000-4999 are for applications). */
    public static final int LEFT = 4000;

    @OnOpen
    public void join(Session session, @PathParam("room") String room) throws IOException {
        send(session, "{\"type\":\"welcome\",\"room\":\"" + escape(room) + "\"}");
    }

    @OnMessage
    public void message(Session session, String text, @PathParam("room") String room) throws IOException {
        if (text.equals("leave")) {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(LEFT), "left"));
            return;
        }
        String relayed = "{\"type\":\"msg\",\"text\":\"" + escape(text) + "\"}";
        // getOpenSessions() holds every session of this endpoint, whatever the room.
        for (Session member : session.getOpenSessions()) {
            if (member.isOpen() && room.equals(member.getPathParameters().get("room"))) {
                try {
                    send(member, relayed);
                } catch (IOException gone) {
                    // A member whose connection just dropped must not keep the others from the message.
                }
            }
        }
    }

    /** Several threads may relay to the same member at once; a session's basic remote sends one at a time. */
    private static void send(Session session, String text) throws IOException {
        synchronized (session) {
            session.getBasicRemote().sendText(text);
        }
    }

    /** Just enough JSON string escaping for chat texts. */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
