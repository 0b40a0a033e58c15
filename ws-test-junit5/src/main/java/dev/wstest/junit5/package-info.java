/**
 * JUnit Jupiter integration for ws-test: {@link dev.wstest.junit5.WebSocketTest @WebSocketTest} test classes,
 * {@link dev.wstest.junit5.EmbeddedServer @EmbeddedServer} servers and {@link dev.wstest.junit5.Connect @Connect}
 * clients injected into fields and parameters, {@link dev.wstest.junit5.WebSocketClients} for clients opened in
 * code, and the frame logs of every client and server involved in a failed test, published with the failure.
 *
 * <p>Works with JUnit 5.10 and later, including JUnit 6. The user guide is {@code docs/junit5.md}.
 */
package dev.wstest.junit5;
