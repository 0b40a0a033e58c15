package dev.wstest.cli;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.protocol.Frame;
import dev.wstest.raw.RawClient;
import dev.wstest.server.WsServer;
import dev.wstest.testing.MisbehavingServer;
import dev.wstest.testing.SelfSignedCertificate;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NoSecretInAnyOutputTest}'s search, on the distribution a user installs: {@code bin/ws-test} run as a
 * process of its own (run by failsafe, after {@code package}). A fresh process knows only the secrets it was
 * given, and what it prints passes every layer a user's terminal sees: the real {@code main}, the JVM's own
 * standard streams, and the logging of the (shaded) Tyrus and Grizzly, which {@code --debug} switches on.
 * Covers the outputs the in-process test shares a JVM with: strict-wire violation lines and {@code -vv} frame
 * headers, the echo-server's printer, the conformance reports, transcripts and JUnit XML.
 */
@Timeout(300)
class NoSecretInTheDistributionIT {

    static final String HEADER = NoSecretInAnyOutputTest.HEADER;
    static final String VAR = NoSecretInAnyOutputTest.VAR;
    static final String QUERY_ENCODED = NoSecretInAnyOutputTest.QUERY_ENCODED;
    static final Path ARCHIVE_BASE = Path.of(System.getProperty("wstest.distribution"));
    static final String VERSION = System.getProperty("wstest.version");

    @TempDir
    static Path dir;
    static Path bin;

    final Map<String, String> outputs = new LinkedHashMap<>();

