package dev.wstest.junit5.internal;

import dev.wstest.client.WsClient;
import dev.wstest.record.Redactor;
import dev.wstest.syntax.DurationSyntax;
import dev.wstest.syntax.InvalidSyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code wstest.*} JUnit configuration parameters, parsed and checked once per test run. A value that
 * cannot be parsed fails the first test class that needs it, with the key, the value and what would be valid.
 */
final class WsTestConfiguration {

    static final String CONNECT_TIMEOUT = "wstest.connect.timeout";
    static final String EXPECT_TIMEOUT = "wstest.expect.timeout";
    static final String TLS_TRUST_ALL = "wstest.tls.trust-all";
    static final String REDACT_HEADERS = "wstest.redact.headers";
    static final String REPORT = "wstest.report";
    static final String REPORT_STDOUT = "wstest.report.stdout";

    /** When the frame logs of a test's clients and servers are published. */
    enum ReportMode {
        ON_FAILURE, ALWAYS, NEVER;

        String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    final Duration connectTimeout;
    final Duration expectTimeout;
    final boolean trustAll;
    final Redactor redactor;
    final ReportMode report;
    final boolean reportToStdout;

    private WsTestConfiguration(ExtensionContext context) {
        connectTimeout = duration(context, CONNECT_TIMEOUT, WsClient.DEFAULT_CONNECT_TIMEOUT);
        expectTimeout = duration(context, EXPECT_TIMEOUT, WsClient.DEFAULT_EXPECT_TIMEOUT);
        trustAll = bool(context, TLS_TRUST_ALL, false);
        redactor = value(context, REDACT_HEADERS)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .toArray(String[]::new))
                .filter(names -> names.length > 0)
                .map(Redactor.DEFAULT::alsoRedacting)
                .orElse(Redactor.DEFAULT);
        report = value(context, REPORT).map(v -> reportMode(REPORT, v)).orElse(ReportMode.ON_FAILURE);
        reportToStdout = bool(context, REPORT_STDOUT, true);
    }

    /** The configuration of this test run (cached in the root context's store). */
    static WsTestConfiguration of(ExtensionContext context) {
        return context.getRoot().getStore(WebSocketExtension.NAMESPACE)
                .getOrComputeIfAbsent(WsTestConfiguration.class, k -> new WsTestConfiguration(context),
                        WsTestConfiguration.class);
    }

    private static Optional<String> value(ExtensionContext context, String key) {
        return context.getConfigurationParameter(key).map(String::trim);
    }

    private static Duration duration(ExtensionContext context, String key, Duration fallback) {
        return value(context, key).map(v -> parseDuration(key, v)).orElse(fallback);
    }

    /** A duration in the one notation (docs/syntax.md), longer than zero. */
    static Duration parseDuration(String key, String value) {
        try {
            return DurationSyntax.parsePositive(value);
        } catch (InvalidSyntaxException e) {
            throw invalid(key, value, e.getMessage());
        }
    }

    private static boolean bool(ExtensionContext context, String key, boolean fallback) {
        return value(context, key).map(v -> {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    throw invalid(key, v, "must be true or false");
            }
        }).orElse(fallback);
    }

    private static ReportMode reportMode(String key, String value) {
        for (ReportMode mode : ReportMode.values()) {
            if (mode.key().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw invalid(key, value, "must be one of on-failure, always, never");
    }

    private static ExtensionConfigurationException invalid(String key, String value, String problem) {
        return new ExtensionConfigurationException("ws-test configuration parameter " + key + "=\"" + value + "\": "
                + problem + ". Set it in src/test/resources/junit-platform.properties or with -D" + key + "=...");
    }
}
