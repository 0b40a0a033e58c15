package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.client.WsHandshakeException;
import org.apiguardian.api.API;

/** Assertions on a refused handshake; see {@link AbstractWsHandshakeExceptionAssert}. */
@API(status = EXPERIMENTAL, since = "0.1")
public class WsHandshakeExceptionAssert
        extends AbstractWsHandshakeExceptionAssert<WsHandshakeExceptionAssert, WsHandshakeException> {

    public WsHandshakeExceptionAssert(WsHandshakeException actual) {
        super(actual, WsHandshakeExceptionAssert.class);
    }
}