    @BeforeAll
    static void unpack() throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE_BASE + ".tar.gz", "-C", install.toString())
                .inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).as("tar -xzf").isTrue();
        bin = install.resolve("ws-test-" + VERSION + "/bin/ws-test");
        assertThat(bin).isExecutable();
    }

    @Test
    @DisplayName("no secret in any byte bin/ws-test writes: stdout, stderr (with --debug), files")
    void noSecretFromTheDistribution() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        SelfSignedCertificate cert = SelfSignedCertificate.create(Files.createDirectories(dir.resolve("tls")));
        String auth = "Authorization: Bearer " + HEADER;
        String q = "?access_token=" + QUERY_ENCODED + "&room=1";
        byte[] masked = Frame.text("your token is " + HEADER).masked(new byte[] {0x37, (byte) 0xfa, 0x21, 0x3d})
                .toBytes();
        // invalid UTF-8 is found in the payload, so the violation line shows the payload read: in hex
        byte[] notUtf8 = NoSecretInAnyOutputTest.notUtf8(HEADER);
        try (WsServer echo = WsServer.echo();
             WsServer guarded = WsServer.builder().requireHeader("Authorization", "Bearer " + HEADER).start();
             WsServer tls = WsServer.builder().tls(cert.keyStore(), SelfSignedCertificate.PASSWORD).start();
             MisbehavingServer masking = MisbehavingServer.sending(masked);
             MisbehavingServer invalidText = MisbehavingServer.sending(Frame.text(notUtf8).toBytes())) {
            Path input = Files.createDirectories(dir.resolve("input")); // what the user wrote, not searched
            Path scenario = Files.writeString(input.resolve("s.ws"), """
                    scenario "fails"
                      connect ${URL} header "Authorization: Bearer ${TOKEN}"
                      send text "hello ${TOKEN}"
                      expect text "never" within 200ms
                    """);
            collect("run", run("", "run", scenario.toString(), "--var", "TOKEN=" + VAR, "--var",
                    "URL=" + echo.uri("/chat" + q), "--reports-dir", out.resolve("r").toString()));
            collect("session -vv against a masking server", run("text go\nsleep 10s\n", "session",
                    masking.uri() + q, "-H", auth, "-vv", "-o", out.resolve("strict.txt").toString()));
            collect("session against a server sending invalid UTF-8", run("text go\nsleep 10s\n", "session",
                    invalidText.uri() + q, "-H", auth, "-o", out.resolve("utf8.html").toString()));
            collect("send refused --debug", run("", "send", guarded.uri("/chat" + q).toString(), "hi", "-H",
                    "Authorization: Bearer wrong" + HEADER, "--debug"));
            collect("send untrusted TLS --debug", run("", "send", tls.uri("/chat" + q).toString(), "hi", "-H", auth,
                    "--debug"));
            collect("conformance", run("", "conformance", echo.uri("/chat" + q).toString(), "-H", auth, "--include",
                    "1.1.1", "--json", out.resolve("c.json").toString(), "--html", out.resolve("c.html").toString(),
                    "-v"));
            echoServer(auth, q);
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                outputs.put("file " + out.relativize(f), Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }

        // the secrets reached these outputs (and were hidden there)
        assertThat(outputs.get("session -vv against a masking server")).contains("VIOLATION §5.1",
                "frame header: FIN=1 RSV=000 opcode=0x1 MASK=1 key=0x37fa213d", "access_token=<redacted ");
        assertThat(outputs.get("session against a server sending invalid UTF-8"))
                .contains("VIOLATION §8.1: text messages must be valid UTF-8", "0x<redacted 32 chars>ff");
        assertThat(outputs.get("echo-server -vv")).contains("VIOLATION §5.1: client frames must be masked",
                "frame header: FIN=1", "<- TEXT   (opcode 0x1, 23 bytes) secret <redacted 16 chars>");
        assertThat(outputs.keySet()).contains("file r/TEST-ws-test.xml", "file strict.txt", "file c.json",
                "file c.html");
        List<String> leaks = new ArrayList<>();
        for (String secret : NoSecretInAnyOutputTest.forms()) {
            outputs.forEach((label, text) -> {
                if (text.contains(secret)) {
                    leaks.add(label + " contains \"" + secret + "\"");
                }
            });
        }
        assertThat(leaks).as("secrets written by bin/ws-test (" + leaks.size() + " of " + outputs.size()
                + " outputs searched)").isEmpty();
    }

    /** echo-server -vv, a client that sends the secret, and a raw client whose unmasked frame carries it. */
    private void echoServer(String auth, String q) throws Exception {
        Path log = dir.resolve("echo-server.txt");
        Process server = new ProcessBuilder(bin.toString(), "echo-server", "--require-header", auth, "--count", "2",
                "--timeout", "60s", "-vv").redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            String url = awaitUrl(log) + "room" + q;
            try (WsClient c = WsClient.builder(url).header("Authorization", "Bearer " + HEADER).connect()) {
                c.sendText("secret " + HEADER);
                assertThat(c).receivesText("secret " + HEADER);
            }
            try (RawClient raw = RawClient.builder(url).header("Authorization", "Bearer " + HEADER).connect()) {
                raw.send(Frame.text("unmasked " + HEADER)); // a client frame must be masked: the server fails it
                raw.read(Duration.ofSeconds(10));
            }
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("echo-server ends after 2 connections").isTrue();
        } finally {
            server.destroyForcibly();
        }
        outputs.put("echo-server -vv", Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String awaitUrl(Path log) {
        Pattern listening = Pattern.compile("listening on (ws://127\\.0\\.0\\.1:\\d+/)");
        Matcher[] m = new Matcher[1];
        // another process writes the file: poll it, with a deadline
        Awaitility.await("echo-server says where it listens").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    m[0] = listening.matcher(Files.readString(log, StandardCharsets.UTF_8));
                    return m[0].find();
                });
        return m[0].group(1);
    }

    private void collect(String label, String output) {
        outputs.put(label, output);
    }

    /** Runs bin/ws-test to completion (stdout and stderr together) with this standard input. */
    private static String run(String stdin, String... args) throws Exception {
        Path input = Files.writeString(Files.createTempFile(dir, "in", ".txt"), stdin);
        Path output = Files.createTempFile(dir, "out", ".txt");
        List<String> command = new ArrayList<>(List.of(bin.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(input.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within 120 s:\n" + Files.readString(output));
        }
        return "exit " + p.exitValue() + "\n" + Files.readString(output, StandardCharsets.UTF_8);
    }
}
