/**
 * The {@code ws-test} command line: {@link dev.wstest.cli.WsTestCli#commandLine} builds the one
 * {@code CommandLine} that {@code main} and the tests use; {@code ws-test run} runs scenario files through the
 * JUnit Platform launcher with the ws-test engine.
 */
package dev.wstest.cli;
