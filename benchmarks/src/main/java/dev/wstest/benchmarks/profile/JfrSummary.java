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
 * through. "inclusive" counts a sample for every ws-test method on its stack; "first" only for the ws-test
 * method nearest the top (what ws-test code called into the JDK, Tyrus or Grizzly frames above it).
 * The same as reading {@code jfr print --events jdk.ExecutionSample}, counted.
 */
public final class JfrSummary {

    private static final String OURS = "dev.wstest.";
    private static final String HARNESS = "dev.wstest.benchmarks.";

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
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
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
        final Map<String, Long> inclusive = new HashMap<>();
        final Map<String, Long> first = new HashMap<>();
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
            Set<String> seen = new HashSet<>();
            boolean firstSeen = false;
            for (RecordedFrame f : frames) {
                if (!ours(f)) {
                    continue;
                }
                String n = name(f);
                if (!firstSeen) {
                    first.merge(n, weight, Long::sum);
                    firstSeen = true;
                }
                if (seen.add(n)) {
                    inclusive.merge(n, weight, Long::sum);
                }
            }
            if (firstSeen) {
                withOurs += weight;
            }
        }

        void print(StringBuilder out, String title, int top, String unit) {
            out.append(String.format("%n%s: %,d %s, ws-test frames on %.1f%%%n", title, total, unit,
                    100.0 * withOurs / Math.max(1, total)));
            section(out, "  inclusive (a ws-test method anywhere on the stack)", inclusive, top);
            section(out, "  first ws-test frame from the top", first, top);
            section(out, "  top frame (any code)", topFrame, top);
        }

        private void section(StringBuilder out, String title, Map<String, Long> m, int top) {
            out.append(title).append(":\n");
            m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(en -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total),
                            en.getKey())));
        }
    }

    private static boolean ours(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null || m.getType() == null) {
            return false;
        }
        String type = m.getType().getName();
        return type.startsWith(OURS) && !type.startsWith(HARNESS);
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
