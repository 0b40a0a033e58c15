/**
 * Internal: the glue between ws-test and Tyrus's SPI shared by the client and the embedded servers (the
 * transport tap that feeds the frame recorder and fails connections, the closing handshake held open for the
 * peer's answer, the headers as they crossed the wire, the deadlines on Tyrus's blocking calls and their
 * timer thread). Not API; it may change in any release. Only {@code dev.wstest.client} and
 * {@code dev.wstest.server} use it.
 */
package dev.wstest.tyrus;
