package dev.wstest.junit5.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Replaces {@code ${name}} and {@code ${name:fallback}} in annotation values. A name is looked up, in order, as
 * a JUnit configuration parameter (which also covers system properties and {@code junit-platform.properties}),
 * a system property, an environment variable (as given, then upper-case with dots and dashes as underscores),
 * and, in Spring tests, a property of the test's application context.
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
        if (text.indexOf("${") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                throw error.apply("the placeholder that starts at \"" + text.substring(start) + "\" in " + what
                        + " has no closing '}'");
            }
            out.append(text, i, start);
            String expression = text.substring(start + 2, end);
            int colon = expression.indexOf(':');
            String name = (colon < 0 ? expression : expression.substring(0, colon)).trim();
            if (name.isEmpty()) {
                throw error.apply("the placeholder ${" + expression + "} in " + what + " has no name");
            }
            Optional<String> value = lookup(name, context);
            if (value.isPresent()) {
                out.append(value.get());
            } else if (colon >= 0) {
                out.append(expression.substring(colon + 1));
            } else {
                throw error.apply("unknown placeholder ${" + name + "} in " + what + ": there is no JUnit"
                        + " configuration parameter, system property or environment variable (" + name
                        + " or " + envName(name) + ")" + (SpringProperties.isSpringTest(context)
                        ? " or Spring property" : "") + " of that name. Define it, e.g. " + name
                        + "=... in src/test/resources/junit-platform.properties, or give a fallback: ${" + name
                        + ":value}");
            }
            i = end + 1;
        }
        return out.toString();
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
