package dev.wstest.benchmarks.jmh;

import dev.wstest.benchmarks.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one JMH benchmark with one set of parameters, so that the harness decides the order (ws-test and its
 * baselines interleaved) instead of JMH's parameter sweep. JMH's own output goes to a log file.
 */
final class JmhRuns {

    private JmhRuns() {
    }

    static RunResult run(Settings settings, Class<?> benchmark, String method, Map<String, String> params,
                         boolean gc, List<String> extraJvmArgs) throws RunnerException, java.io.IOException {
        Path log = settings.work().resolve("jmh.log");
        Files.createDirectories(log.getParent());
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + java.util.regex.Pattern.quote(benchmark.getName() + "." + method) + "$")
                .shouldFailOnError(true)
                .output(log.toString());
        if (settings.quick() && extraJvmArgs.isEmpty()) {
            b.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(300));
        } else {
            List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx3g"));
            jvm.addAll(extraJvmArgs);
            // a profiled run (extra JVM flags) measures longer, for more samples
            b.forks(1).jvmArgsAppend(jvm.toArray(String[]::new)).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(extraJvmArgs.isEmpty() ? 4 : 10).measurementTime(TimeValue.seconds(1));
        }
        params.forEach(b::param);
        if (gc) {
            b.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(b.build()).run();
        if (results.size() != 1) {
            throw new IllegalStateException("expected one JMH result for " + method + " " + params + ", got "
                    + results.size() + " (see " + log + ")");
        }
        return results.iterator().next();
    }

    static double secondary(RunResult r, String name) {
        var s = r.getSecondaryResults().get(name);
        return s == null ? Double.NaN : s.getScore();
    }
}
