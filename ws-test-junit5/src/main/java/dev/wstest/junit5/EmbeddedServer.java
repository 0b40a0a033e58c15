package dev.wstest.junit5;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.junit5.internal.WebSocketExtension;
import dev.wstest.server.ServerBehaviour;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts an embedded {@code WsServer} on an ephemeral loopback port and injects it into the annotated field or
 * parameter of type {@link dev.wstest.server.WsServer}.
 *
 * <ul>
 *   <li>a {@code static} field: started before all tests of the class, closed after them;</li>
 *   <li>an instance field, or a parameter of a test or {@code @BeforeEach} method: started for each test,
 *   closed after it;</li>
 *   <li>a parameter of a {@code @BeforeAll} method: lives as long as the test class.</li>
 * </ul>
 *
 * <pre>{@code
 * @EmbeddedServer static WsServer echo;                                      // echoes on every path
 * @EmbeddedServer(behaviour = EmbeddedServer.Broadcast.class) static WsServer hub;
 * @EmbeddedServer(endpoints = ChatEndpoint.class) static WsServer chat;       // your @ServerEndpoint classes
 * @EmbeddedServer(behaviour = Greeter.class, subprotocols = "greet.v1",
 *                 requireHeaders = "Authorization: Bearer ${chat.token}") WsServer greeter;
 * }</pre>
 *
 * <p>The server's name (used in messages and reports, and by {@link Connect#server()}) is {@link #name()} or
 * else the field or parameter name. For options the annotation does not offer (a fixed port, a certificate of
 * your own), start the server in code and hand it to {@link WebSocketClients#manage}. A mock server for testing
 * clients is {@link MockServer}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(WebSocketExtension.class)
public @interface EmbeddedServer {

    /** {@code @jakarta.websocket.server.ServerEndpoint} classes to host. */
    Class<?>[] endpoints() default {};

    /**
     * What the server does on every path the {@link #endpoints()} do not take: {@link Echo}, {@link Broadcast},
     * or a {@link ServerBehaviour} class of your own with a no-argument constructor (a new instance per
     * server). The default is echo when no endpoints are given, nothing otherwise.
     */
    Class<? extends ServerBehaviour> behaviour() default ServerBehaviour.class;

    /** Subprotocols the behaviour accepts (endpoint classes declare their own). */
    String[] subprotocols() default {};

    /**
     * Headers an upgrade request must carry, as {@code "Name: value"}; others are refused with HTTP 401. Values
     * may contain {@code ${...}} placeholders.
     */
    String[] requireHeaders() default {};

    /** The server's name; defaults to the field or parameter name. */
    String name() default "";

    /**
     * Serve {@code wss://} with a self-signed certificate for localhost and 127.0.0.1 generated once per JVM
     * ({@code WsServer.builder().tls()}); {@link Connect} clients of this server trust exactly that certificate,
     * never every certificate.
     */
    boolean tls() default false;

    /** Echoes every message back on the connection it came from ({@link ServerBehaviour#echo()}). */
    final class Echo implements ServerBehaviour {
        private Echo() {
        }
    }

    /** Sends every message to every open connection, the sender included ({@link ServerBehaviour#broadcast()}). */
    final class Broadcast implements ServerBehaviour {
        private Broadcast() {
        }
    }
}
