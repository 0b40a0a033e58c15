package dev.wstest.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ws-test-junit5 without ws-test-mock: its dependency on the mock is optional, so a project that does not use
 * the mock does not have it (nor the Netty shaded into it) on the classpath. This test runs the extension in a
 * class loader made from the test classpath minus ws-test-mock (and any Netty jar).
 */
@Timeout(60)
class NoMockClasspathTest {

    @Test
    @DisplayName("without ws-test-mock: embedded servers work, @MockServer names the dependency to add")
    void extensionWorksWithoutTheMock() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            String name = Path.of(entry).toString().replace('\\', '/');
            if (name.contains("ws-test-mock") || name.contains("/io/netty/") || name.contains("netty-")) {
                left.add(entry);
                continue;
            }
            urls.add(Path.of(entry).toUri().toURL());
        }
        assertThat(left).as("the test classpath has the mock, to leave out").isNotEmpty();
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(isolated);
            String outcome;
            try {
                outcome = (String) isolated.loadClass("dev.wstest.junit5.nomock.NoMockProbe").getMethod("run")
                        .invoke(null);
            } finally {
                thread.setContextClassLoader(before);
            }
            assertThat(outcome)
                    .startsWith("mock=false\n")
                    .contains("EmbeddedOnly: passed 1\n")
                    .contains("WantsAMock: failed: org.junit.jupiter.api.extension.ExtensionConfigurationException:"
                            + " @MockServer on static field NoMockProbe.WantsAMock.feed: the mock server needs"
                            + " ws-test-mock on the test classpath")
                    .contains("Add the dependency dev.wstest:ws-test-mock with <scope>test</scope>");
        }
    }
}
