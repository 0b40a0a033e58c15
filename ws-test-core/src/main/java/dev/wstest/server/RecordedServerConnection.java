package dev.wstest.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.record.RecordedConnection;
import org.apiguardian.api.API;

/**
 * One connection a {@link RecordingServer} accepted: its handshake and everything that crossed it, recorded
 * from the server's side (INBOUND = sent by the client).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface RecordedServerConnection extends RecordedConnection {

    /** 1 for the server's first connection, 2 for the second, ... */
    int id();

    /** The upgrade request that opened this connection. */
    ServerHandshake handshake();

    /** Request path of this connection. */
    default String path() {
        return handshake().path();
    }
}
