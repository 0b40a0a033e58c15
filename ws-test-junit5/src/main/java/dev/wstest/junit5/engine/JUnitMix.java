package dev.wstest.junit5.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Detects JUnit jars of different releases on one classpath, as a build gets when it mixes JUnit versions
 * without importing {@code org.junit:junit-bom} (for example junit-platform-engine 1.14 from ws-test beside
 * junit-platform-commons 1.11 from an older junit-jupiter). JUnit supports only matching versions: Jupiter
 * 5.N with Platform 1.N, or 6.N throughout. A mix can fail in confusing ways or lose tests silently, so the
 * engine warns once, naming the jars and the fix, through java.util.logging as JUnit's own logging does
 * (JUnit's logging facade is not exported to other modules, so ws-test cannot call it on the module path).
 */
final class JUnitMix {

    /** One class from each JUnit jar whose release matters, in the order they are reported. */
    private static final Map<String, String> MARKERS = markers();

    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private JUnitMix() {
    }

    private static Map<String, String> markers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("junit-platform-commons", "org.junit.platform.commons.JUnitException");
        m.put("junit-platform-engine", "org.junit.platform.engine.TestEngine");
        m.put("junit-platform-launcher", "org.junit.platform.launcher.Launcher");
        m.put("junit-jupiter-api", "org.junit.jupiter.api.Test");
        m.put("junit-jupiter-engine", "org.junit.jupiter.engine.JupiterTestEngine");
        return m;
    }

    /** Logs the warning for this JVM's classpath, once per JVM. */
    static void warnOnce() {
        if (CHECKED.compareAndSet(false, true)) {
            warn(onClasspath());
        }
    }

    /** Logs the warning for these versions, if any, on the engine's logger (WARNING); true if it did. */
    static boolean warn(Map<String, String> versions) {
        Optional<String> message = problem(versions);
        message.ifPresent(m -> Logger.getLogger(WsScenarioTestEngine.class.getName()).warning(m));
        return message.isPresent();
    }

    /** Artifact name to version of the JUnit jars this class loader sees (absent jars are left out). */
    static Map<String, String> onClasspath() {
        Map<String, String> versions = new LinkedHashMap<>();
        MARKERS.forEach((artifact, marker) -> version(marker).ifPresent(v -> versions.put(artifact, v)));
        return versions;
    }

    private static Optional<String> version(String className) {
        try {
            Class<?> type = Class.forName(className, false, JUnitMix.class.getClassLoader());
            return Optional.ofNullable(type.getPackage().getImplementationVersion());
        } catch (ClassNotFoundException | LinkageError absent) {
            return Optional.empty();
        }
    }

    /** The warning for these versions, if they come from more than one JUnit release. */
    static Optional<String> problem(Map<String, String> versions) {
        Set<String> releases = versions.values().stream().map(JUnitMix::release)
                .collect(Collectors.toCollection(TreeSet::new));
        if (releases.size() <= 1) {
            return Optional.empty();
        }
        StringBuilder jars = new StringBuilder();
        versions.forEach((artifact, version) -> jars.append("\n  ").append(artifact).append(' ').append(version));
        return Optional.of("ws-test: the JUnit jars on the test classpath come from different JUnit releases ("
                + String.join(", ", releases) + "):" + jars
                + "\nJUnit supports only matching versions (Jupiter 5.N with Platform 1.N, or 6.N throughout);"
                + " a mix can fail to load tests or lose them silently. Import org.junit:junit-bom so that"
                + " every JUnit artifact gets the same release: in Maven a <dependencyManagement> entry with"
                + " <type>pom</type> and <scope>import</scope>, in Gradle"
                + " testImplementation(platform(\"org.junit:junit-bom:VERSION\")).");
    }

    /** 1.14.4 and 5.14.0 are both release 5.14; 6.1.3 is 6.1. */
    static String release(String version) {
        String[] parts = version.split("[.-]");
        if (parts.length < 2) {
            return version;
        }
        String major = "1".equals(parts[0]) ? "5" : parts[0];
        return major + "." + parts[1];
    }
}
