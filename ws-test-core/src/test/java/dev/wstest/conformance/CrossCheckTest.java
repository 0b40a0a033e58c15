package dev.wstest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.WsServer;
import dev.wstest.testing.Peer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole catalogue against independently written servers on loopback. Reports are written to
 * target/conformance/ (their summaries are the source of docs/conformance.md); the assertions pin which
 * cases each server fails, so a change in the suite's judgement shows up here.
 */
@Timeout(300)
class CrossCheckTest {

    private static ConformanceReport run(String name, URI uri) throws Exception {
        ConformanceReport r = ConformanceRunner.builder(uri).run();
        Path dir = Path.of("target", "conformance");
        ConformanceReports.writeJson(r, dir.resolve(name + ".json"));
        ConformanceReports.writeHtml(r, dir.resolve(name + ".html"));
        System.out.println("== " + name + "\n" + ConformanceReports.summary(r));
        for (CaseResult c : r.results()) {
            if (c.verdict() == Verdict.NON_STRICT || c.verdict() == Verdict.FAILED) {
                System.out.println(c.id() + " " + c.verdict().label() + " " + c.closeBehaviour() + " " + c.serverCloseCode()
                        + " " + c.notes());
            }
        }
        return r;
    }

    private static List<String> failed(ConformanceReport r) {
        return r.results().stream().filter(c -> c.verdict() == Verdict.FAILED).map(CaseResult::id)
                .collect(Collectors.toList());
    }

    @Test
    @DisplayName("ws-test's embedded server (Tyrus behind the strict tap): compliant")
    void embeddedServer() throws Exception {
        try (WsServer server = WsServer.echo()) {
            ConformanceReport r = run("ws-test-server", server.uri());
            assertThat(r.results()).hasSizeGreaterThanOrEqualTo(150);
            assertThat(failed(r)).isEmpty();
        }
    }

    @Test
    @DisplayName("embedded Tyrus, lenient: accepts unmasked client frames (RFC 6455 section 5.1), otherwise compliant")
    void tyrus() throws Exception {
        try (WsServer server = WsServer.builder().name("tyrus").lenient().start()) {
            ConformanceReport r = run("tyrus", server.uri());
            assertThat(r.results()).hasSizeGreaterThanOrEqualTo(150);
            assertThat(failed(r)).containsExactlyInAnyOrder("1.3.1", "1.3.2");
        }
    }

    @Test
    @DisplayName("python3-websockets: compliant")
    void pythonWebsockets() throws Exception {
        try (Peer peer = Peer.start(Peer.Kind.PYTHON_WEBSOCKETS, "/conformance/echo_python.py")) {
            ConformanceReport r = run("python3-websockets", peer.uri("/"));
            assertThat(failed(r)).isEmpty();
        }
    }

    @Test
    @DisplayName("node-ws: compliant; fails invalid UTF-8 only once the message is complete (6.4.x NON-STRICT)")
    void nodeWs() throws Exception {
        try (Peer peer = Peer.start(Peer.Kind.NODE_WS, "/conformance/echo_node.js")) {
            ConformanceReport r = run("node-ws", peer.uri("/"));
            assertThat(failed(r)).isEmpty();
            assertThat(r.results()).filteredOn(c -> c.id().startsWith("6.4.")).as("ws validates UTF-8 per message,"
                    + " not per frame: no fail-fast").allMatch(c -> c.verdict() == Verdict.NON_STRICT);
        }
    }

    @Test
    @DisplayName("Netty 4.2 WebSocketServerProtocolHandler: answers invalid close codes (7.9.x) with 1000 \"Bye\"")
    void netty() throws Exception {
        try (NettyEchoServer server = new NettyEchoServer()) {
            ConformanceReport r = run("netty", server.uri());
            assertThat(failed(r)).containsExactly("7.9.1", "7.9.2", "7.9.3", "7.9.4", "7.9.5", "7.9.6", "7.9.7",
                    "7.9.8", "7.9.9");
            assertThat(r.result("7.5.1").orElseThrow().verdict()).as("invalid UTF-8 close reason answered with 1000")
                    .isEqualTo(Verdict.NON_STRICT);
        }
    }
}
