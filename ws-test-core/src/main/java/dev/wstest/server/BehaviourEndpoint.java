package dev.wstest.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.tyrus.NoIdleTimeout;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apiguardian.api.API;

/**
 * Internal: adapts a {@link ServerBehaviour} to a Jakarta endpoint, one instance per connection. Public only
 * because Tyrus calls its methods reflectively; it cannot be instantiated outside this package.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BehaviourEndpoint extends Endpoint {

    private final ServerBehaviour behaviour;
    private ServerConnection connection;

    BehaviourEndpoint(ServerBehaviour behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        connection = EmbeddedContainer.opening();
        if (connection == null) {
            throw new IllegalStateException("ws-test: endpoint opened outside the embedded server's upgrade");
        }
        NoIdleTimeout.apply(session);
        connection.attach(session);
        if (behaviour.handlesParts()) {
            session.addMessageHandler(String.class,
                    (MessageHandler.Partial<String>) (part, last) -> guard(() -> behaviour.onTextPart(connection, part, last)));
            session.addMessageHandler(ByteBuffer.class,
                    (MessageHandler.Partial<ByteBuffer>) (part, last) -> guard(() -> behaviour.onBinaryPart(connection, bytes(part), last)));
        } else {
            Reassembly whole = new Reassembly();
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
                String text = whole.text(part, last);
                if (text != null) {
                    guard(() -> behaviour.onText(connection, text));
                }
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
                byte[] data = whole.binary(bytes(part), last);
                if (data != null) {
                    guard(() -> behaviour.onBinary(connection, data));
                }
            });
        }
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> { });
        guard(() -> behaviour.onOpen(connection));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (connection == null) {
            return;
        }
        // Tyrus reports the session closed before it writes its answer to a close frame, and before the TCP
        // connection goes; once a close frame was exchanged, the TCP close is what ends the connection.
        if (connection.log().state() == dev.wstest.record.ConnectionState.OPEN) {
            connection.recorder().sessionClosed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
        guard(() -> behaviour.onClose(connection, reason.getCloseCode().getCode(), reason.getReasonPhrase()));
    }

    @Override
    public void onError(Session session, Throwable thr) {
        if (connection != null) {
            connection.recorder().error(thr.getClass().getSimpleName() + ": " + thr.getMessage());
        }
    }

    /** A behaviour that throws must not take the server down: the error goes into the connection's log. */
    private void guard(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            connection.recorder().error("server behaviour " + behaviour + " threw " + e);
        }
    }

    /**
     * Joins the parts of a fragmented message for a behaviour that wants whole ones; a message in one frame,
     * the common case, is handed on as it came, without a buffer or a copy.
     */
    private static final class Reassembly {
        private StringBuilder text;
        private ByteArrayOutputStream binary;

        /** The whole text once the last part arrived, else null. */
        String text(String part, boolean last) {
            if (last && (text == null || text.length() == 0)) {
                return part;
            }
            if (text == null) {
                text = new StringBuilder();
            }
            text.append(part);
            if (!last) {
                return null;
            }
            String whole = text.toString();
            text.setLength(0);
            return whole;
        }

        /** The whole message once the last part arrived, else null. */
        byte[] binary(byte[] part, boolean last) {
            if (last && (binary == null || binary.size() == 0)) {
                return part;
            }
            if (binary == null) {
                binary = new ByteArrayOutputStream();
            }
            binary.writeBytes(part);
            if (!last) {
                return null;
            }
            byte[] whole = binary.toByteArray();
            binary.reset();
            return whole;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
