package dev.wstest.cli;

import dev.wstest.cli.internal.ConsoleReporter;
import dev.wstest.cli.internal.HtmlReport;
import dev.wstest.cli.internal.JunitXmlReport;
import dev.wstest.cli.internal.ScenarioNameFilter;
import dev.wstest.junit5.engine.WsScenarioTestEngine;
import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioFile;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioSyntaxException;
import dev.wstest.scenario.ScenarioVariables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    WsTestCommand parent;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files or folders.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A variable for ${NAME} (repeatable).")
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
            description = "Write JUnit XML (TEST-ws-test.xml) and an HTML report (ws-test-report.html) here.")
    Path reportsDir;

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
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                files.addAll(scenarioFilesUnder(p));
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                files.add(p);
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

        // Everything is loaded before anything runs: one bad file means nothing runs.
        List<ScenarioFile> loaded = new ArrayList<>();
        int invalid = 0;
        for (Path f : files) {
            try {
                loaded.add(ScenarioLoader.load(f, variables));
            } catch (ScenarioSyntaxException e) {
                err.println(e.getMessage());
                err.println();
                invalid++;
            } catch (UncheckedIOException e) {
                err.println("ws-test: " + e.getMessage());
                invalid++;
            }
        }
        if (invalid > 0) {
            err.println("ws-test: " + invalid + " file(s) could not be loaded; nothing was run.");
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
        ConsoleReporter console = new ConsoleReporter(out, colours);
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        List<TestExecutionListener> listeners = new ArrayList<>(List.of(console, summary));
        HtmlReport html = null;
        JunitXmlReport xml = null;
        if (reportsDir != null) {
            try {
                Files.createDirectories(reportsDir);
            } catch (IOException e) {
                err.println("ws-test: cannot create the reports folder " + reportsDir + ": " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            xml = new JunitXmlReport(reportsDir.resolve(JunitXmlReport.FILE_NAME));
            listeners.add(xml);
            html = new HtmlReport(reportsDir.resolve(HtmlReport.FILE_NAME));
            listeners.add(html);
        }
        launcher.execute(request, listeners.toArray(TestExecutionListener[]::new));
        out.flush();

        TestExecutionSummary s = summary.getSummary();
        if (html != null) {
            xml.problem().ifPresent(p -> err.println("ws-test: " + p));
            html.problem().ifPresent(p -> err.println("ws-test: " + p));
            out.println("Reports: " + reportsDir.resolve(JunitXmlReport.FILE_NAME) + ", "
                    + reportsDir.resolve(HtmlReport.FILE_NAME));
        }
        if (s.getTotalFailureCount() > 0) {
            return ExitCodes.SCENARIO_FAILED;
        }
        if (s.getTestsStartedCount() == 0 && s.getTestsSkippedCount() == 0) {
            return ExitCodes.NO_SCENARIOS;
        }
        return ExitCodes.OK;
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

    /** "500ms", "5s", "1m", or a number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern P = Pattern.compile("(\\d{1,9})(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher m = P.matcher(value.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new TypeConversionException("expected a positive duration like 500ms, 5s or 1m but found '"
                        + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return unit.equals("ms") ? Duration.ofMillis(n) : unit.equals("m") ? Duration.ofMinutes(n)
                    : Duration.ofSeconds(n);
        }
    }
}
