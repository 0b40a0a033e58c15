package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as Jenkins serves it: from an HTTP server that sends Jenkins' default Content-Security-Policy,
 * which blocks scripts and inline styles. Headless Chromium loads it from there; the timeline and the marked
 * failing step must be in the page (no script draws them) and styled (the stylesheet next to the report is
 * fetched and applied: its colours are in the screenshot). A probe page with an inline style proves the
 * policy is in force. Skipped locally without Chromium; fails on CI, where .ci/run installs it.
 */
@Timeout(180)
class HtmlReportCspTest {

    /** Jenkins' default for archived HTML (hudson.model.DirectoryBrowserSupport.CSP). */
    static final String JENKINS_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

    @TempDir
    Path dir;

    HttpServer http;
    final Set<String> requested = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void serveTheReportsFolderWithJenkinsPolicy() throws IOException {
        Path reports = dir.resolve("reports");
        Files.createDirectories(reports);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            requested.add(name);
            Path file = reports.resolve(name).normalize();
            byte[] body = file.startsWith(reports) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.getResponseHeaders().set("Content-Security-Policy", JENKINS_CSP);
            exchange.getResponseHeaders().set("Content-Type", name.endsWith(".css") ? "text/css; charset=utf-8"
                    : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    String url(String name) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + name;
    }

    @Test
    @DisplayName("under Jenkins' CSP the report keeps its timeline, its styles and the marked failing step")
    void readableUnderAStrictContentSecurityPolicy() throws Exception {
        Chromium.require();
        Path reports = dir.resolve("reports");
        Files.writeString(reports.resolve("probe.html"), "<!DOCTYPE html><html><head><style>body{background:#123456}"
                + "</style></head><body><p>inline style probe</p></body></html>");
        Path f = dir.resolve("chat.ws");
        Files.writeString(f, "server broadcast\nscenario \"talk\"\n  connect ${server.url} as alice\n"
                + "  connect ${server.url} as bob\n  send alice text \"hi <b>bob</b>\"\n  expect bob text \"hi <b>bob</b>\"\n"
                + "scenario \"broken\"\n  connect ${server.url} as carol\n  send text \"ping\"\n"
                + "  expect text \"never\" within 100ms\n");
        Cli.Result r = Cli.run("run", f.toString(), "--reports-dir", reports.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);
        assertThat(Files.readString(reports.resolve("ws-test-report.html"))).doesNotContain("<script", "<style",
                "style=");

        String dom = Chromium.dumpDom(url("ws-test-report.html"), dir);
        assertThat(dom).contains("<div class=\"timeline\" data-scenario=\"s1\" data-rendered=\"",
                "<th title=\"ws://127.0.0.1:", ">alice</th>", ">bob</th>", ">carol</th>",
                "<span class=\"ev out\"><span class=\"type\">\u2192 TEXT</span>\"hi &lt;b&gt;bob&lt;/b&gt;\"</span>",
                "<span class=\"ev in\"><span class=\"type\">\u2190 TEXT</span>",
                "<a class=\"goto-failed\" href=\"#s2-failed\">failed at line 10</a>",
                "<tr class=\"ko\" id=\"s2-failed\">", "<strong class=\"failed-here\">failed here</strong>")
                .doesNotContain("<b>bob</b>");
        assertThat(requested).contains("ws-test-report.css");

        BufferedImage page = image(Chromium.screenshot(url("ws-test-report.html"), dir, 1000, 1800));
        assertThat(count(page, 0xfdecea)).as("the failing step's row (tr.ko)").isGreaterThan(500);
        assertThat(count(page, 0xc62828)).as("the FAIL badge and the 'failed here' mark").isGreaterThan(100);
        assertThat(count(page, 0xe3ecf7)).as("the timeline's header (.timeline th)").isGreaterThan(500);
        assertThat(count(page, 0xeaf2fc)).as("outgoing frames in the timeline (.ev.out)").isGreaterThan(200);

        BufferedImage probe = image(Chromium.screenshot(url("probe.html"), dir, 400, 300));
        assertThat(count(probe, 0x123456)).as("an inline style, which the policy must block").isZero();
    }

    private static BufferedImage image(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
