package dev.wstest.architecture;

import static dev.wstest.architecture.PackageStackTest.Module.CLI;
import static dev.wstest.architecture.PackageStackTest.Module.CORE;
import static dev.wstest.architecture.PackageStackTest.Module.JUNIT5;
import static dev.wstest.architecture.PackageStackTest.Module.MOCK;
import static dev.wstest.architecture.PackageStackTest.Module.WIRE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.cli.WsTestCli;
import dev.wstest.client.WsClient;
import dev.wstest.junit5.WebSocketTest;
import dev.wstest.mock.MockWsServer;
import dev.wstest.protocol.Frame;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packages form a one-way stack (docs/architecture.md). {@link #FLOORS} is the table, bottom up: each
 * package, the module it lives in, and the floors directly beneath it that it may use. A package may also
 * use whatever those floors may use, except internal glue, which only the floors that name it may use. A
 * package's own {@code internal} sub-package belongs to it and to nobody else.
 *
 * <p>The test reads the compiled main classes of every module (the constant pool of each class file, so
 * field types, signatures and annotations count as well as calls) and fails on any reference that runs up
 * or across the stack, into another package's {@code internal}, or from ws-test-wire to anything outside
 * the JDK. It lives in ws-test-cli because that module sees all the others.
 */
@Timeout(60)
class PackageStackTest {

    /** The modules whose main classes are checked, bottom up; each is found through one of its classes. */
    enum Module {
        WIRE("ws-test-wire", Frame.class),
        CORE("ws-test-core", WsClient.class),
        MOCK("ws-test-mock", MockWsServer.class),
        JUNIT5("ws-test-junit5", WebSocketTest.class),
        CLI("ws-test-cli", WsTestCli.class);

        final String artifact;
        final Class<?> marker;

        Module(String artifact, Class<?> marker) {
            this.artifact = artifact;
            this.marker = marker;
        }
    }

    /** One floor: a package (relative to {@code dev.wstest}) and the floors directly beneath it that it uses. */
    record Floor(String name, Module module, boolean glue, List<String> uses) {
        String packageName() {
            return "dev.wstest." + name;
        }
    }

    /** The stack, bottom up. A floor names only floors listed before it, so arrows point one way. */
    static final List<Floor> FLOORS = List.of(
            floor("syntax", WIRE),
            floor("protocol", WIRE),
            floor("tls", WIRE),
            floor("record", WIRE, "protocol", "tls", "syntax"),
            floor("raw", WIRE, "record"),
            glue("tyrus", CORE, "record"),
            floor("client", CORE, "tyrus", "raw"),
            floor("server", CORE, "tyrus", "raw"),
            floor("assertions", CORE, "client", "server"),
            floor("scenario", CORE, "assertions"),
            floor("conformance", CORE, "raw"),
            floor("mock", MOCK, "server", "assertions", "scenario"),
            floor("junit5", JUNIT5, "client", "server", "mock"),
            floor("junit5.engine", JUNIT5, "scenario"),
            floor("junit5.conformance", JUNIT5, "conformance"),
            floor("cli", CLI, "junit5.engine", "conformance", "mock"));

    private static Floor floor(String name, Module module, String... uses) {
        return new Floor(name, module, false, List.of(uses));
    }

    /** Internal glue: used only by the floors that name it, never passed on to the floors above them. */
    private static Floor glue(String name, Module module, String... uses) {
        return new Floor(name, module, true, List.of(uses));
    }

    private static final Map<String, Floor> BY_NAME = FLOORS.stream()
            .collect(Collectors.toMap(Floor::name, f -> f, (a, b) -> a, LinkedHashMap::new));

    private static final Set<String> JDK_PACKAGES = ModuleFinder.ofSystem().findAll().stream()
            .flatMap(m -> m.descriptor().packages().stream()).collect(Collectors.toUnmodifiableSet());

    @Test
    @DisplayName("every main class of wire, core, mock, junit5 and cli keeps to the stack")
    void everyModuleKeepsToTheStack() {
        List<String> violations = new ArrayList<>();
        for (Module module : Module.values()) {
            Map<String, Set<String>> classes = compiledClasses(module);
            assertThat(classes).as("main classes of %s", module.artifact).containsKey(module.marker.getName());
            classes.forEach((name, refs) -> violations.addAll(check(module, name, refs)));
        }
        assertThat(violations).withFailMessage(() -> "The package stack is broken (the table is "
                + "PackageStackTest.FLOORS; docs/architecture.md says where things go):\n  "
                + String.join("\n  ", violations)).isEmpty();
    }

    @Test
    @DisplayName("the table is a one-way stack: floors name only lower floors in their own or lower modules, nothing uses the CLI")
    void theTableIsAOneWayStack() {
        List<String> seen = new ArrayList<>();
        for (Floor f : FLOORS) {
            assertThat(seen).as("floor names are unique").doesNotContain(f.name());
            for (String used : f.uses()) {
                assertThat(seen).as("%s uses %s, which must be listed before it", f.name(), used).contains(used);
                Floor u = BY_NAME.get(used);
                assertThat(u.module().ordinal()).as("%s (%s) uses %s (%s)", f.name(), f.module().artifact, used,
                        u.module().artifact).isLessThanOrEqualTo(f.module().ordinal());
                assertThat(u.module()).as("nothing depends on the CLI, but %s uses %s", f.name(), used).isNotEqualTo(CLI);
            }
            seen.add(f.name());
        }
    }

    @Test
    @DisplayName("each rule fires, with the offending class, the dependency and the rule in the message")
    void eachRuleFires() {
        assertThat(check(WIRE, "dev.wstest.protocol.Frame", Set.of("dev.wstest.client.WsClient")))
                .containsExactly("dev.wstest.protocol.Frame -> dev.wstest.client.WsClient: runs up the stack "
                        + "(client is above protocol; protocol may use only the JDK)");
        assertThat(check(CORE, "dev.wstest.server.WsServer", Set.of("dev.wstest.client.WsClient")))
                .containsExactly("dev.wstest.server.WsServer -> dev.wstest.client.WsClient: runs across the stack "
                        + "(client is not below server; server may use protocol, raw, record, syntax, tls, tyrus)");
        assertThat(check(CORE, "dev.wstest.scenario.Scenario", Set.of("dev.wstest.tyrus.SendDeadline")))
                .singleElement().asString().contains("tyrus is internal glue, for client, server only");
        assertThat(check(JUNIT5, "dev.wstest.junit5.engine.X", Set.of("dev.wstest.junit5.internal.Scope")))
                .singleElement().asString().contains("uses another package's internal (junit5.internal)");
        assertThat(check(WIRE, "dev.wstest.record.FrameLog", Set.of("org.assertj.core.api.Assertions")))
                .containsExactly("dev.wstest.record.FrameLog -> org.assertj.core.api.Assertions: "
                        + "ws-test-wire may use only the JDK");
        assertThat(check(JUNIT5, "dev.wstest.junit5.engine.X", Set.of("dev.wstest.cli.WsTestCli")))
                .singleElement().asString().contains("runs up the stack (cli is above junit5.engine");
        assertThat(check(CORE, "dev.wstest.stomp.X", Set.of())).singleElement().asString()
                .contains("package dev.wstest.stomp is not in PackageStackTest.FLOORS");
        assertThat(check(MOCK, "dev.wstest.mock.MockWsServer", Set.of("dev.wstest.scenario.internal.Template")))
                .singleElement().asString().contains("uses another package's internal (scenario.internal)");
        assertThat(check(CORE, "dev.wstest.server.WsServer", Set.of("dev.wstest.mock.MockWsServer")))
                .singleElement().asString().contains("runs up the stack (mock is above server");
        assertThat(check(WIRE, "dev.wstest.client.X", Set.of())).singleElement().asString()
                .contains("is in ws-test-wire, but floor client belongs to ws-test-core");
        assertThat(check(CORE, "dev.wstest.client.WsClient", Set.of("dev.wstest.protocol.Frame",
                "dev.wstest.tyrus.SendDeadline", "dev.wstest.client.internal.ClientTap", "dev.wstest.tls.TlsTrust",
                "org.glassfish.tyrus.client.ClientManager", "java.util.List"))).isEmpty();
    }

    @Test
    @DisplayName("references are read from the class file: a type used only in a signature counts")
    void readsReferencesFromClassFiles() {
        Map<String, Set<String>> wire = compiledClasses(WIRE);
        assertThat(wire.get("dev.wstest.raw.RawClient$Builder")).contains("dev.wstest.tls.TlsTrust",
                "dev.wstest.record.Redactor", "java.time.Duration");
        assertThat(wire.get("dev.wstest.protocol.WsUrl")).contains("java.net.URI").noneMatch(c -> c.startsWith("dev.wstest.record"));
    }

    /** What is wrong with one class's references, as "class -> dependency: rule" lines. */
    static List<String> check(Module module, String className, Set<String> references) {
        String from = packageOf(className);
        Floor floor = floorOf(from);
        if (floor == null) {
            return List.of(className + ": package " + from + " is not in PackageStackTest.FLOORS; add it on the floor"
                    + " where it belongs (docs/architecture.md)");
        }
        if (floor.module() != module) {
            return List.of(className + ": is in " + module.artifact + ", but floor " + floor.name() + " belongs to "
                    + floor.module().artifact);
        }
        Set<String> allowed = reach(floor);
        List<String> out = new ArrayList<>();
        for (String ref : new TreeSet<>(references)) {
            String to = packageOf(ref);
            String rule;
            if (!to.startsWith("dev.wstest.")) {
                rule = module == WIRE && !JDK_PACKAGES.contains(to) && !to.equals("org.apiguardian.api")
                        ? "ws-test-wire may use only the JDK" : null; // and the @API status annotations
            } else {
                Floor target = floorOf(to);
                if (target == null) {
                    rule = "package " + to + " is not in PackageStackTest.FLOORS";
                } else if (target == floor) {
                    rule = null;
                } else if (to.contains(".internal")) {
                    rule = "uses another package's internal (" + to.substring("dev.wstest.".length()) + ")";
                } else if (allowed.contains(target.name())) {
                    rule = null;
                } else if (target.glue() && floor.uses().stream().noneMatch(target.name()::equals)) {
                    rule = target.name() + " is internal glue, for " + String.join(", ", usersOf(target)) + " only";
                } else {
                    String may = allowed.isEmpty() ? "only the JDK" : String.join(", ", new TreeSet<>(allowed));
                    rule = reach(target).contains(floor.name())
                            ? "runs up the stack (" + target.name() + " is above " + floor.name() + "; " + floor.name()
                                    + " may use " + may + ")"
                            : "runs across the stack (" + target.name() + " is not below " + floor.name() + "; "
                                    + floor.name() + " may use " + may + ")";
                }
            }
            if (rule != null) {
                out.add(className + " -> " + ref + ": " + rule);
            }
        }
        return out;
    }

    /** The floor a package belongs to: the floor itself or its {@code internal} sub-packages; null if none. */
    private static Floor floorOf(String pkg) {
        Floor best = null;
        for (Floor f : FLOORS) {
            String p = f.packageName();
            boolean member = pkg.equals(p) || pkg.equals(p + ".internal") || pkg.startsWith(p + ".internal.");
            if (member && (best == null || p.length() > best.packageName().length())) {
                best = f;
            }
        }
        return best;
    }

    /** The floors a floor may use: those it names, and what they may use except internal glue. */
    private static Set<String> reach(Floor floor) {
        Set<String> out = new LinkedHashSet<>();
        for (String used : floor.uses()) {
            out.add(used);
            reach(BY_NAME.get(used)).stream().filter(n -> !BY_NAME.get(n).glue()).forEach(out::add);
        }
        return out;
    }

    private static List<String> usersOf(Floor glue) {
        return FLOORS.stream().filter(f -> f.uses().contains(glue.name())).map(Floor::name).toList();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Every main class of a module (a classes directory in the reactor, or its jar) and what it references. */
    static Map<String, Set<String>> compiledClasses(Module module) {
        Map<String, Set<String>> out = new TreeMap<>();
        try {
            Path location = Path.of(module.marker.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        add(out, location.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                add(out, e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * Where ws-test-core's jar keeps the Tyrus and Grizzly classes it shades. They are third-party code, not
     * a floor; a reference to {@code dev.wstest.shaded.org.glassfish.X} counts as one to {@code org.glassfish.X}.
     */
    static final String SHADED = "dev.wstest.shaded.";

    private static void add(Map<String, Set<String>> out, String path, byte[] bytes) throws IOException {
        if (!path.endsWith("module-info.class") && !path.endsWith("package-info.class")
                && !path.startsWith(SHADED.replace('.', '/'))) {
            String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
            Set<String> refs = new TreeSet<>();
            for (String ref : references(bytes)) {
                refs.add(ref.startsWith(SHADED) ? ref.substring(SHADED.length()) : ref);
            }
            out.put(name, refs);
        }
    }

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([A-Za-z_$][\\w$]*(?:/[A-Za-z_$][\\w$]*)+)[;<]");

    /**
     * The classes a class file refers to: its constant pool's class entries, and every type named in a
     * descriptor or signature (fields, methods, generics, annotations). String literals are not read.
     */
    static Set<String> references(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameAt = new int[count];
        List<Integer> classNames = new ArrayList<>();
        Set<Integer> literals = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> {
                    classNameAt[i] = in.readUnsignedShort();
                    classNames.add(classNameAt[i]);
                }
                case 8 -> literals.add(in.readUnsignedShort());
                case 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        in.readUnsignedShort(); // access flags
        String self = utf8[classNameAt[in.readUnsignedShort()]];
        Set<String> refs = new TreeSet<>();
        Set<Integer> names = new HashSet<>(classNames);
        for (int idx : classNames) {
            if (!utf8[idx].startsWith("[")) {
                refs.add(utf8[idx].replace('/', '.'));
            }
        }
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !literals.contains(i) && (!names.contains(i) || utf8[i].startsWith("["))) {
                Matcher m = TYPE_IN_DESCRIPTOR.matcher(utf8[i]);
                while (m.find()) {
                    refs.add(m.group(1).replace('/', '.'));
                }
            }
        }
        refs.remove(self.replace('/', '.'));
        return refs;
    }
}
