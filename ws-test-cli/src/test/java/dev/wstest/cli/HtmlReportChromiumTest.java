package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium loads it, runs its script and dumps the DOM, which must
 * hold a rendered timeline with a column per connection. Skipped locally when Chromium is missing; fails on CI
 * (CI=true), where .ci/run must install it.
 */
@Timeout(180)
class HtmlReportChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theTimelineRendersInHeadlessChromium() throws Exception {
        requireChromium();
        Path f = dir.resolve("chat.ws");
        Files.writeString(f, "server broadcast\nscenario \"talk\"\n  connect ${server.url} as alice\n"
                + "  connect ${server.url} as bob\n  send alice text \"hi <b>bob</b>\"\n  expect bob text \"hi <b>bob</b>\"\n"
                + "scenario \"broken\"\n  connect ${server.url} as carol\n  expect text \"never\" within 100ms\n");
        Path reports = dir.resolve("reports");
        Cli.Result r = Cli.run("run", f.toString(), "--reports-dir", reports.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);

        String dom = dumpDom(reports.resolve("ws-test-report.html"));
        assertThat(dom).contains("<div class=\"timeline\" data-scenario=\"s1\" data-rendered=\"",
                "<th title=\"ws://127.0.0.1:", ">alice</th>", ">bob</th>", ">carol</th>",
                "<span class=\"ev out\"><span class=\"type\">\u2192 TEXT</span>\"hi &lt;b&gt;bob&lt;/b&gt;\"</span>",
                "<span class=\"ev in\"><span class=\"type\">\u2190 TEXT</span>")
                .doesNotContain("<b>bob</b>") // payloads are text, never markup
                .contains("1 passed, 1 failed");
    }

    private void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            String msg = "headless Chromium is not installed: apt-get install -y chromium";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(msg + " (.ci/run should have done this)");
            }
            Assumptions.abort(msg);
        }
    }

    private String dumpDom(Path html) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"), "--dump-dom",
                html.toUri().toString()));
        Path out = dir.resolve("dom.html");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 120 s; log:\n"
                    + Files.readString(dir.resolve("chromium.log")));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("chromium exit code; log:\n%s", Files.readString(dir.resolve("chromium.log")))
                .isZero();
        return dom;
    }
}
