package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.server.WsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Session transcripts (-o .html / .svg) as a browser shows them: parsed, payloads as text, frames drawn. */
@Timeout(300)
class TranscriptChromiumTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path record(String name) {
        Path file = dir.resolve(name);
        try (WsServer echo = WsServer.echo();
             Tool.Background s = Tool.start("session", echo.uri("/chat").toString(), "-o", file.toString(),
                     "-H", "Authorization: Bearer s3cret")) {
            s.awaitOut("HTTP 101", WAIT);
            s.type("text hi <b>bob</b> & \"co\"");
            s.awaitOut("<- TEXT   hi <b>bob</b>", WAIT);
            s.type("binary 00 01 1f").type("ping hb");
            s.awaitOut("<- PONG", WAIT);
            s.awaitOut("<- BINARY", WAIT);
            s.type("close 4000 bye");
            Cli.Result r = s.await(WAIT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("transcript written to " + file);
        }
        return file;
    }

    @Test
    @DisplayName("the HTML transcript renders as a table of frames with payloads as text and secrets redacted")
    void html() throws Exception {
        Chromium.require();
        Path html = record("session.html");
        String dom = Chromium.dumpDom(html, dir);
        assertThat(dom).contains("<table class=\"frames\">", "<tr class=\"out\">", "<tr class=\"in\">",
                "<tr class=\"in control\">", "<td class=\"type\">PONG</td>",
                "hi &lt;b&gt;bob&lt;/b&gt; &amp; \"co\"", "<td class=\"type\">BINARY</td>", "0x00011f",
                "Authorization: Bearer &lt;redacted", "4000 \"bye\"")
                .doesNotContain("<b>bob</b>").doesNotContain("s3cret");
    }

    @Test
    @DisplayName("the SVG transcript is valid SVG that Chromium draws: a lifeline per side and an arrow per frame")
    void svg() throws Exception {
        Chromium.require();
        Path svg = record("session.svg");
        String dom = Chromium.dumpDom(svg, dir);
        assertThat(dom).doesNotContain("parsererror").doesNotContain("This page contains the following errors")
                .contains("<svg", ">client</text>", ">server</text>", "<g class=\"frame out\">",
                        "<g class=\"frame in\">", "TEXT hi &lt;b&gt;bob&lt;/b&gt;", "marker-end=\"url(#arrow)\"");
        byte[] png = Chromium.screenshot(svg, dir);
        assertThat(png.length).as("PNG of the rendered SVG").isGreaterThan(5_000);
    }
}
