package dev.wstest.benchmarks.e2e;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Child JVM: runs one generated suite ({@code WsTest} or {@code RawTyrus}) through the JUnit Platform
 * Launcher, as a build tool would, and prints {@code MS_PER_TEST x} (discovery and execution, divided by the
 * number of tests), or {@code FAILED n first-failure} when a test failed: a failed test usually waited for a
 * timeout, so its run says nothing about what a test costs.
 */
public final class PerTestMain {

    private PerTestMain() {
    }

    public static void main(String[] args) {
        String prefix = args[0];
        List<ClassSelector> selectors = new ArrayList<>();
        for (int n = 0; n < GeneratedTests.CLASSES; n++) {
            selectors.add(selectClass(GeneratedTests.PACKAGE + "." + prefix + n));
        }
        long start = System.nanoTime();
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        long took = System.nanoTime() - start;
        TestExecutionSummary s = summary.getSummary();
        long expected = (long) GeneratedTests.CLASSES * GeneratedTests.TESTS;
        if (s.getTestsSucceededCount() != expected) {
            s.printFailuresTo(new java.io.PrintWriter(System.err, true), 5);
            Throwable first = s.getFailures().isEmpty() ? null : s.getFailures().get(0).getException();
            System.out.println("FAILED " + (expected - s.getTestsSucceededCount()) + " "
                    + (first == null ? "(not run)" : first.getClass().getSimpleName() + ": " + first.getMessage()));
            System.exit(1);
        }
        System.out.println("MS_PER_TEST " + took / 1e6 / expected);
        System.exit(0);
    }
}
