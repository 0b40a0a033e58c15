package dev.wstest.junit5.internal;

import dev.wstest.record.Redactor;
import dev.wstest.server.WsServer;

/**
 * A server a scope closes and reports.
 *
 * @param origin   where it came from, for messages ("static field ChatTest.chat")
 * @param redactor the rules it was built with; null for a server the test built itself, which is then
 *                 reported with its own {@link WsServer#describeActivity()}
 */
record ManagedServer(String name, WsServer server, String origin, Redactor redactor) {
}
