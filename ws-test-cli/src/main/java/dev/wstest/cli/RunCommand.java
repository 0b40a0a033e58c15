package dev.wstest.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.cli.internal.ConsoleReporter;
import dev.wstest.cli.internal.HtmlReport;
import dev.wstest.cli.internal.JUnitXmlReport;
import dev.wstest.cli.internal.JsonLinesReporter;
import dev.wstest.cli.internal.ReportNames;
import dev.wstest.cli.internal.RunResults;
import dev.wstest.cli.internal.ScenarioNameFilter;
import dev.wstest.junit5.engine.WsScenarioTestEngine;
import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioFile;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioSyntaxException;
import dev.wstest.scenario.ScenarioVariables;
import dev.wstest.syntax.DurationSyntax;
import dev.wstest.syntax.InvalidSyntaxException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ws-test run FILE|DIR...}: runs scenario files through the JUnit Platform launcher. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs the scenarios of .ws files and folders (searched recursively; files whose name starts"
                + " with _ are partials for include and are not run on their own).",
            "Variables come from --var, then --env-file, then the environment, then var lines in the files."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":all scenarios passed",
            ExitCodes.SCENARIO_FAILED + ":a scenario failed",
            ExitCodes.NO_SCENARIOS + ":no scenarios found",
            ExitCodes.INVALID_INPUT + ":invalid input (syntax error, unreadable file, bad option); nothing was run"},
        sortOptions = false)
