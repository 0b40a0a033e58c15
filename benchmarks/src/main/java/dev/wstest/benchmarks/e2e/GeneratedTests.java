package dev.wstest.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes and compiles the per-test-cost suites: the same tests ({@value #CLASSES} classes of {@value #TESTS}
 * tests, one round trip each) once with ws-test's {@code @WebSocketTest} injection and assertion, once
 * hand-written on raw Tyrus with a latch, each class with its own echo server.
 */
final class GeneratedTests {

    static final int CLASSES = 10;
    static final int TESTS = 100;
    static final String PACKAGE = "generated";

    private GeneratedTests() {
    }

    static String wsTestClass(int n) {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n")
                .append("import static dev.wstest.assertions.WebSocketAssertions.assertThat;\n\n")
                .append("import dev.wstest.client.WsClient;\n")
                .append("import dev.wstest.junit5.Connect;\n")
                .append("import dev.wstest.junit5.EmbeddedServer;\n")
                .append("import dev.wstest.junit5.WebSocketTest;\n")
                .append("import dev.wstest.server.WsServer;\n")
                .append("import org.junit.jupiter.api.Test;\n\n")
                .append("@WebSocketTest\n")
                .append("class WsTest").append(n).append(" {\n")
                .append("    @EmbeddedServer static WsServer echo;\n")
                .append("    @Connect(path = \"/echo\") WsClient client;\n");
        for (int i = 0; i < TESTS; i++) {
            s.append("\n    @Test\n    void roundTrip").append(i).append("() {\n")
                    .append("        client.sendText(\"message ").append(i).append("\");\n")
                    .append("        assertThat(client).receivesText(\"message ").append(i).append("\");\n")
                    .append("    }\n");
        }
        return s.append("}\n").toString();
    }

    static String rawTyrusClass(int n) {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n")
                .append("import static org.junit.jupiter.api.Assertions.assertEquals;\n")
                .append("import static org.junit.jupiter.api.Assertions.assertTrue;\n\n")
                .append("import dev.wstest.benchmarks.peers.PlainTyrusServer;\n")
                .append("import jakarta.websocket.ClientEndpointConfig;\n")
                .append("import jakarta.websocket.Endpoint;\n")
                .append("import jakarta.websocket.EndpointConfig;\n")
                .append("import jakarta.websocket.MessageHandler;\n")
                .append("import jakarta.websocket.Session;\n")
                .append("import java.util.concurrent.CountDownLatch;\n")
                .append("import java.util.concurrent.TimeUnit;\n")
                .append("import java.util.concurrent.atomic.AtomicReference;\n")
                .append("import org.glassfish.tyrus.client.ClientManager;\n")
                .append("import org.junit.jupiter.api.AfterAll;\n")
                .append("import org.junit.jupiter.api.BeforeAll;\n")
                .append("import org.junit.jupiter.api.Test;\n\n")
                .append("class RawTyrus").append(n).append(" {\n")
                .append("    static PlainTyrusServer server;\n")
                .append("    static ClientManager manager;\n\n")
                .append("    @BeforeAll\n    static void start() {\n")
                .append("        server = PlainTyrusServer.echo();\n")
                .append("        manager = ClientManager.createClient();\n    }\n\n")
                .append("    @AfterAll\n    static void stop() {\n")
                .append("        manager.shutdown();\n        server.close();\n    }\n\n")
                .append("    private static void roundTrip(String message) throws Exception {\n")
                .append("        CountDownLatch latch = new CountDownLatch(1);\n")
                .append("        AtomicReference<String> received = new AtomicReference<>();\n")
                .append("        Session session = manager.connectToServer(new Endpoint() {\n")
                .append("            @Override\n")
                .append("            public void onOpen(Session s, EndpointConfig config) {\n")
                .append("                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {\n")
                .append("                    received.set(text);\n")
                .append("                    latch.countDown();\n")
                .append("                });\n")
                .append("            }\n")
                .append("        }, ClientEndpointConfig.Builder.create().build(), server.uri());\n")
                .append("        try {\n")
                .append("            session.getBasicRemote().sendText(message);\n")
                .append("            assertTrue(latch.await(2, TimeUnit.SECONDS), \"no echo within 2 s\");\n")
                .append("            assertEquals(message, received.get());\n")
                .append("        } finally {\n")
                .append("            session.close();\n")
                .append("        }\n")
                .append("    }\n");
        for (int i = 0; i < TESTS; i++) {
            s.append("\n    @Test\n    void roundTrip").append(i).append("() throws Exception {\n")
                    .append("        roundTrip(\"message ").append(i).append("\");\n")
                    .append("    }\n");
        }
        return s.append("}\n").toString();
    }

    /** Writes both suites under {@code dir}/src and compiles them to {@code dir}/classes; returns the latter. */
    static Path compile(Path dir, String classPath) throws IOException {
        Path src = dir.resolve("src").resolve(PACKAGE);
        Path classes = dir.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "-nowarn",
                "-proc:none"));
        for (int n = 0; n < CLASSES; n++) {
            Path ws = src.resolve("WsTest" + n + ".java");
            Files.writeString(ws, wsTestClass(n));
            Path raw = src.resolve("RawTyrus" + n + ".java");
            Files.writeString(raw, rawTyrusClass(n));
            args.add(ws.toString());
            args.add(raw.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: run the benchmarks on a JDK, not a JRE");
        }
        int rc = javac.run(null, null, System.err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("generated tests did not compile (exit " + rc + ")");
        }
        return classes;
    }
}
