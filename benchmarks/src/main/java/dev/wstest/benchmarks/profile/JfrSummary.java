package dev.wstest.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording to what matters for ws-test: which of ws-test's own methods the CPU samples
 * ({@code jdk.ExecutionSample}) and allocation samples ({@code jdk.ObjectAllocationSample}, by weight) pass
 * through. A sample is "owned" by the topmost frame outside the JDK, so ws-test code is charged with the JDK
 * code it calls but not with the Tyrus and Grizzly code it wraps; "inclusive" counts a sample for every
 * ws-test method or class anywhere on its stack.
 * The same as reading {@code jfr print --events jdk.ExecutionSample}, counted.
 */
public final class JfrSummary {

    private static final String OURS = "dev.wstest.";
    private static final String HARNESS = "dev.wstest.benchmarks.";
    /** Tyrus and Grizzly as ws-test-core's jar carries them (relocated): their code, not ws-test's. */
    private static final String SHADED = "dev.wstest.shaded.";

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        System.out.print(summarise(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 20));
    }

    /** The top {@code top} methods of each kind, as text. */
    public static String summarise(Path recording, int top) throws IOException {
        Tally cpu = new Tally();
        Tally alloc = new Tally();
        Map<String, Long> allocTypes = new HashMap<>();
        int gcs = 0;
        double gcPauseMs = 0;
        double longestPauseMs = 0;
        double cpuJvm = 0;
        double cpuMachine = 0;
        int cpuSamples = 0;
        java.time.Instant first = null;
        java.time.Instant last = null;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            if (first == null || e.getStartTime().isBefore(first)) {
                first = e.getStartTime();
            }
            if (last == null || e.getEndTime().isAfter(last)) {
                last = e.getEndTime();
            }
            if (type.equals("jdk.GarbageCollection")) {
                gcs++;
                double pause = e.getDuration("sumOfPauses").toNanos() / 1e6;
                gcPauseMs += pause;
                longestPauseMs = Math.max(longestPauseMs, e.getDuration("longestPause").toNanos() / 1e6);
            } else if (type.equals("jdk.CPULoad")) {
                cpuJvm += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                cpuMachine += e.getFloat("machineTotal");
                cpuSamples++;
            }
            if (type.equals("jdk.ExecutionSample")) {
                cpu.add(e, 1);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = e.getLong("weight");
                alloc.add(e, weight);
                if (alloc.touchesOurs(e)) {
                    allocTypes.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("recording: ").append(recording).append('\n');
        double span = first == null ? 0 : java.time.Duration.between(first, last).toNanos() / 1e9;
        out.append(String.format("span %.1f s; GC: %d collections, %.0f ms paused (%.1f%% of the span), longest %.1f ms%n",
                span, gcs, gcPauseMs, span == 0 ? 0 : gcPauseMs / 10 / span, longestPauseMs));
        if (cpuSamples > 0) {
            out.append(String.format("CPU load: this JVM %.0f%%, whole machine %.0f%% (mean of %d samples)%n",
                    100 * cpuJvm / cpuSamples, 100 * cpuMachine / cpuSamples, cpuSamples));
        }
        out.append("Execution samples see threads running Java code only (not GC, not native socket I/O).\n");
        cpu.print(out, "CPU samples", top, "samples");
        alloc.print(out, "allocation (sampled weight)", top, "bytes");
        out.append("\nallocated types under ws-test frames:\n");
        long allocOurs = alloc.withOurs;
        allocTypes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> out.append(String.format("  %5.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, alloc.total),
                        en.getKey())));
        out.append(String.format("  (ws-test frames on %.1f%% of allocation)%n", 100.0 * allocOurs / Math.max(1, alloc.total)));
        return out.toString();
    }

    private static final class Tally {
        long total;
        long withOurs;
        final Map<String, Long> owner = new HashMap<>();
        final Map<String, Long> owned = new HashMap<>();
        final Map<String, Long> byClass = new HashMap<>();
        final Map<String, Long> inclusive = new HashMap<>();
        final Map<String, Long> topFrame = new HashMap<>();

        boolean touchesOurs(RecordedEvent e) {
            if (e.getStackTrace() == null) {
                return false;
            }
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                if (ours(f)) {
                    return true;
                }
            }
            return false;
        }

        void add(RecordedEvent e, long weight) {
            total += weight;
            if (e.getStackTrace() == null) {
                return;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                topFrame.merge(name(frames.get(0)), weight, Long::sum);
            }
            String who = "JDK only";
            for (RecordedFrame f : frames) {
                String type = type(f);
                if (!isJdk(type)) {
                    who = library(type);
                    if (who.equals("ws-test")) {
                        owned.merge(name(f), weight, Long::sum);
                    }
                    break;
                }
            }
            owner.merge(who, weight, Long::sum);
            Set<String> seenMethods = new HashSet<>();
            Set<String> seenClasses = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (!ours(f)) {
                    continue;
                }
                if (seenMethods.add(name(f))) {
                    inclusive.merge(name(f), weight, Long::sum);
                }
                String cls = type(f).replaceAll("\\$\\$Lambda.*", "");
                if (seenClasses.add(cls)) {
                    byClass.merge(cls, weight, Long::sum);
                }
            }
            if (!seenMethods.isEmpty()) {
                withOurs += weight;
            }
        }

        void print(StringBuilder out, String title, int top, String unit) {
            out.append(String.format("%n%s: %,d %s, ws-test frames on %.1f%%%n", title, total, unit,
                    100.0 * withOurs / Math.max(1, total)));
            section(out, "  whose code it is (the topmost frame outside the JDK)", owner, top);
            section(out, "  ws-test methods that own it (topmost non-JDK frame; with the JDK code they call)", owned, top);
            section(out, "  inclusive by ws-test class (anywhere on the stack)", byClass, top);
            section(out, "  inclusive by ws-test method", inclusive, top);
            section(out, "  top frame (any code)", topFrame, 15);
        }

        private void section(StringBuilder out, String title, Map<String, Long> m, int top) {
            out.append(title).append(":\n");
            m.entrySet().stream().filter(en -> !en.getKey().contains("$$Lambda"))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(en -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total),
                            en.getKey())));
        }
    }

    private static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("javax.") || type.equals("?");
    }

    private static String library(String type) {
        if (type.startsWith(SHADED)) {
            type = type.substring(SHADED.length());
        }
        if (type.startsWith(HARNESS) || type.startsWith("org.openjdk.jmh.")) {
            return "benchmark harness (JMH, baselines)";
        }
        if (type.startsWith(OURS)) {
            return "ws-test";
        }
        if (type.startsWith("org.glassfish.tyrus.")) {
            return "Tyrus";
        }
        if (type.startsWith("org.glassfish.grizzly.")) {
            return "Grizzly";
        }
        if (type.startsWith("org.junit.")) {
            return "JUnit";
        }
        if (type.startsWith("com.fasterxml.")) {
            return "Jackson";
        }
        if (type.startsWith("org.assertj.")) {
            return "AssertJ";
        }
        if (type.startsWith("picocli.")) {
            return "picocli";
        }
        return "other (" + type.replaceAll("^((?:[^.]+\\.){2}).*", "$1") + "..)";
    }

    private static String type(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m == null || m.getType() == null ? "?" : m.getType().getName();
    }

    private static boolean ours(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null || m.getType() == null) {
            return false;
        }
        String type = m.getType().getName();
        return type.startsWith(OURS) && !type.startsWith(HARNESS) && !type.startsWith(SHADED);
    }

    private static String name(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "?";
        }
        String type = m.getType() == null ? "?" : m.getType().getName();
        return type + "." + m.getName();
    }
}
