package dev.wstest.samples;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every scenario file under samples/scenarios with Maven Surefire, next to the Java tests: each file is a
 * container, each scenario a test. The scenarios start their own embedded servers.
 */
@Suite
@IncludeEngines("ws-test")
@SelectClasspathResource("scenarios")
class ScenarioFilesTest {
}
