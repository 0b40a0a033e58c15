package dev.wstest.junit5.internal;

import dev.wstest.record.Redactor;
import dev.wstest.server.RecordingServer;
import dev.wstest.server.WsServer;
import dev.wstest.tls.TlsIdentity;
import dev.wstest.tls.TlsTrust;

/**
 * A server a scope closes and reports: an embedded {@link WsServer} or a mock.
 *
 * @param origin         where it came from, for messages ("static field ChatTest.chat")
 * @param redactor       the rules it was built with; null for a server the test built itself, which is then
 *                       reported with its own {@link RecordingServer#describeActivity()}
 * @param trust          what its {@code @Connect} clients trust for {@code wss://}: exactly its certificate; null
 *                       for ws:// or a TLS context the test gave it
 * @param clientIdentity what its {@code @Connect} clients present under mutual TLS; null when none is asked for
 */
record ManagedServer(String name, RecordingServer server, String origin, Redactor redactor, TlsTrust trust,
                     TlsIdentity clientIdentity) {

    /** A server with what its clients need: the trust (and identity) of its own certificate, if it has one. */
    static ManagedServer of(String name, RecordingServer server, String origin, Redactor redactor) {
        if (server instanceof WsServer ws) {
            return new ManagedServer(name, server, origin, redactor, ws.certificate().isPresent() ? ws.trust() : null,
                    null);
        }
        if (MockSupport.isMock(server)) {
            return MockSupport.managed(name, server, origin, redactor);
        }
        return new ManagedServer(name, server, origin, redactor, null, null);
    }

    /** Whether it is a mock server (ws-test-mock). */
    boolean isMock() {
        return MockSupport.isMock(server);
    }
}
