package dev.wstest.junit5.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.scenario.Scenario;
import dev.wstest.scenario.ScenarioFile;
import dev.wstest.scenario.ScenarioLoader;
import dev.wstest.scenario.ScenarioListener;
import dev.wstest.scenario.ScenarioResult;
import dev.wstest.scenario.ScenarioRunner;
import dev.wstest.scenario.StepResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.discovery.UriSelector;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * Runs {@code .ws} scenario files on the JUnit Platform, next to Java tests: a file is a container, each
 * scenario a test. Files are found through file, directory, classpath resource (a file or a folder) and
 * classpath root selectors; in folders, files whose name starts with {@code _} are partials for
 * {@code include} and are not run on their own. Under Maven Surefire, select them from a suite class:
 *
 * <pre>{@code
 * @Suite
 * @IncludeEngines("ws-test")
 * @SelectClasspathResource("scenarios")
 * class ScenariosTest {
 * }
 * }</pre>
 *
 * <p>Unique id selectors re-run one file or one scenario (IDEs and the console launcher use them).
 *
 * <p>A file that does not load (syntax error, unknown variable) is a failed container whose scenarios do not
 * run. A failed scenario reports file:line, the step and the frame log of every connection; each step and
 * each connection's frame log are also published as report entries (see {@link ReportEntries}).
 *
 * <p>Configuration parameters: {@value #VAR_PREFIX}NAME=value for variables, {@value #ENV_FILES} (comma
 * separated paths), {@value #ENVIRONMENT} (false to hide the process environment), {@value #TIMEOUT} (how long
 * expect steps wait by default), {@value #PARALLELISM} (scenarios at once) and {@value #FAIL_FAST}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WsScenarioTestEngine implements TestEngine {

    /** The engine id, for {@code @IncludeEngines} and {@code --include-engine}. */
    public static final String ENGINE_ID = "ws-test";
    /** Prefix of variable parameters: {@code wstest.var.BASE=ws://127.0.0.1:8080}. */
    public static final String VAR_PREFIX = "wstest.var.";
    /** Comma-separated env files ({@code NAME=value} lines). */
    public static final String ENV_FILES = "wstest.envFiles";
    /** Whether the process environment provides variables (default true). */
    public static final String ENVIRONMENT = "wstest.environment";
    /** Default wait of expect steps, like 2s or 500ms (default 2s). */
    public static final String TIMEOUT = "wstest.timeout";
    /** How many scenarios run at once (default 1). */
    public static final String PARALLELISM = "wstest.parallelism";
    /** Whether scenarios after the first failure are skipped (default false). */
    public static final String FAIL_FAST = "wstest.failFast";

    static final String FILE_EXTENSION = ".ws";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.wstest");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("ws-test-junit5");
    }

    // ============================================================================================ discovery

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        // The launcher discovers with every engine on the classpath, so this runs in any build that has
        // ws-test-junit5, whether or not it has .ws files.
        JUnitMix.warnOnce();
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "ws-test scenarios");
        EngineSettings settings = EngineSettings.from(request.getConfigurationParameters());
        Set<String> seen = new TreeSet<>();
        for (FileSelector s : request.getSelectorsByType(FileSelector.class)) {
            addFile(engine, settings, s.getPath(), seen);
        }
        for (DirectorySelector s : request.getSelectorsByType(DirectorySelector.class)) {
            walk(s.getPath()).forEach(p -> addFile(engine, settings, p, seen));
        }
        for (UriSelector s : request.getSelectorsByType(UriSelector.class)) {
            URI uri = s.getUri();
            if ("file".equals(uri.getScheme())) {
                Path p = Path.of(uri);
                if (Files.isDirectory(p)) {
                    walk(p).forEach(f -> addFile(engine, settings, f, seen));
                } else {
                    addFile(engine, settings, p, seen);
                }
            }
        }
        ClassLoader loader = classLoader();
        for (ClasspathResourceSelector s : request.getSelectorsByType(ClasspathResourceSelector.class)) {
            String name = strip(s.getClasspathResourceName());
            if (name.endsWith(FILE_EXTENSION)) {
                addResource(engine, settings, loader, name, seen);
            } else {
                resourcesUnder(loader, name).forEach(r -> addResource(engine, settings, loader, r, seen));
            }
        }
        for (ClasspathRootSelector s : request.getSelectorsByType(ClasspathRootSelector.class)) {
            URI root = s.getClasspathRoot();
            if ("file".equals(root.getScheme()) && Files.isDirectory(Path.of(root))) {
                Path dir = Path.of(root);
                walk(dir).forEach(p -> addResource(engine, settings, loader,
                        dir.relativize(p).toString().replace(File.separatorChar, '/'), seen));
            }
        }
        selectUniqueIds(request, engine, settings, loader, seen);
        return engine;
    }

    /** Re-running one file or one scenario from an IDE or a report selects it by unique id. */
    private void selectUniqueIds(EngineDiscoveryRequest request, EngineDescriptor engine, EngineSettings settings,
                                 ClassLoader loader, Set<String> seen) {
        Set<UniqueId> whole = new HashSet<>();
        engine.getChildren().forEach(c -> whole.add(c.getUniqueId()));
        Map<UniqueId, Set<String>> only = new HashMap<>();
        for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
            List<UniqueId.Segment> segments = s.getUniqueId().getSegments();
            if (!s.getUniqueId().getEngineId().equals(Optional.of(ENGINE_ID)) || segments.size() < 2
                    || !segments.get(1).getType().equals(ScenarioFileDescriptor.SEGMENT)) {
                continue;
            }
            String file = segments.get(1).getValue();
            if (file.startsWith("classpath:")) {
                addResource(engine, settings, loader, file.substring("classpath:".length()), seen);
            } else {
                addFile(engine, settings, Path.of(file), seen);
            }
            UniqueId fileId = engine.getUniqueId().append(ScenarioFileDescriptor.SEGMENT, file);
            if (segments.size() > 2 && segments.get(2).getType().equals(ScenarioTestDescriptor.SEGMENT)) {
                only.computeIfAbsent(fileId, k -> new HashSet<>()).add(segments.get(2).getValue());
            } else {
                whole.add(fileId);
            }
        }
        for (TestDescriptor fd : new ArrayList<>(engine.getChildren())) {
            Set<String> wanted = only.get(fd.getUniqueId());
            if (wanted != null && !whole.contains(fd.getUniqueId())) {
                for (TestDescriptor sd : new ArrayList<>(fd.getChildren())) {
                    List<UniqueId.Segment> seg = sd.getUniqueId().getSegments();
                    if (!wanted.contains(seg.get(seg.size() - 1).getValue())) {
                        fd.removeChild(sd);
                    }
                }
            }
        }
    }

    private static String strip(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    private static ClassLoader classLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : WsScenarioTestEngine.class.getClassLoader();
    }

    private static List<Path> walk(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> isScenarioFile(p.getFileName().toString()) && Files.isRegularFile(p))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenario files under " + dir + ": " + e, e);
        }
    }

    /** A {@code .ws} file that is not a partial: names starting with '_' are only included by others. */
    static boolean isScenarioFile(String fileName) {
        return fileName.endsWith(FILE_EXTENSION) && !fileName.startsWith("_");
    }

    /** Every {@code .ws} resource in the classpath folder, from directories and jars alike. */
    static List<String> resourcesUnder(ClassLoader loader, String folder) {
        Set<String> out = new TreeSet<>();
        try {
            Enumeration<URL> urls = loader.getResources(folder);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if ("file".equals(url.getProtocol())) {
                    Path dir = Path.of(url.toURI());
                    for (Path p : walk(dir)) {
                        String rel = dir.relativize(p).toString().replace(File.separatorChar, '/');
                        out.add(folder.isEmpty() ? rel : folder + "/" + rel);
                    }
                } else if ("jar".equals(url.getProtocol())) {
                    JarURLConnection c = (JarURLConnection) url.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = c.getJarFile()) {
                        String prefix = folder.isEmpty() ? "" : folder + "/";
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            String n = e.nextElement().getName();
                            if (n.startsWith(prefix) && isScenarioFile(n.substring(n.lastIndexOf('/') + 1))) {
                                out.add(n);
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list classpath folder " + folder + ": " + e, e);
        }
        return new ArrayList<>(out);
    }

    private void addFile(EngineDescriptor engine, EngineSettings settings, Path path, Set<String> seen) {
        Path p = path.normalize();
        if (!seen.add("file:" + p.toAbsolutePath())) {
            return;
        }
        UniqueId id = engine.getUniqueId().append(ScenarioFileDescriptor.SEGMENT, p.toString());
        ScenarioFile file = null;
        RuntimeException error = null;
        try {
            file = ScenarioLoader.load(p, settings.variables);
        } catch (RuntimeException e) {
            error = e;
        }
        File f = p.toFile();
        add(engine, id, p.toString(), FileSource.from(f), file, error,
                line -> FileSource.from(f, FilePosition.from(line)));
    }

    private void addResource(EngineDescriptor engine, EngineSettings settings, ClassLoader loader, String name,
                             Set<String> seen) {
        if (!seen.add("classpath:" + name)) {
            return;
        }
        UniqueId id = engine.getUniqueId().append(ScenarioFileDescriptor.SEGMENT, "classpath:" + name);
        ScenarioFile file = null;
        RuntimeException error = null;
        try {
            file = ScenarioLoader.loadResource(name, loader, settings.variables);
        } catch (RuntimeException e) {
            error = e;
        }
        add(engine, id, name, ClasspathResourceSource.from(name), file, error,
                line -> ClasspathResourceSource.from(name, FilePosition.from(line)));
    }

    private interface SourceAt {
        TestSource at(int line);
    }

    private void add(EngineDescriptor engine, UniqueId id, String name, TestSource source, ScenarioFile file,
                     RuntimeException error, SourceAt at) {
        ScenarioFileDescriptor fd = new ScenarioFileDescriptor(id, name, source, file, error);
        engine.addChild(fd);
        if (file != null) {
            for (Scenario s : file.scenarios()) {
                fd.addChild(new ScenarioTestDescriptor(id.append(ScenarioTestDescriptor.SEGMENT, s.name()), s,
                        at.at(s.line())));
            }
        }
    }

    // ============================================================================================ execution

    @Override
    public void execute(ExecutionRequest request) {
        EngineExecutionListener listener = request.getEngineExecutionListener();
        TestDescriptor root = request.getRootTestDescriptor();
        EngineSettings settings = EngineSettings.from(request.getConfigurationParameters());
        ScenarioRunner runner = ScenarioRunner.builder().variables(settings.variables)
                .defaultTimeout(settings.timeout).build();
        SynchronizedListener events = new SynchronizedListener(listener);
        events.executionStarted(root);
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = settings.parallelism > 1 ? Executors.newFixedThreadPool(settings.parallelism, r -> {
            Thread t = new Thread(r, "ws-test-scenario-" + COUNTER.incrementAndGet());
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            List<CompletableFuture<Void>> files = new ArrayList<>();
            for (TestDescriptor child : new ArrayList<>(root.getChildren())) {
                if (!(child instanceof ScenarioFileDescriptor)) {
                    continue;
                }
                ScenarioFileDescriptor fd = (ScenarioFileDescriptor) child;
                if (fd.loadError().isPresent()) {
                    events.executionStarted(fd);
                    failed.set(true);
                    events.executionFinished(fd, TestExecutionResult.failed(fd.loadError().get()));
                    continue;
                }
                events.executionStarted(fd);
                List<CompletableFuture<Void>> scenarios = new ArrayList<>();
                for (TestDescriptor sc : new ArrayList<>(fd.getChildren())) {
                    ScenarioTestDescriptor sd = (ScenarioTestDescriptor) sc;
                    Runnable task = () -> runScenario(sd, runner, events, settings.failFast, failed);
                    if (pool == null) {
                        task.run();
                        scenarios.add(CompletableFuture.completedFuture(null));
                    } else {
                        scenarios.add(CompletableFuture.runAsync(task, pool));
                    }
                }
                files.add(CompletableFuture.allOf(scenarios.toArray(CompletableFuture[]::new))
                        .whenComplete((v, e) -> events.executionFinished(fd, e == null ? TestExecutionResult.successful()
                                : TestExecutionResult.failed(e))));
            }
            CompletableFuture.allOf(files.toArray(CompletableFuture[]::new)).join();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        events.executionFinished(root, TestExecutionResult.successful());
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static void runScenario(ScenarioTestDescriptor sd, ScenarioRunner runner, SynchronizedListener events,
                                    boolean failFast, AtomicBoolean failed) {
        if (failFast && failed.get()) {
            events.executionSkipped(sd, "fail-fast: an earlier scenario failed");
            return;
        }
        events.executionStarted(sd);
        ScenarioResult result;
        try {
            result = runner.run(sd.scenario(), new ScenarioListener() {
                @Override
                public void stepFinished(StepResult r) {
                    events.reportingEntryPublished(sd, ReportEntries.step(r));
                }
            });
        } catch (RuntimeException | Error e) {
            failed.set(true);
            events.executionFinished(sd, TestExecutionResult.failed(e));
            return;
        }
        result.connections().forEach(c -> events.reportingEntryPublished(sd, ReportEntries.connection(c)));
        if (result.passed()) {
            events.executionFinished(sd, TestExecutionResult.successful());
        } else {
            failed.set(true);
            events.executionFinished(sd, TestExecutionResult.failed(result.failure().orElseThrow()));
        }
    }

    /** Serialises events from parallel scenarios; listeners need not be thread-safe. */
    private static final class SynchronizedListener {
        private final EngineExecutionListener delegate;

        SynchronizedListener(EngineExecutionListener delegate) {
            this.delegate = delegate;
        }

        synchronized void executionStarted(TestDescriptor d) {
            delegate.executionStarted(d);
        }

        synchronized void executionSkipped(TestDescriptor d, String reason) {
            delegate.executionSkipped(d, reason);
        }

        synchronized void executionFinished(TestDescriptor d, TestExecutionResult r) {
            delegate.executionFinished(d, r);
        }

        synchronized void reportingEntryPublished(TestDescriptor d, org.junit.platform.engine.reporting.ReportEntry e) {
            delegate.reportingEntryPublished(d, e);
        }
    }
}
