package dev.wstest.junit5.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class JUnitMixTest {

    private static Map<String, String> versions(String... artifactVersion) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < artifactVersion.length; i += 2) {
            m.put(artifactVersion[i], artifactVersion[i + 1]);
        }
        return m;
    }

    @Test
    @DisplayName("platform-engine 1.14 beside platform-commons 1.11 is a mix, reported with every jar and the fix")
    void reportsAMix() {
        assertThat(JUnitMix.problem(versions("junit-platform-commons", "1.11.4", "junit-platform-engine", "1.14.4",
                "junit-jupiter-api", "5.11.4")))
                .hasValue("""
                        ws-test: the JUnit jars on the test classpath come from different JUnit releases (5.11, 5.14):
                          junit-platform-commons 1.11.4
                          junit-platform-engine 1.14.4
                          junit-jupiter-api 5.11.4
                        JUnit supports only matching versions (Jupiter 5.N with Platform 1.N, or 6.N throughout); \
                        a mix can fail to load tests or lose them silently. Import org.junit:junit-bom so that every \
                        JUnit artifact gets the same release: in Maven a <dependencyManagement> entry with \
                        <type>pom</type> and <scope>import</scope>, in Gradle \
                        testImplementation(platform("org.junit:junit-bom:VERSION")).""");
    }

    @Test
    @DisplayName("Jupiter 5.N with Platform 1.N, and 6.N throughout, are one release; patch levels may differ")
    void acceptsMatchingReleases() {
        assertThat(JUnitMix.problem(versions("junit-platform-commons", "1.14.4", "junit-platform-engine", "1.14.3",
                "junit-jupiter-api", "5.14.4", "junit-jupiter-engine", "5.14.4"))).isEmpty();
        assertThat(JUnitMix.problem(versions("junit-platform-engine", "6.1.3", "junit-jupiter-api", "6.1.3")))
                .isEmpty();
        assertThat(JUnitMix.problem(versions("junit-platform-engine", "6.0.1", "junit-jupiter-api", "5.14.4")))
                .get().asString().contains("(5.14, 6.0)");
    }

    @Test
    @DisplayName("the JUnit of this test run is one release: no false alarm (run on 5.10, 5.14 and 6)")
    void thisClasspathIsConsistent() {
        Map<String, String> found = JUnitMix.onClasspath();
        assertThat(found).containsKeys("junit-platform-commons", "junit-platform-engine", "junit-platform-launcher",
                "junit-jupiter-api", "junit-jupiter-engine");
        assertThat(JUnitMix.problem(found)).as("%s", found).isEmpty();
    }

    @Test
    @DisplayName("the warning goes through JUnit's logging, at WARNING on the engine's logger")
    void logsThroughJUnit() {
        Logger logger = Logger.getLogger(WsScenarioTestEngine.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            assertThat(JUnitMix.warn(versions("junit-platform-commons", "1.11.4", "junit-platform-engine", "1.14.4")))
                    .isTrue();
            assertThat(JUnitMix.warn(versions("junit-platform-commons", "1.14.4", "junit-platform-engine", "1.14.4")))
                    .isFalse();
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).startsWith("ws-test: the JUnit jars on the test classpath come from different");
        });
    }
}
