package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium loads it from the file and dumps the DOM, which must
 * hold a rendered timeline with a column per connection. Skipped locally when Chromium is missing; fails on CI
 * (CI=true), where .ci/run must install it.
 */
@Timeout(180)
class HtmlReportChromiumTest {

    @TempDir
    Path dir;

    @Test
    void theTimelineRendersInHeadlessChromium() throws Exception {
        Chromium.require();
        Path f = dir.resolve("chat.ws");
        Files.writeString(f, "server broadcast\nscenario \"talk\"\n  connect ${server.url} as alice\n"
                + "  connect ${server.url} as bob\n  send alice text \"hi <b>bob</b>\"\n  expect bob text \"hi <b>bob</b>\"\n"
                + "scenario \"broken\"\n  connect ${server.url} as carol\n  expect text \"never\" within 100ms\n");
        Path reports = dir.resolve("reports");
        Cli.Result r = Cli.run("run", f.toString(), "--reports-dir", reports.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);

        String dom = Chromium.dumpDom(reports.resolve("ws-test-report.html"), dir);
        assertThat(dom).contains("<div class=\"timeline\" data-scenario=\"s1\" data-rendered=\"",
                "<th title=\"ws://127.0.0.1:", ">alice</th>", ">bob</th>", ">carol</th>",
                "<span class=\"ev out\"><span class=\"type\">\u2192 TEXT</span>\"hi &lt;b&gt;bob&lt;/b&gt;\"</span>",
                "<span class=\"ev in\"><span class=\"type\">\u2190 TEXT</span>")
                .doesNotContain("<b>bob</b>") // payloads are text, never markup
                .contains("1 passed, 1 failed");
    }
}
