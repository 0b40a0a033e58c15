package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of the harness's main classes, spoken to line by line: the parent writes commands
 * to its stdin, it answers with lines on stdout. Separate JVMs keep each side's memory and threads its own.
 */
final class Child implements AutoCloseable {

    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);

    private Child(Process process) {
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (IOException e) {
                lines.offer("ERROR " + e);
            }
            lines.offer("EOF");
        }, "child-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} from the benchmarks jar; its stderr goes to {@code log}. */
    static Child start(Settings settings, List<String> jvmArgs, Class<?> mainClass, String... args) {
        return start(settings, jvmArgs, settings.classPath(), mainClass, args);
    }

    /** Starts {@code mainClass} from {@code classPath}; its stderr goes to {@code log}. */
    static Child start(Settings settings, List<String> jvmArgs, String classPath, Class<?> mainClass,
                       String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Settings.java());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        try {
            Path log = settings.work().resolve("children.log");
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new Child(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    long pid() {
        return process.pid();
    }

    void send(String command) {
        in.println(command);
    }

    /** The next line that starts with {@code prefix}, without it; fails if the child ends or takes too long. */
    String await(String prefix, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("child " + process.pid() + " said no '" + prefix + "' within "
                        + timeoutSeconds + " s");
            }
            if (line.equals("EOF") || line.startsWith("ERROR ")) {
                throw new IllegalStateException("child " + process.pid() + " ended before '" + prefix + "': " + line
                        + " (its stderr is in children.log)");
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
    }

    /**
     * The live objects of the child by class (jcmd GC.class_histogram, which collects first): class name to
     * {instances, bytes}, largest first.
     */
    java.util.LinkedHashMap<String, long[]> histogram() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        java.util.LinkedHashMap<String, long[]> out = new java.util.LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** Resident set size now, from /proc. */
    long rssBytes() {
        return ProcStatus.rssBytes(process.pid());
    }

    /** Threads now, from /proc. */
    int threads() {
        return ProcStatus.threads(process.pid());
    }

    @Override
    public void close() {
        in.close();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
