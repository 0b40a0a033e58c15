package dev.wstest.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine and JVM a run was made on, and how busy the machine was: absolute figures only compare
 * between runs on the same kind of machine under the same load; ratios measured in one run do.
 *
 * @param cpu        the CPU model
 * @param cores      processors available to the JVM
 * @param memoryMb   physical memory
 * @param os         operating system and kernel
 * @param jvm        JVM vendor, name and version
 * @param loadBefore the 1/5/15-minute load averages when the run started
 */
public record Machine(String cpu, int cores, long memoryMb, String os, String jvm, String loadBefore) {

    public static Machine current() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemoryMb(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                loadAverage());
    }

    /** The 1/5/15-minute load averages now ("n/a" where /proc is missing). */
    public static String loadAverage() {
        List<String> lines = read("/proc/loadavg");
        if (lines.isEmpty()) {
            return "n/a";
        }
        String[] f = lines.get(0).split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static long totalMemoryMb() {
        for (String line : read("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static List<String> read(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
