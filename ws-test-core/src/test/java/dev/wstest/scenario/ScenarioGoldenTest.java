package dev.wstest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.scenario.internal.StepDump;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * What the parser makes of every scenario in the repository, and of a few hundred broken ones, kept as data:
 * a change to the parser that changes a parsed step or an error message (text or file:line:column) shows
 * here as a changed line. The data lives in {@code src/test/resources/scenario-golden/}:
 * <ul>
 *   <li>{@code files/*.ws}: copies of every {@code .ws} file of the repository and of every scenario example
 *       in README.md and docs/ (with a few prelude lines where the example names a connection it does not
 *       open), and {@code files/*.steps}: the {@link StepDump} each one parses to; {@code index.txt} names
 *       the variables each one is loaded with;</li>
 *   <li>{@code errors.txt}: invalid inputs and the exact message of the {@link ScenarioSyntaxException} each
 *       one raises;</li>
 *   <li>{@code fuzz.txt}: a hash of the outcome (dump or error message) of each of the inputs the fuzz test
 *       generates.</li>
 * </ul>
 * Run with {@code -Dscenario.golden.write=true} to rewrite the expected data from the current parser (for a
 * new input or a deliberate change, which the diff then shows).
 */
@Timeout(120)
class ScenarioGoldenTest {

    static final String DIR = "scenario-golden/";
    static final boolean WRITE = Boolean.getBoolean("scenario.golden.write");
    static final Path SOURCE_DIR = Path.of("src/test/resources", DIR);
    static final ScenarioVariables ERROR_VARS = ScenarioVariables.builder().put("BASE", "ws://127.0.0.1:1")
            .put("TOKEN", "t0ken").build();

    // ============================================================================ files

    /** One input file of {@code files/}, with the variable names it is loaded with and where it comes from. */
    record Input(String name, Set<String> vars, String origin) {
    }

    static List<Input> index() {
        List<Input> out = new ArrayList<>();
        for (String line : read(DIR + "index.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            Set<String> vars = Stream.of(f[1].strip().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            out.add(new Input(f[0].strip(), vars, f[2].strip()));
        }
        return out;
    }

    static String load(Input in) {
        ScenarioVariables.Builder vars = ScenarioVariables.builder();
        in.vars().forEach(v -> vars.put(v, "value-of-" + v));
        return StepDump.outcome(() -> ScenarioLoader.loadResource(DIR + "files/" + in.name(),
                ScenarioGoldenTest.class.getClassLoader(), vars.build()));
    }

    @TestFactory
    Stream<DynamicTest> everyFileParsesToTheSameSteps() {
        return index().stream().map(in -> DynamicTest.dynamicTest(in.name() + " (" + in.origin() + ")", () -> {
            String expectedName = in.name().replaceFirst("\\.ws$", ".steps");
            String actual = load(in);
            if (in.name().startsWith("valid-")) {
                assertThat(actual).as("a valid-* input must load").doesNotStartWith("error: ");
            }
            if (WRITE) {
                write("files/" + expectedName, actual);
                return;
            }
            assertThat(actual).isEqualTo(read(DIR + "files/" + expectedName));
        }));
    }

    // ============================================================================ errors

    /** An invalid input (text parsed as t.ws, or a classpath resource) and its expected message. */
    record ErrorCase(String input, boolean resource, String expected) {
    }

    static List<ErrorCase> errorCases() {
        List<ErrorCase> out = new ArrayList<>();
        String input = null;
        boolean resource = false;
        for (String line : read(DIR + "errors.txt").split("\n")) {
            if (line.startsWith("in: ") || line.startsWith("resource: ")) {
                if (input != null) {
                    out.add(new ErrorCase(input, resource, null));
                }
                resource = line.startsWith("resource: ");
                input = unescape(line.substring(line.indexOf(": ") + 2));
            } else if (line.startsWith("out: ")) {
                out.add(new ErrorCase(input, resource, unescape(line.substring(5))));
                input = null;
            }
        }
        if (input != null) {
            out.add(new ErrorCase(input, resource, null));
        }
        return out;
    }

    static String outcome(ErrorCase c) {
        String outcome = StepDump.outcome(() -> c.resource()
                ? ScenarioLoader.loadResource(DIR + c.input(), ScenarioGoldenTest.class.getClassLoader(), ERROR_VARS)
                : ScenarioLoader.parse("t.ws", c.input(), ERROR_VARS));
        return normalize(outcome);
    }

    @Test
    void everyInvalidInputReportsTheSameMessageAtTheSamePosition() {
        if (WRITE) {
            StringBuilder sb = new StringBuilder();
            List<String> parsing = new ArrayList<>();
            for (String line : read(DIR + "errors.txt").split("\n", -1)) {
                if (line.startsWith("out: ")) {
                    continue;
                }
                if (!line.startsWith("in: ") && !line.startsWith("resource: ")) {
                    sb.append(line).append('\n');
                    continue;
                }
                boolean resource = line.startsWith("resource: ");
                ErrorCase c = new ErrorCase(unescape(line.substring(line.indexOf(": ") + 2)), resource, null);
                String outcome = outcome(c);
                if (!outcome.startsWith("error: ")) {
                    parsing.add(c.input() + "\n" + outcome);
                    continue;
                }
                sb.append(resource ? "resource: " : "in: ").append(escape(c.input())).append('\n')
                        .append("out: ").append(escape(outcome.substring(7, outcome.length() - 1))).append('\n');
            }
            assertThat(parsing).as("inputs of errors.txt that parse").isEmpty();
            write("errors.txt", sb.toString().replaceFirst("\n+$", "\n"));
            return;
        }
        List<ErrorCase> cases = errorCases();
        assertThat(cases).hasSizeGreaterThan(200).allSatisfy(c -> assertThat(c.expected()).isNotNull());
        List<String> differences = new ArrayList<>();
        for (ErrorCase c : cases) {
            String actual = outcome(c);
            String expected = "error: " + c.expected() + "\n";
            if (!actual.equals(expected)) {
                differences.add("input:    " + escape(c.input()) + "\nexpected: " + escape(expected)
                        + "\nactual:   " + escape(actual));
            }
        }
        assertThat(differences).as("error cases whose outcome changed").isEmpty();
    }

    /** Absolute paths of this machine (include errors name them) as a placeholder. */
    private static String normalize(String outcome) {
        return outcome.replace(Path.of("").toAbsolutePath().toString(), "<module>");
    }

    // ============================================================================ fuzz corpus

    @Test
    void everyFuzzInputHasTheSameOutcome() {
        Map<String, String> actual = new TreeMap<>();
        Map<String, String> inputs = new TreeMap<>();
        List<String> soup = ScenarioParserFuzzTest.soup();
        List<String> mutations = ScenarioParserFuzzTest.mutations();
        for (int i = 0; i < soup.size(); i++) {
            inputs.put(String.format("soup-%04d", i), soup.get(i));
        }
        for (int i = 0; i < mutations.size(); i++) {
            inputs.put(String.format("mutation-%04d", i), mutations.get(i));
        }
        inputs.forEach((k, text) -> actual.put(k, hash(normalize(StepDump.outcome(
                () -> ScenarioLoader.parse("fuzz.ws", text, ScenarioVariables.none()))))));
        Map<String, List<String>> expected = new TreeMap<>();
        for (String line : read(DIR + "fuzz.txt").split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                List<String> f = List.of(line.split(" "));
                expected.put(f.get(0), f.subList(1, f.size()));
            }
        }
        if (WRITE) {
            StringBuilder sb = new StringBuilder(FUZZ_HEADER);
            actual.forEach((k, h) -> sb.append(k).append(' ').append(String.join(" ",
                    expected.getOrDefault(k, List.of()).contains(h) ? expected.get(k) : List.of(h))).append('\n'));
            write("fuzz.txt", sb.toString());
            return;
        }
        assertThat(expected).hasSize(6000);
        List<String> differences = new ArrayList<>();
        expected.forEach((k, hashes) -> {
            if (!hashes.contains(actual.get(k))) {
                differences.add(k + " now " + escape(normalize(StepDump.outcome(() -> ScenarioLoader.parse("fuzz.ws",
                        inputs.get(k), ScenarioVariables.none())))) + "\n  for input: " + escape(inputs.get(k)));
            }
        });
        assertThat(differences).as("fuzz inputs whose outcome changed").isEmpty();
    }

    private static final String FUZZ_HEADER = """
            # The outcome of each input of ScenarioParserFuzzTest: the first 12 hex digits of the SHA-256 of its
            # StepDump or error message. A line with two hashes is an input whose outcome depends on the JDK (Jackson
            # names a character by the JDK's Unicode tables); either is accepted.
            """;

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ============================================================================ inventory

    private static final Set<String> COMMANDS = Set.of("scenario", "setup", "var", "include", "server", "connect",
            "send", "ping", "pong", "close", "expect", "capture", "repeat", "sleep", "wait");
    private static final List<String> DOCS = List.of("README.md", "docs/scenario-language.md", "docs/cli.md",
            "docs/cli-toolbox.md");

    /**
     * The copies in {@code files/} are what the repository holds today: every {@code .ws} file has a copy
     * with the same bytes, and every scenario example of the docs appears verbatim in one of the copies.
     */
    @Test
    void theGoldenInputsAreEveryScenarioOfTheRepository() throws IOException {
        Path root = repositoryRoot();
        List<Input> index = index();
        Map<String, String> copies = new TreeMap<>();
        for (Input in : index) {
            copies.put(in.name(), read(DIR + "files/" + in.name()));
        }
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ws")).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (rel.contains("/target/") || rel.startsWith(".") || rel.contains("/" + DIR)) {
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                boolean copied = index.stream().anyMatch(in -> in.origin().equals(rel)
                        && copies.get(in.name()).equals(text));
                if (!copied) {
                    missing.add(rel + ": no identical copy in " + DIR + "files/ with origin " + rel);
                }
            }
        }
        for (String doc : DOCS) {
            for (Map.Entry<Integer, String> block : scenarioBlocks(Files.readString(root.resolve(doc))).entrySet()) {
                if (copies.values().stream().noneMatch(c -> c.contains(block.getValue()))) {
                    missing.add(doc + ":" + block.getKey() + ": the example is in no file of " + DIR + "files/:\n"
                            + block.getValue());
                }
            }
        }
        assertThat(missing).as("scenarios of the repository without a golden copy").isEmpty();
    }

    /**
     * The scenario examples of a Markdown text by the line of their fence: code blocks without a language
     * whose first line that is not a comment starts with a command, and the lines a block shows after
     * {@code $ cat NAME.ws} (a file printed in a shell session).
     */
    static Map<Integer, String> scenarioBlocks(String markdown) {
        Map<Integer, String> out = new TreeMap<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().startsWith("```")) {
                continue;
            }
            boolean plain = lines[i].strip().equals("```");
            int start = i;
            List<String> block = new ArrayList<>();
            for (i++; i < lines.length && !lines[i].strip().startsWith("```"); i++) {
                block.add(lines[i]);
            }
            if (!plain) {
                continue;
            }
            String first = block.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .findFirst().orElse("");
            if (COMMANDS.contains(first.split("\\s+")[0])) {
                out.put(start + 1, String.join("\n", block));
                continue;
            }
            for (int b = 0; b < block.size(); b++) {
                Matcher m = Pattern.compile("\\$ cat \\S+\\.ws").matcher(block.get(b));
                if (m.matches()) {
                    int end = b + 1;
                    while (end < block.size() && !block.get(end).startsWith("$ ")) {
                        end++;
                    }
                    out.put(start + 2 + b, String.join("\n", block.subList(b + 1, end)));
                }
            }
        }
        return out;
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/scenario-language.md")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (with docs/scenario-language.md) above "
                + Path.of("").toAbsolutePath());
    }

    // ============================================================================ helpers

    static String read(String resource) {
        try (InputStream in = ScenarioGoldenTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                if (WRITE) {
                    return "";
                }
                throw new IllegalStateException("no classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, String text) {
        try {
            Files.writeString(SOURCE_DIR.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line: backslash escapes for \ and control characters (see {@link StepDump#escape}). */
    static String escape(String s) {
        return StepDump.escape(s);
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '\\' -> sb.append('\\');
                case '$' -> sb.append('\uE000');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + s);
            }
        }
        return sb.toString();
    }
}
