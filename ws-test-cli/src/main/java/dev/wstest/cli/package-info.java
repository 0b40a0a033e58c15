/**
 * The {@code ws-test} command line.
 *
 * <p>Placeholder: this module is built out by the scenario-files issue.
 */
package dev.wstest.cli;
