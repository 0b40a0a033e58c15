package dev.wstest.raw;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.protocol.Frame;
import dev.wstest.record.Direction;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * One entry of a {@link RawClient}'s transcript: a frame or raw bytes sent or received, or a local
 * observation (handshake, timeout, end of stream), with its time since the handshake completed.
 *
 * @param direction {@code OUTBOUND} sent, {@code INBOUND} received, {@code LOCAL} observed
 * @param sinceOpen time after the handshake (negative during it)
 * @param frame the frame, or null for raw bytes and observations
 * @param description one line for listings, e.g. {@code TEXT fin masked 5 bytes "hello"}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record WireEvent(Direction direction, Duration sinceOpen, Frame frame, String description) {

    /** The event in the house frame-log format: {@code   ->    +5  TEXT fin masked 5 bytes "hello"}. */
    public String line() {
        return String.format("  %s %6s  %s", direction.arrow(), "+" + sinceOpen.toMillis(), description);
    }
}
