package dev.wstest.benchmarks;

import java.nio.file.Path;
import java.util.Set;

/**
 * What a run was asked for.
 *
 * @param quick    a smoke run of a few minutes: shorter iterations, fewer repetitions, smaller sizes
 * @param sections the sections to run (empty: all)
 * @param work     where logs, generated sources and profiles go
 * @param classPath the class path of this JVM (the benchmarks jar), for child JVMs
 * @param cliJar   ws-test-cli's self-contained jar
 * @param profile  also record JFR profiles of the ws-test paths and summarise them
 */
public record Settings(boolean quick, Set<String> sections, Path work, String classPath, Path cliJar, boolean profile) {

    public boolean runs(String section) {
        return sections.isEmpty() || sections.contains(section);
    }

    /** How many interleaved repetitions a figure gets (medians are taken over them). */
    public int rounds() {
        return quick ? 1 : 3;
    }

    /** The java launcher of this JVM, for child JVMs. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
