package dev.wstest.junit5;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.junit5.internal.WebSocketExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a test class a WebSocket test: ws-test starts the {@link EmbeddedServer @EmbeddedServer}s, connects the
 * {@link Connect @Connect} clients, closes all of them when their scope ends, and publishes the frame log of
 * every client and server involved when a test fails.
 *
 * <pre>{@code
 * @WebSocketTest
 * class ChatTest {
 *     @EmbeddedServer(endpoints = ChatEndpoint.class)
 *     static WsServer chat;                                  // one server for the whole class
 *
 *     @Connect(path = "/rooms/lobby")
 *     WsClient alice;                                        // a new connection for every test
 *
 *     @Test
 *     void welcomesAlice() {
 *         assertThat(alice).receivesJsonContaining("{\"type\":\"welcome\"}");
 *     }
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@code static} server fields and servers or clients created for {@code @BeforeAll} methods
 * live as long as the test class; instance fields and test-method parameters live for one test. Servers and
 * clients are closed in the {@link org.junit.jupiter.api.extension.ExtensionContext.Store} of their scope,
 * clients before servers, also when a test fails.
 *
 * <p>Also injected: {@link WebSocketClients} (clients opened in code, closed like the others), and
 * {@code WsServer} parameters without an annotation (the embedded server in scope with that name, or the
 * only one).
 *
 * <p>Composable: put it on an annotation of your own (say {@code @ChatTest}) together with other JUnit
 * annotations, and annotate test classes with that.
 *
 * <p>Configuration parameters (for example in {@code src/test/resources/junit-platform.properties}):
 * {@code wstest.connect.timeout}, {@code wstest.expect.timeout}, {@code wstest.tls.trust-all},
 * {@code wstest.redact.headers}, {@code wstest.report}, {@code wstest.report.stdout}; see
 * {@code docs/junit5.md}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(WebSocketExtension.class)
public @interface WebSocketTest {
}
