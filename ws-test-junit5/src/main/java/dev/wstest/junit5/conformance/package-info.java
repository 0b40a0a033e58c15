/**
 * The RFC 6455 conformance suite as a JUnit 5 dynamic test factory: one test per case, grouped by category,
 * with known deviations accepted explicitly. See {@link dev.wstest.junit5.conformance.ConformanceTests}.
 */
package dev.wstest.junit5.conformance;
