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

/**
 * Headless Chromium as HtmlReportChromiumTest drives it (same flags), as a helper other tests can share:
 * skipped locally when Chromium is missing, failing on CI (CI=true) where .ci/run must install it.
 */
final class Chromium {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    static void require() {
        if (!Files.isExecutable(CHROMIUM)) {
            String msg = "headless Chromium is not installed: apt-get install -y chromium";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(msg + " (.ci/run should have done this)");
            }
            Assumptions.abort(msg);
        }
    }

    /** The document as Chromium parsed and rendered it. */
    static String dumpDom(Path page, Path workDir) throws IOException, InterruptedException {
        return run(workDir, "--dump-dom", page.toUri().toString());
    }

    /** The document at a URL (e.g. served with a Content-Security-Policy) as Chromium rendered it. */
    static String dumpDom(String url, Path workDir) throws IOException, InterruptedException {
        return run(workDir, "--no-proxy-server", "--dump-dom", url);
    }

    /** The page at a URL rendered to a PNG of the given size; returns its bytes. */
    static byte[] screenshot(String url, Path workDir, int width, int height) throws IOException, InterruptedException {
        Path png = workDir.resolve("screenshot.png");
        Files.deleteIfExists(png);
        run(workDir, "--no-proxy-server", "--hide-scrollbars", "--screenshot=" + png,
                "--window-size=" + width + "," + height, url);
        return Files.readAllBytes(png);
    }

    /** Renders the page to a PNG and returns its bytes. */
    static byte[] screenshot(Path page, Path workDir) throws IOException, InterruptedException {
        Path png = workDir.resolve("screenshot.png");
        run(workDir, "--screenshot=" + png, "--window-size=1000,800", page.toUri().toString());
        return Files.readAllBytes(png);
    }

    private static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 120 s; log:\n" + Files.readString(log));
        }
        assertThat(p.exitValue()).as("chromium exit code; log:\n%s", Files.readString(log)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
