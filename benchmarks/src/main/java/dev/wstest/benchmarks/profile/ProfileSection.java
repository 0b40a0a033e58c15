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

    /** JVM flags that record a profile to {@code jfr}. */
    public static String flag(Path jfr) {
        return "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true";
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
