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
 * Connects a {@link dev.wstest.client.WsClient} before the test and injects it into the annotated instance
 * field or parameter; the connection is closed after the test (after the class, for a {@code @BeforeAll}
 * parameter).
 *
 * <pre>{@code
 * @Connect(path = "/rooms/lobby") WsClient alice;                 // the only @EmbeddedServer in scope
 * @Connect(server = "chat", path = "/rooms/lobby",
 *          headers = "Authorization: Bearer ${chat.token}", subprotocols = "chat.v1") WsClient bob;
 * @Connect(url = "ws://localhost:${local.server.port}/chat") WsClient carol;   // any server
 * }</pre>
 *
 * <p>Either {@link #url()}, or {@link #path()} on an embedded server ({@link #server()} names it when several
 * are in scope). {@code ${name}} placeholders in the URL, path and headers are replaced with a JUnit
 * configuration parameter, a system property or an environment variable of that name (also tried as
 * {@code NAME} with dots and dashes as underscores) and, in Spring tests, a property of the test's
 * application context; {@code ${name:-default}} gives a default (the notation of docs/syntax.md, the same as in
 * {@code .ws} files). An unknown placeholder fails the test.
 *
 * <p>The client is named after the field or parameter unless {@link #name()} says otherwise, and uses the
 * timeouts, TLS trust and redaction rules of the {@code wstest.*} configuration parameters.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(WebSocketExtension.class)
public @interface Connect {

    /** Path (with optional query) on the embedded server; default {@code /}. Not with {@link #url()}. */
    String path() default "/";

    /** Name of the embedded server to connect to; needed only when several are in scope. Not with {@link #url()}. */
    String server() default "";

    /** A full {@code ws://} or {@code wss://} URL, for servers that are not embedded ones. */
    String url() default "";

    /** Request headers as {@code "Name: value"}. */
    String[] headers() default {};

    /** Subprotocols to offer, in order of preference. */
    String[] subprotocols() default {};

    /** The client's name in messages and reports; defaults to the field or parameter name. */
    String name() default "";

    /**
     * Time allowed for TCP connect, TLS and the upgrade together, e.g. {@code "500ms"}, {@code "3s"}; default:
     * the {@code wstest.connect.timeout} configuration parameter (5 s unless set).
     */
    String connectTimeout() default "";

    /**
     * How long this client's expectations wait, e.g. {@code "500ms"}; default: the {@code wstest.expect.timeout}
     * configuration parameter (2 s unless set).
     */
    String expectTimeout() default "";

    /**
     * Accept any server certificate for {@code wss://} (for throwaway test servers only). Default: the
     * {@code wstest.tls.trust-all} configuration parameter, which defaults to verifying certificates.
     */
    boolean trustAll() default false;

    /**
     * Trust exactly the certificates in this PEM or DER file (a path, {@code ${...}} placeholders allowed) for
     * {@code wss://}, instead of the JDK's trust store. Not with {@link #trustAll()}.
     */
    String trustCertificates() default "";
}
