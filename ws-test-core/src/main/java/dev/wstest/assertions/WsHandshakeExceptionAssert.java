package dev.wstest.assertions;

import dev.wstest.client.WsHandshakeException;

/** Assertions on a refused handshake; see {@link AbstractWsHandshakeExceptionAssert}. */
public class WsHandshakeExceptionAssert
        extends AbstractWsHandshakeExceptionAssert<WsHandshakeExceptionAssert, WsHandshakeException> {

    public WsHandshakeExceptionAssert(WsHandshakeException actual) {
        super(actual, WsHandshakeExceptionAssert.class);
    }
}