@API(status = INTERNAL, since = "0.1")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    WsTestCommand parent;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files or folders.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A variable for $${NAME} (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "NAME=value lines (repeatable; later files win).")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long an expect step without 'within' waits, like 500ms, 5s or 1m (default: 2s).")
    Duration timeout;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "How many scenarios run at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--fail-fast", description = "Skip the remaining scenarios after the first failure.")
    boolean failFast;

    @Option(names = "--include", paramLabel = "PATTERN",
            description = "Run only scenarios whose name matches (glob: * and ?; repeatable).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERN",
            description = "Skip scenarios whose name matches (glob: * and ?; repeatable; beats --include).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--reports-dir", paramLabel = "DIR",
            description = "Write JUnit XML (TEST-ws-test.xml) and an HTML report (ws-test-report.html with"
                    + " ws-test-report.css) here.")
    Path reportsDir;

    @Option(names = "--json", description = "Print JSON lines (one object per step, scenario and file) instead of"
            + " the console report; the schema is in docs/cli.md.")
    boolean json;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colours: auto (only on a terminal), always or never (default: ${DEFAULT-VALUE}).")
    Colour colour;

    /** When to colour the console output. */
    enum Colour {
        auto, always, never
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (parallel < 1) {
            err.println("ws-test: --parallel must be at least 1, was " + parallel);
            return ExitCodes.INVALID_INPUT;
        }

        List<Path> files = new ArrayList<>();
        ReportNames names = new ReportNames(Path.of(""));
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                for (Path f : scenarioFilesUnder(p)) {
                    files.add(f);
                    names.add(f, p);
                }
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                files.add(p);
                names.add(p, p.toAbsolutePath().getParent());
            } else {
                err.println("ws-test: cannot read " + p + ": " + (Files.exists(p) ? "not a readable file"
                        : "no such file or directory"));
                return ExitCodes.INVALID_INPUT;
            }
        }
        if (files.isEmpty()) {
            err.println("ws-test: no scenario files (*.ws) found in " + paths.stream().map(Path::toString)
                    .collect(Collectors.joining(", ")));
            return ExitCodes.NO_SCENARIOS;
        }

        ScenarioVariables variables;
        try {
            ScenarioVariables.Builder b = ScenarioVariables.builder().environment(System.getenv());
            envFiles.forEach(b::envFile);
            b.putAll(vars);
            variables = b.build();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("ws-test: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }

        // Everything is loaded before anything runs: one bad file means nothing runs, and reports say why.
        RunResults results = new RunResults();
        List<ScenarioFile> loaded = new ArrayList<>();
        Map<Path, RuntimeException> broken = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                loaded.add(ScenarioLoader.load(f, variables));
            } catch (ScenarioSyntaxException e) {
                err.println(e.getMessage());
                err.println();
                broken.put(f, e);
            } catch (UncheckedIOException e) {
                err.println("ws-test: " + e.getMessage());
                broken.put(f, e);
            }
        }
        if (!broken.isEmpty()) {
            int invalid = broken.size();
            err.println("ws-test: " + invalid + " file(s) could not be loaded; nothing was run.");
            String reason = "not run: " + invalid + " file(s) could not be loaded";
            Iterator<ScenarioFile> ok = loaded.iterator();
            for (Path f : files) { // in the order given, as a run would report them
                String source = f.toAbsolutePath().normalize().toString();
                if (broken.containsKey(f)) {
                    results.fileNotLoaded(source, broken.get(f));
                } else {
                    results.notRun(source, ok.next().scenarios(), reason);
                }
            }
            results.finish();
            if (json) {
                JsonLinesReporter lines = new JsonLinesReporter(out, results, names);
                lines.start();
                lines.notRun();
                lines.summary(ExitCodes.INVALID_INPUT);
            }
            writeReports(results, names, out, err);
            return ExitCodes.INVALID_INPUT;
        }

        ScenarioNameFilter nameFilter = new ScenarioNameFilter(includes, excludes);
        long selected = loaded.stream().flatMap(f -> f.scenarios().stream()).map(Scenario::name)
                .filter(nameFilter::accepts).count();
        if (selected == 0) {
            err.println("ws-test: no scenarios " + (includes.isEmpty() && excludes.isEmpty() ? "in "
                    + files.size() + " file(s)" : "match --include " + includes + " --exclude " + excludes));
            return ExitCodes.NO_SCENARIOS;
        }

        Map<String, String> params = new LinkedHashMap<>();
        vars.forEach((k, v) -> params.put(WsScenarioTestEngine.VAR_PREFIX + k, v));
        if (!envFiles.isEmpty()) {
            params.put(WsScenarioTestEngine.ENV_FILES, envFiles.stream().map(p -> p.toAbsolutePath().toString())
                    .collect(Collectors.joining(",")));
        }
        if (timeout != null) {
            params.put(WsScenarioTestEngine.TIMEOUT, timeout.toMillis() + "ms");
        }
        params.put(WsScenarioTestEngine.PARALLELISM, String.valueOf(parallel));
        params.put(WsScenarioTestEngine.FAIL_FAST, String.valueOf(failFast));

        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(files.stream().map(f -> DiscoverySelectors.selectFile(f.toFile()))
                        .collect(Collectors.toList()))
                .filters(EngineFilter.includeEngines(WsScenarioTestEngine.ENGINE_ID), nameFilter)
                .configurationParameters(params)
                .build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .addTestEngines(new WsScenarioTestEngine())
                .build());

        boolean colours = colour == Colour.always || colour == Colour.auto && parent.terminal.colours();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        JsonLinesReporter lines = json ? new JsonLinesReporter(out, results, names) : null;
        List<TestExecutionListener> listeners = new ArrayList<>(List.of(summary));
        if (lines != null) {
            listeners.add(lines); // records into results, then prints from them
        } else {
            listeners.add(results);
            listeners.add(new ConsoleReporter(out, colours));
        }
        if (reportsDir != null) {
            try {
                Files.createDirectories(reportsDir);
            } catch (IOException e) {
                err.println("ws-test: cannot create the reports folder " + reportsDir + ": " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
        }
        launcher.execute(request, listeners.toArray(TestExecutionListener[]::new));
        out.flush();
        writeReports(results, names, json ? err : out, err);

        TestExecutionSummary s = summary.getSummary();
        int exit = exitCode(s);
        if (lines != null) {
            lines.summary(exit);
        }
        return exit;
    }

    private static int exitCode(TestExecutionSummary s) {
        if (s.getTotalFailureCount() > 0) {
            return ExitCodes.SCENARIO_FAILED;
        }
        if (s.getTestsStartedCount() == 0 && s.getTestsSkippedCount() == 0) {
            return ExitCodes.NO_SCENARIOS;
        }
        return ExitCodes.OK;
    }

    /** The JUnit XML and HTML reports, when --reports-dir asks for them; "Reports: ..." goes to {@code info}. */
    private void writeReports(RunResults results, ReportNames names, PrintWriter info, PrintWriter err) {
        if (reportsDir == null) {
            return;
        }
        try {
            Files.createDirectories(reportsDir);
            JUnitXmlReport.write(results, names, reportsDir.resolve(JUnitXmlReport.FILE_NAME));
            HtmlReport.write(results, names, reportsDir);
            info.println("Reports: " + reportsDir.resolve(JUnitXmlReport.FILE_NAME) + ", "
                    + reportsDir.resolve(HtmlReport.FILE_NAME));
        } catch (IOException | RuntimeException e) {
            err.println("ws-test: cannot write the reports in " + reportsDir + ": " + e.getMessage());
        }
        info.flush();
    }

    private static List<Path> scenarioFilesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".ws") && !n.startsWith("_");
            }).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A duration in the one notation (docs/syntax.md), longer than zero: 500ms, 1.5s, 2m. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationSyntax.parsePositive(value);
            } catch (InvalidSyntaxException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
