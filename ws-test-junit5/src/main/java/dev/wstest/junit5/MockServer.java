package dev.wstest.junit5;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.junit5.internal.WebSocketExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a mock server ({@code dev.wstest.mock.MockWsServer}, from the {@code ws-test-mock} module, which must be
 * on the test classpath) on an ephemeral loopback port and injects it into the annotated field or parameter of
 * that type. Lifetimes are those of {@link EmbeddedServer}: a {@code static} field lives for the class, an
 * instance field or a test or {@code @BeforeEach} parameter for one test, a {@code @BeforeAll} parameter for
 * the class.
 *
 * <pre>{@code
 * @MockServer(configure = "feed") static MockWsServer feed;          // stubs in a method of the class
 * @MockServer(tls = true, requireHeaders = "Authorization: Bearer t0ken") MockWsServer secure;
 * @MockServer(replay = "recordings/prices.ws") MockWsServer replayed; // a recorded session played back
 * @Connect(server = "feed", path = "/prices") WsClient probe;         // a client of ws-test, if the test wants one
 *
 * static void feed(MockWsServer.Builder mock) {
 *     mock.stub(Stub.onJsonContaining("{\"op\":\"subscribe\"}").sendText("{\"type\":\"subscribed\"}"))
 *         .unmatched(Unmatched.FAIL);
 * }
 * }</pre>
 *
 * <p>The mock's name (in messages, reports, and for {@link Connect#server()}) is {@link #name()} or else the field
 * or parameter name. Everything it saw (handshakes, every connection's frames, messages no stub matched, failed
 * TLS handshakes) is part of the failure report. With {@code Unmatched.FAIL}, a message no stub matched fails
 * the test when the mock is closed at the end of its scope.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(WebSocketExtension.class)
public @interface MockServer {

    /**
     * A method of the test class that configures the mock: it takes one {@code MockWsServer.Builder} parameter
     * and is {@code static} for a static field or a {@code @BeforeAll} parameter (an instance method is allowed
     * for instance fields and test parameters). It runs before the mock starts, after the annotation's own
     * settings.
     */
    String configure() default "";

    /**
     * Serve {@code wss://} with the generated certificate for localhost and 127.0.0.1; {@link Connect} clients of
     * this mock trust exactly that certificate.
     */
    boolean tls() default false;

    /**
     * Mutual TLS (with {@link #tls()}): the mock requires the generated client certificate, which {@link Connect}
     * clients of this mock present.
     */
    boolean clientCertificate() default false;

    /** Keep connections open when the client breaks RFC 6455 (the violation is still recorded). */
    boolean lenient() default false;

    /**
     * Headers an upgrade request must carry, as {@code "Name: value"} (or just {@code "Name"}); others are refused
     * with 401. Values may contain {@code ${...}} placeholders.
     */
    String[] requireHeaders() default {};

    /** Subprotocols the mock accepts; the first one the client offers that is listed here is chosen. */
    String[] subprotocols() default {};

    /**
     * A session recorded with {@code ws-test session --record} or {@code ws-test proxy --record} (a {@code .ws}
     * file: a classpath resource, or else a path relative to the working directory) that the mock plays back as
     * the server side.
     */
    String replay() default "";

    /** The mock's name; defaults to the field or parameter name. */
    String name() default "";
}
