/**
 * JUnit Jupiter integration for ws-test ({@code @WebSocketTest}, injected servers and clients).
 *
 * <p>Placeholder: this module is built out by the ws-test-junit5 issue.
 */
package dev.wstest.junit5;
