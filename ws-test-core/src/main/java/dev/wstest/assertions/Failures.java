package dev.wstest.assertions;

import java.lang.reflect.Constructor;

/**
 * Creates assertion errors: opentest4j's {@code AssertionFailedError} with expected and actual values when
 * it is on the classpath (IDEs then offer a diff), a plain {@link AssertionError} otherwise. Looked up
 * reflectively because ws-test-core depends on no test framework.
 */
final class Failures {

    private static final Constructor<? extends AssertionError> WITH_VALUES = lookup();

    private Failures() {
    }

    @SuppressWarnings("unchecked")
    private static Constructor<? extends AssertionError> lookup() {
        try {
            Class<?> type = Class.forName("org.opentest4j.AssertionFailedError", false,
                    Failures.class.getClassLoader());
            return (Constructor<? extends AssertionError>) type.getConstructor(String.class, Object.class,
                    Object.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    static AssertionError withValues(String message, Object expected, Object actual) {
        if (WITH_VALUES != null) {
            try {
                return WITH_VALUES.newInstance(message, expected, actual);
            } catch (ReflectiveOperationException e) {
                // fall through to a plain error
            }
        }
        return new AssertionError(message);
    }
}
