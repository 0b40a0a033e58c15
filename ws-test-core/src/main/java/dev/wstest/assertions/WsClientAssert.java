package dev.wstest.assertions;

import dev.wstest.client.WsClient;

/** Assertions on a {@link WsClient}; see {@link AbstractWsClientAssert} for the semantics. */
public final class WsClientAssert extends AbstractWsClientAssert<WsClientAssert> {

    public WsClientAssert(WsClient actual) {
        super(actual, WsClientAssert.class);
    }
}
