package dev.wstest.assertions;

import dev.wstest.client.WsClient;

/**
 * Assertions on a {@link WsClient}; see {@link AbstractWsClientAssert} for the semantics. Not final, with a
 * public {@code (WsClient)} constructor, so that AssertJ's soft assertions can proxy it.
 */
public class WsClientAssert extends AbstractWsClientAssert<WsClientAssert, WsClient> {

    public WsClientAssert(WsClient actual) {
        super(actual, WsClientAssert.class);
    }
}
