package dev.wstest.benchmarks.profile;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.report.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * With --profile: JFR recordings of the ws-test paths that miss their goals, summarised to ws-test's own
 * frames (profiles/*.txt in the work directory). Adds no rows to the table; docs/performance.md quotes them.
 */
public final class ProfileSection implements Section {

    private final List<Profiled> runs;

    /** One profiled run: a name and what records it (writing the .jfr file it is given). */
    public interface Profiled {
        String name();

        void record(Settings settings, Path jfr) throws Exception;
    }

    public ProfileSection(List<Profiled> runs) {
        this.runs = List.copyOf(runs);
    }

    /**
     * Execution samples every millisecond (JFR's "profile" settings take one every 10-20 ms, too few for a
     * run of seconds), allocation samples at up to 1,000/s, every GC and the CPU load once a second.
     */
    private static final String SETTINGS = String.join("\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<configuration version=\"2.0\" label=\"ws-test benchmarks\">",
            "  <event name=\"jdk.ExecutionSample\"><setting name=\"enabled\">true</setting>"
                    + "<setting name=\"period\">1 ms</setting></event>",
            "  <event name=\"jdk.ObjectAllocationSample\"><setting name=\"enabled\">true</setting>"
                    + "<setting name=\"stackTrace\">true</setting><setting name=\"throttle\">1000/s</setting></event>",
            "  <event name=\"jdk.GarbageCollection\"><setting name=\"enabled\">true</setting>"
                    + "<setting name=\"threshold\">0 ms</setting></event>",
            "  <event name=\"jdk.CPULoad\"><setting name=\"enabled\">true</setting>"
                    + "<setting name=\"period\">1 s</setting></event>",
            "</configuration>",
            "");

    /** The JVM flag that records a profile to {@code jfr} (with the settings file written next to it). */
    public static String flag(Path jfr) {
        Path jfc = jfr.resolveSibling("ws-test-benchmarks.jfc");
        try {
            Files.createDirectories(jfc.getParent());
            Files.writeString(jfc, SETTINGS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "-XX:StartFlightRecording=filename=" + jfr + ",settings=" + jfc + ",dumponexit=true";
    }

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public List<Row> run(Settings settings) throws Exception {
        Path dir = settings.work().resolve("profiles");
        Files.createDirectories(dir);
        for (Profiled p : runs) {
            System.out.println("  profile: " + p.name());
            Path jfr = dir.resolve(p.name() + ".jfr");
            Files.deleteIfExists(jfr);
            p.record(settings, jfr);
            String summary = JfrSummary.summarise(jfr, 25);
            Files.writeString(dir.resolve(p.name() + ".txt"), summary);
            System.out.println(summary);
        }
        return List.of();
    }
}
