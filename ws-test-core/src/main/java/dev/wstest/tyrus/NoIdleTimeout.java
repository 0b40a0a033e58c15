package dev.wstest.tyrus;

import static org.apiguardian.api.API.Status.INTERNAL;

import jakarta.websocket.Session;
import org.apiguardian.api.API;

/**
 * Turns Tyrus's idle timeout off for sessions ws-test owns, so that no message costs a timer. Tyrus restarts
 * a session's idle-timeout task on every message sent or received, also when the timeout is 0 ("none", the
 * default): it cancels the previous task and schedules a new one on the session's scheduled executor, which
 * then wakes a pool thread per message to do nothing. A negative timeout means "none" as well, and is the one
 * value for which Tyrus schedules nothing. The client sets it as its container's default (its sessions are
 * ws-test's alone); the embedded server sets it on the sessions of its behaviours, leaving sessions of the
 * user's own endpoint classes as Tyrus makes them.
 */
@API(status = INTERNAL, since = "0.1")
public final class NoIdleTimeout {

    /** "No idle timeout", in the form that costs nothing per message. */
    public static final long NONE = -1;

    private NoIdleTimeout() {
    }

    /** Sets the session's idle timeout to "never" in the form that schedules nothing per message. */
    public static void apply(Session session) {
        if (session.getMaxIdleTimeout() <= 0) {
            session.setMaxIdleTimeout(NONE);
        }
    }
}
