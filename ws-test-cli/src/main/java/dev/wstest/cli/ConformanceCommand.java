package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.cli.internal.Outputs;
import dev.wstest.conformance.CaseResult;
import dev.wstest.conformance.ConformanceReport;
import dev.wstest.conformance.ConformanceReports;
import dev.wstest.conformance.ConformanceRunner;
import dev.wstest.conformance.ConformanceSetupException;
import dev.wstest.conformance.Verdict;
import dev.wstest.conformance.VerdictRule;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ws-test conformance URL}: the RFC 6455 conformance suite (modelled on Autobahn|Testsuite) against an
 * echo endpoint, with a console summary per category and optional JSON and HTML reports. A thin wrapper over
 * {@link ConformanceRunner}; the JUnit factory in ws-test-junit5 runs the same cases.
 */
@Command(name = "conformance",
        mixinStandardHelpOptions = true,
        description = {"Runs the RFC 6455 conformance suite against an echo endpoint (every text and binary"
                + " message must come back unchanged) and prints a summary per category.",
            "Autobahn|Testsuite's 517 cases and its two verdict columns (behaviour, close behaviour); the headline"
                    + " is Autobahn's behaviour unless --verdicts with-close."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":no case FAILED (with --strict: none NON-STRICT either), accepted deviations aside",
            ExitCodes.SCENARIO_FAILED + ":a case FAILED (or, with --strict, was NON-STRICT)",
            ExitCodes.INVALID_INPUT + ":bad option, URL or case pattern",
            ExitCodes.CONNECTION_FAILED + ":the endpoint cannot be tested (unreachable, handshake refused, not"
                    + " echoing)",
            ExitCodes.RUNTIME_FAILURE_LINE},
        sortOptions = false)
final class ConformanceCommand extends ToolCommand {

    /** {@code autobahn} or {@code with-close}. */
    static final class VerdictRuleConverter implements picocli.CommandLine.ITypeConverter<VerdictRule> {
        @Override
        public VerdictRule convert(String value) {
            switch (value) {
                case "autobahn":
                    return VerdictRule.AUTOBAHN;
                case "with-close":
                    return VerdictRule.WITH_CLOSE_BEHAVIOUR;
                default:
                    throw new picocli.CommandLine.TypeConversionException("expected autobahn or with-close, got '"
                            + value + "'");
            }
        }
    }

    @Parameters(paramLabel = "URL", description = "ws:// or wss:// URL of an echo endpoint.")
    String url;

    @Mixin
    ConnectionMixin connection;

    @Option(names = "--include", paramLabel = "PATTERN", split = ",",
            description = "Run only these cases: ids like 2.5 or prefixes like 6.4.* (repeatable or comma-separated).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERN", split = ",", description = "Skip these cases.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--accept", paramLabel = "PATTERN=REASON",
            description = "Accept a known deviation: its FAILED verdict does not fail the run (repeatable).")
    Map<String, String> accepted = new LinkedHashMap<>();

    @Option(names = "--case-timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "Autobahn's second, which every wait of a case is a multiple of (default 1s, as Autobahn).")
    Duration caseTimeout;

    @Option(names = "--verdicts", paramLabel = "RULE", converter = VerdictRuleConverter.class,
            description = "autobahn (default): the headline is Autobahn's behaviour column; with-close: the worse of"
                    + " both columns (a bad frame silently dropped is FAILED).")
    VerdictRule verdictRule = VerdictRule.AUTOBAHN;

    @Option(names = "--strict", description = "NON-STRICT verdicts fail the run too.")
    boolean strict;

    @Option(names = "--no-echo-check", description = "Skip the check that the endpoint echoes before the run.")
    boolean noEchoCheck;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the report as HTML (one row per case,"
            + " expandable to the frames exchanged).")
    Path html;

    @Option(names = {"-v", "--verbose"}, description = "Print one line per case as it finishes.")
    boolean verbose;

    @Override
    int execute() {
        if (connection.deflate) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--deflate does not apply to conformance: cases 12.x and"
                    + " 13.x make the permessage-deflate offers Autobahn makes; the other cases offer none");
        }
        if (connection.lenient) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--lenient does not apply to conformance: its raw client"
                    + " judges every frame of the server against the RFC and Autobahn; nothing is failed for you");
        }
        URI uri = ConnectionMixin.parseUrl(url);
        ConformanceRunner.Builder runner = ConformanceRunner.builder(uri)
                .connectTimeout(connection.connectTimeout)
                .tls(connection.trust());
        connection.headerMap().forEach(runner::header);
        if (!connection.subprotocols.isEmpty()) {
            runner.header("Sec-WebSocket-Protocol", String.join(", ", connection.subprotocols));
        }
        try {
            if (!include.isEmpty()) {
                runner.include(include.toArray(String[]::new));
            }
            if (!exclude.isEmpty()) {
                runner.exclude(exclude.toArray(String[]::new));
            }
            accepted.forEach(runner::acceptDeviation);
            if (caseTimeout != null) {
                runner.caseTimeout(caseTimeout);
            }
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
        if (noEchoCheck) {
            runner.skipEchoCheck();
        }
        runner.verdictRule(verdictRule);
        if (verbose) {
            runner.onResult(r -> {
                out().println(String.format("%-9s %-13s %-13s %-16s %s", r.id(), r.verdict().label(),
                        r.behaviour().label(), r.closeBehaviour().label(), r.conformanceCase().description()));
                out().flush();
            });
        }
        ConformanceReport report;
        try {
            report = runner.run();
        } catch (ConformanceSetupException e) {
            throw new CliFailure(ExitCodes.CONNECTION_FAILED,
                    connection.tlsHintForCli(ConnectionMixin.firstLine(e.getMessage())), e);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, ConnectionMixin.firstLine(e.getMessage()), e);
        }
        out().print(ConformanceReports.summary(report));
        out().flush();
        try {
            if (json != null) {
                Outputs.writeString(json, ConformanceReports.toJson(report));
                err().println("JSON report: " + json);
            }
            if (html != null) {
                Outputs.writeString(html, ConformanceReports.toHtml(report));
                err().println("HTML report: " + html);
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot write the report: " + e.getMessage(), e);
        }
        List<CaseResult> failing = new ArrayList<>(report.unacceptedFailures());
        if (strict) {
            report.results().stream()
                    .filter(r -> r.verdict() == Verdict.NON_STRICT && r.acceptedDeviation().isEmpty())
                    .forEach(failing::add);
        }
        if (failing.isEmpty()) {
            return ExitCodes.OK;
        }
        return fail(ExitCodes.SCENARIO_FAILED, failing.size() + " case(s) " + (strict ? "FAILED or NON-STRICT" : "FAILED")
                + ": " + failing.stream().limit(12).map(CaseResult::id).reduce((a, b) -> a + ", " + b).orElse("")
                + (failing.size() > 12 ? ", ..." : ""), null);
    }
}
