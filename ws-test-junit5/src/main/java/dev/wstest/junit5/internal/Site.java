package dev.wstest.junit5.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Where a ws-test annotation or type was found, a field or a parameter. Misuse is reported against it: with
 * {@link ExtensionConfigurationException} for fields and {@link ParameterResolutionException} for parameters,
 * the message naming the field or parameter.
 */
abstract class Site {

    /** The field or parameter name ({@code arg0} for parameters compiled without {@code -parameters}). */
    abstract String name();

    /** "field ChatTest.alice" or "parameter 'alice' of ChatTest.relays(WsClient)". */
    abstract String description();

    abstract Class<?> type();

    abstract <A extends Annotation> A annotation(Class<A> type);

    abstract RuntimeException misuse(String message);

    /** A misuse message that starts with what is wrong where: "@Connect on field ChatTest.alice: ...". */
    RuntimeException misuse(Class<? extends Annotation> annotation, String problem) {
        return misuse("@" + annotation.getSimpleName() + " on " + description() + ": " + problem);
    }

    @Override
    public String toString() {
        return description();
    }

    static Site of(Field field) {
        return new FieldSite(field);
    }

    static Site of(ParameterContext context) {
        return new ParameterSite(context);
    }

    static String simpleName(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? type.getSimpleName() : simpleName(enclosing) + "." + type.getSimpleName();
    }

    static final class FieldSite extends Site {
        private final Field field;

        FieldSite(Field field) {
            this.field = field;
        }

        Field field() {
            return field;
        }

        boolean isStatic() {
            return Modifier.isStatic(field.getModifiers());
        }

        @Override
        String name() {
            return field.getName();
        }

        @Override
        String description() {
            return (isStatic() ? "static field " : "field ") + simpleName(field.getDeclaringClass()) + "."
                    + field.getName();
        }

        @Override
        Class<?> type() {
            return field.getType();
        }

        @Override
        <A extends Annotation> A annotation(Class<A> type) {
            return field.getAnnotation(type);
        }

        @Override
        RuntimeException misuse(String message) {
            return new ExtensionConfigurationException(message);
        }
    }

    static final class ParameterSite extends Site {
        private final ParameterContext context;

        ParameterSite(ParameterContext context) {
            this.context = context;
        }

        Parameter parameter() {
            return context.getParameter();
        }

        Executable executable() {
            return context.getDeclaringExecutable();
        }

        int index() {
            return context.getIndex();
        }

        @Override
        String name() {
            return context.getParameter().getName();
        }

        @Override
        String description() {
            Executable e = context.getDeclaringExecutable();
            String params = Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName)
                    .collect(Collectors.joining(", "));
            String owner = simpleName(e.getDeclaringClass());
            String method = e instanceof java.lang.reflect.Constructor ? owner : owner + "." + e.getName();
            return "parameter '" + name() + "' of " + method + "(" + params + ")";
        }

        @Override
        Class<?> type() {
            return context.getParameter().getType();
        }

        @Override
        <A extends Annotation> A annotation(Class<A> type) {
            return context.findAnnotation(type).orElse(null);
        }

        @Override
        RuntimeException misuse(String message) {
            return new ParameterResolutionException(message);
        }
    }
}
