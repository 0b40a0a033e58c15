package dev.wstest.samples.readme;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static dev.wstest.assertions.WebSocketAssertions.assertThatHandshakeRefused;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.client.WsClient;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import dev.wstest.tls.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of README.md is a test source here, word for word: {@link EchoTest} (quick start),
 * {@code dev.wstest.samples.chat.ChatTest} ({@code @WebSocketTest}) and the snippets in {@link ReadmeSnippets}.
 * The first test fails when the README's text and the sources differ; the others run the snippets.
 */
@Timeout(120)
class ReadmeExamplesTest {

    /** The README's Java blocks in order, by the name of their markers in the test sources. */
    static final List<String> BLOCKS = List.of("quick-start", "recording-client", "assertions", "embedded-servers",
            "mock-server", "junit5", "conformance");

    static final Path README = Path.of("..", "README.md");
    static final Path SOURCES = Path.of("src", "test", "java");
    static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```\n", Pattern.DOTALL);

    @Test
    @DisplayName("each Java block of README.md is, character for character, a region of a compiled test source")
    void readmeMatchesTheSources() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(Files.readString(README));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("the Java blocks of README.md; a new one needs its source here between"
                + " \"// README <name>: begin\" and \"// README <name>: end\", and its name in BLOCKS").hasSize(
                BLOCKS.size());
        for (int i = 0; i < BLOCKS.size(); i++) {
            assertThat(regions(BLOCKS.get(i))).as("README.md's Java block %d against the sources marked \"README %s\"",
                    i + 1, BLOCKS.get(i)).isEqualTo(blocks.get(i));
        }
    }

    /** The marked regions of every test source, each without its common indentation, one after the other. */
    static String regions(String name) throws IOException {
        String begin = "// README " + name + ": begin";
        String end = "// README " + name + ": end";
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> region = null;
                for (String line : Files.readAllLines(file)) {
                    if (line.strip().equals(begin)) {
                        region = new ArrayList<>();
                    } else if (line.strip().equals(end) && region != null) {
                        found.add(dedent(region));
                        region = null;
                    } else if (region != null) {
                        region.add(line);
                    }
                }
            }
        }
        return String.join("\n", found);
    }

    static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return sb.toString();
    }

    // ============================================================================================ the runs

    /** The conversation the README's assertions block expects, in its order. */
    static final ServerBehaviour CONVERSATION = new ServerBehaviour() {
        @Override
        public void onOpen(ServerConnection c) {
            c.sendText("hello");
            c.sendText("hello world");
            c.sendText("id=42");
            c.sendText("{\"b\": [1, 2], \"a\": 1.0}");
            c.sendText("{\"type\":\"ack\",\"n\":1}");
            c.sendText("{\"order\":{\"id\":7}}");
            c.sendBinary(new byte[] {1, 2, 3});
            c.sendTextFragments("frag", "ment", "ed");
            c.sendText("{\"type\":\"say\",\"from\":\"alice\",\"text\":\"hi\"}");
            c.sendPing("server-hb".getBytes(StandardCharsets.UTF_8));
            c.sendText("join");
            c.sendText("{\"type\":\"msg\"}");
            c.sendText("leave");
            c.sendText("{\"items\":[{\"price\":9.50}]}");
            c.sendText("exactly this one");
            for (int i = 1; i <= 10; i++) {
                c.sendText("tick " + i);
            }
        }

        @Override
        public void onText(ServerConnection c, String text) {
            if (text.equals("kick me")) {
                c.close(4001, "kicked");
            }
        }
    };

    @Test
    @DisplayName("the assertions block passes against a server that holds up its side of the conversation")
    void assertions() {
        try (WsServer server = WsServer.builder().behaviour(CONVERSATION).subprotocols("chat.v2").start();
             WsServer guarded = WsServer.builder().requireHeader("Authorization", "Bearer s3cret").start();
             WsClient client = WsClient.builder(server.uri("/c")).subprotocols("chat.v2").name("readme").connect()) {
            assertThat(ReadmeSnippets.assertions(client, guarded.uri("/admin"))).isEqualTo("alice");
        }
    }

    @Test
    @DisplayName("the recording client block builds every option and stops at the CA file it names")
    void recordingClient() {
        assertThatThrownBy(() -> ReadmeSnippets.recordingClient("t0ken"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read certificate test-ca.pem");
    }

    @Test
    @DisplayName("the embedded servers block starts four servers that do what its comments say")
    void embeddedServers(@TempDir Path dir) {
        char[] password = "changeit".toCharArray();
        List<WsServer> servers = ReadmeSnippets.embeddedServers(keyStore(dir, password), password);
        try {
            WsServer echo = servers.get(0);
            WsServer hub = servers.get(1);
            WsServer app = servers.get(2);
            WsServer scripted = servers.get(3);
            try (WsClient c = WsClient.connect(echo.uri("/e"))) {
                c.sendText("ping");
                assertThat(c).receivesText("ping");
            }
            try (WsClient a = WsClient.connect(hub.uri("/h")); WsClient b = WsClient.connect(hub.uri("/h"))) {
                hub.awaitConnection(2, java.time.Duration.ofSeconds(5));
                a.sendText("to all");
                assertThat(a).receivesText("to all");
                assertThat(b).receivesText("to all");
            }
            assertThat(app.uri("/chat").getScheme()).isEqualTo("wss");
            assertThatHandshakeRefused(() -> WsClient.builder(app.uri("/chat")).tls(TlsTrust.trustAll()).connect())
                    .hasStatus(401);
            try (WsClient chat = WsClient.builder(app.uri("/chat")).tls(TlsTrust.trustAll())
                    .header("Authorization", "Bearer s3cret").connect();
                 WsClient mine = WsClient.builder(app.uri("/x")).tls(TlsTrust.trustAll())
                         .header("Authorization", "Bearer s3cret").connect()) {
                chat.sendText("hi");
                assertThat(chat).receivesText("chat: hi");
                assertThat(mine).receivesText("my endpoint");
            }
            try (WsClient c = WsClient.builder(scripted.uri("/s")).subprotocols("chat.v2").connect()) {
                assertThat(c).hasSubprotocol("chat.v2").receivesJson("{\"type\":\"welcome\"}");
                c.sendText("anything");
                assertThat(c).isClosedWith(4001, "go away").isClosedByServer();
            }
        } finally {
            servers.forEach(WsServer::close);
        }
    }

    @Test
    @DisplayName("the conformance block's factory yields Autobahn cases that pass against an echo server")
    void conformance() throws Throwable {
        try (WsServer server = WsServer.echo()) {
            List<DynamicTest> first = leaves(new ReadmeSnippets(server).rfc6455()).limit(3).toList();
            assertThat(first).hasSize(3);
            for (DynamicTest test : first) {
                test.getExecutable().execute();
            }
        }
    }

    static Stream<DynamicTest> leaves(Stream<? extends DynamicNode> nodes) {
        return nodes.flatMap(n -> n instanceof DynamicContainer c ? leaves(c.getChildren())
                : Stream.of((DynamicTest) n));
    }

    /** A throwaway self-signed key pair for 127.0.0.1, made by the JDK's keytool. */
    static KeyStore keyStore(Path dir, char[] password) {
        Path file = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        try {
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(password), "-keypass", new String(password))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
                return ks;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
