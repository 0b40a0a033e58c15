package dev.wstest.junit5.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Looks placeholders up in the Spring application context of a Spring test ({@code @SpringBootTest} and the
 * like), so that {@code ${local.server.port}} works. Reflective: ws-test does not depend on Spring, and
 * nothing here runs unless the test class is extended with Spring's {@code SpringExtension}.
 */
final class SpringProperties {

    private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

    private SpringProperties() {
    }

    static boolean isSpringTest(ExtensionContext context) {
        return springExtension(context).isPresent();
    }

    static Optional<String> lookup(String name, ExtensionContext context) {
        Optional<Class<?>> extension = springExtension(context);
        if (extension.isEmpty()) {
            return Optional.empty();
        }
        try {
            ClassLoader loader = extension.get().getClassLoader();
            Object applicationContext = extension.get().getMethod("getApplicationContext", ExtensionContext.class)
                    .invoke(null, context);
            Method getEnvironment = Class.forName("org.springframework.core.env.EnvironmentCapable", false, loader)
                    .getMethod("getEnvironment");
            Object environment = getEnvironment.invoke(applicationContext);
            Method getProperty = Class.forName("org.springframework.core.env.PropertyResolver", false, loader)
                    .getMethod("getProperty", String.class);
            return Optional.ofNullable((String) getProperty.invoke(environment, name));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("ws-test: looking up ${" + name + "} in the Spring context failed", cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty(); // a Spring version ws-test does not know: behave as if Spring were absent
        }
    }

    /** Spring's extension class if the test class (or an enclosing one) is extended with it. */
    private static Optional<Class<?>> springExtension(ExtensionContext context) {
        Optional<Class<?>> testClass = context.getTestClass();
        for (Class<?> c = testClass.orElse(null); c != null; c = c.getEnclosingClass()) {
            for (ExtendWith extendWith : AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class)) {
                for (Class<?> extension : extendWith.value()) {
                    if (extension.getName().equals(SPRING_EXTENSION)) {
                        return Optional.of(extension);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
