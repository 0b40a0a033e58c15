package dev.wstest.junit5.internal;

import dev.wstest.record.Redactor;
import dev.wstest.syntax.InvalidSyntaxException;
import dev.wstest.syntax.PlaceholderSyntax;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Replaces placeholders in annotation values, in the one notation ({@link PlaceholderSyntax}, docs/syntax.md):
 * {@code ${name}} and {@code ${name:-default}}. A name is looked up, in order, as a JUnit configuration
 * parameter (which also covers system properties and {@code junit-platform.properties}), a system property,
 * an environment variable (as given, then upper-case with dots and dashes as underscores), and, in Spring
 * tests, a property of the test's application context.
 */
final class Placeholders {

    private Placeholders() {
    }

    /**
     * @param what  what the text is, for messages, e.g. {@code @Connect(url = "...")}
     * @param error makes the exception thrown for an unknown or malformed placeholder
     */
    static String resolve(String text, ExtensionContext context, String what,
                          Function<String, RuntimeException> error) {
        Redactor.DEFAULT.notePlaceholderDefaults(text); // a secret's fallback is secret before anything can fail
        List<PlaceholderSyntax.Part> parts;
        try {
            parts = PlaceholderSyntax.parse(text);
        } catch (InvalidSyntaxException e) {
            throw error.apply("in " + what + ": " + e.getMessage());
        }
        return PlaceholderSyntax.resolve(parts, name -> lookup(name, context), p -> error.apply(
                "unknown placeholder " + p.source() + " in " + what + ": there is no JUnit"
                        + " configuration parameter, system property or environment variable (" + p.name()
                        + " or " + envName(p.name()) + ")" + (SpringProperties.isSpringTest(context)
                        ? " or Spring property" : "") + " of that name. Define it, e.g. " + p.name()
                        + "=... in src/test/resources/junit-platform.properties, or give a default: ${" + p.name()
                        + ":-value}"), Redactor.DEFAULT::noteVariable);
    }

    static Optional<String> lookup(String name, ExtensionContext context) {
        Optional<String> value = context.getConfigurationParameter(name);
        if (value.isEmpty()) {
            value = Optional.ofNullable(System.getProperty(name));
        }
        if (value.isEmpty()) {
            value = Optional.ofNullable(System.getenv(name));
        }
        if (value.isEmpty()) {
            value = Optional.ofNullable(System.getenv(envName(name)));
        }
        if (value.isEmpty()) {
            value = SpringProperties.lookup(name, context);
        }
        return value;
    }

    static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
