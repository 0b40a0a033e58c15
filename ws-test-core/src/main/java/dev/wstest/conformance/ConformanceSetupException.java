package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The endpoint cannot be checked at all: it cannot be reached, refuses the handshake, or does not echo
 * messages (the suite judges servers by what they echo). Thrown before any case runs, so that a wrong URL
 * fails in a second with one clear message instead of after 268 timeouts.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ConformanceSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message and the cause's messages are scrubbed of known secrets ({@link dev.wstest.record.Secrets}). */
    public ConformanceSetupException(String message, Throwable cause) {
        super(dev.wstest.record.Secrets.scrub(message), dev.wstest.record.Secrets.scrubbed(cause));
    }
}
