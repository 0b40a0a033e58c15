/**
 * Internal: the glue between ws-test and Tyrus's SPI shared by the client and the embedded servers (the
 * transport tap that feeds the frame recorder, the deadline on Tyrus's blocking sends). Not API; it may
 * change in any release. Only {@code dev.wstest.client} and {@code dev.wstest.server} use it.
 */
package dev.wstest.tyrus;
