package dev.wstest.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The build runs this module's tests once per supported JUnit line (see the surefire executions in the pom);
 * this test proves that each run really had the JUnit it claims on its classpath.
 */
@Timeout(30)
class JUnitVersionTest {

    @Test
    @DisplayName("the JUnit on the classpath is the one this surefire execution is meant to test")
    void runsOnTheExpectedJUnit() {
        String expected = System.getProperty("wstest.expected.junit.major");
        assertThat(expected).as("system property set by the surefire execution").isNotBlank();
        String jupiter = ExtensionContext.class.getPackage().getImplementationVersion();
        assertThat(jupiter).as("junit-jupiter-api version").startsWith(expected + ".");
        String platformMajor = expected.startsWith("5.") ? "1." + expected.substring(2) + "." : expected + ".";
        assertThat(Launcher.class.getPackage().getImplementationVersion()).as("junit-platform-launcher version")
                .startsWith(platformMajor);
        assertThat(EngineTestKit.class.getPackage().getImplementationVersion()).as("junit-platform-testkit version")
                .startsWith(platformMajor);
        System.out.println("ws-test-junit5 tests running on JUnit Jupiter " + jupiter);
    }
}
