package dev.wstest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.client.WsClient;
import dev.wstest.client.WsHandshakeException;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.StandardSoftAssertionsProvider;

/**
 * Soft assertions: AssertJ's {@code SoftAssertions} with ws-test's {@code assertThat} added. Every failed
 * expectation is collected, and {@link #assertAll()} (or the end of {@link #assertSoftly}) reports them all
 * at once, each with its frame log. Works with AssertJ's JUnit 5 {@code SoftAssertionsExtension}
 * ({@code @InjectSoftAssertions WebSocketSoftAssertions softly}).
 *
 * <pre>{@code
 * WebSocketSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(alice).receivesText("hi bob");    // fails, and the next lines still run
 *     softly.assertThat(bob).receivesText("hi alice");
 *     softly.assertThat(bob.receivedTexts()).hasSize(1); // AssertJ's own soft assertions too
 * });
 * }</pre>
 *
 * <p>An expectation that fails softly does not move the client's position, as a failed one never does, so
 * the next expectation looks where the failed one looked. {@link AbstractWsClientAssert#receivedTexts()} and
 * {@link AbstractWsClientAssert#receivedMessages()} return ordinary (hard) list assertions; for soft ones,
 * write {@code softly.assertThat(client.receivedTexts())}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class WebSocketSoftAssertions extends AbstractSoftAssertions implements StandardSoftAssertionsProvider {

    /** Soft assertions on a client. */
    public WsClientAssert assertThat(WsClient client) {
        return proxy(WsClientAssert.class, WsClient.class, client);
    }

    /** Soft assertions on a refused handshake. */
    public WsHandshakeExceptionAssert assertThat(WsHandshakeException refused) {
        return proxy(WsHandshakeExceptionAssert.class, WsHandshakeException.class, refused);
    }

    /** Runs the assertions softly and then fails with every failure collected, if there was any. */
    public static void assertSoftly(Consumer<WebSocketSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(WebSocketSoftAssertions.class, softly);
    }
}
