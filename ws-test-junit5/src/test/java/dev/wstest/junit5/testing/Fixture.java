package dev.wstest.junit5.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that exists to be run by {@link TestKit} (many of them fail on purpose). Anywhere else,
 * in surefire, an IDE or a package-wide run, the class is disabled.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("fixture")
@ExtendWith(FixtureCondition.class)
public @interface Fixture {
}
