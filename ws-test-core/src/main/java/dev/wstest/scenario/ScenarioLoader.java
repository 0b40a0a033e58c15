package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.scenario.internal.Parser;
import dev.wstest.scenario.internal.Resources;
import dev.wstest.syntax.SizeSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Loads {@code .ws} scenario files. Loading checks everything that can be checked without a network: syntax,
 * that every {@code ${variable}} is defined where it is used (by {@code variables}, a {@code var} line, an
 * embedded server or an earlier capture) and that every step names a connection opened before it. The
 * language is described in docs/scenario-language.md.
 *
 * <pre>{@code
 * ScenarioFile file = ScenarioLoader.load(Path.of("chat.ws"), ScenarioVariables.none());
 * ScenarioResult result = ScenarioRunner.builder().build().run(file.scenarios().get(0));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScenarioLoader {

    private ScenarioLoader() {
    }

    /**
     * Loads a file; includes and payload files are resolved relative to its directory. The file (and every file
     * it includes) must be a regular file of at most 4 MiB.
     *
     * @throws ScenarioSyntaxException for anything wrong in the file (file:line:column in the message)
     * @throws UncheckedIOException    if the file cannot be read, or is a directory, a device, a FIFO or too big
     */
    public static ScenarioFile load(Path file, ScenarioVariables variables) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = new String(Resources.readFile(file, Resources.MAX_SCENARIO_BYTES), StandardCharsets.UTF_8);
        } catch (Resources.UnsuitableFile e) {
            throw new UncheckedIOException("cannot read scenario file " + file + ": expected a regular file of at most "
                    + SizeSyntax.format(Resources.MAX_SCENARIO_BYTES) + " but found " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + file + ": " + e, e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, Resources.directory(dir), variables);
    }

    /**
     * Loads a classpath resource ({@code scenarios/chat.ws}); includes and payload files are resolved as
     * resources relative to it. The resource (and every file it includes) must be at most 4 MiB.
     */
    public static ScenarioFile loadResource(String resource, ClassLoader loader, ScenarioVariables variables) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        String text;
        try {
            text = new String(Resources.classpath(loader, "").read("/" + name, Resources.MAX_SCENARIO_BYTES),
                    StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        } catch (Resources.UnsuitableFile e) {
            throw new UncheckedIOException("cannot read classpath resource " + name + ": expected a regular file of"
                    + " at most " + SizeSyntax.format(Resources.MAX_SCENARIO_BYTES) + " but found " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + name + ": " + e, e);
        }
        int slash = name.lastIndexOf('/');
        return parse(name, text, Resources.classpath(loader, slash < 0 ? "" : name.substring(0, slash)), variables);
    }

    /** Parses text; includes and payload files are resolved relative to the working directory. */
    public static ScenarioFile parse(String sourceName, String text, ScenarioVariables variables) {
        return parse(sourceName, text, Resources.directory(Path.of("").toAbsolutePath()), variables);
    }

    private static ScenarioFile parse(String sourceName, String text, Resources resources,
                                      ScenarioVariables variables) {
        Objects.requireNonNull(text, "text");
        Parser.Result result = new Parser(sourceName, text, resources, variables.names()).parse();
        return new ScenarioFile(sourceName, result.scenarios());
    }
}
