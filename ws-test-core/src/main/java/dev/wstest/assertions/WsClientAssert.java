package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.client.WsClient;
import org.apiguardian.api.API;

/**
 * Assertions on a {@link WsClient}; see {@link AbstractWsClientAssert} for the semantics. Not final, with a
 * public {@code (WsClient)} constructor, so that AssertJ's soft assertions can proxy it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class WsClientAssert extends AbstractWsClientAssert<WsClientAssert, WsClient> {

    public WsClientAssert(WsClient actual) {
        super(actual, WsClientAssert.class);
    }
}
