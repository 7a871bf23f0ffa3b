package dev.rigel.internal.validation;

import dev.rigel.spi.ConstraintMarks;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

/**
 * Tells, by reflection alone, that a class certainly carries no Jakarta constraint and no
 * {@code @Valid}, so that an app without constraints never bootstraps Hibernate Validator (a good
 * part of a small app's start). "Maybe" is the safe answer: any constraint-like annotation anywhere
 * on the class, its supertypes, their fields, methods, constructors, parameters or type arguments,
 * or a {@code META-INF/validation.xml} (which can add constraints without annotations), and the
 * validator is asked as before.
 */
final class ConstraintScan {

    private static final ClassValue<Boolean> MAY_BE_CONSTRAINED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return scan(type);
            } catch (LinkageError e) { // a member's type is missing: the validator decides (and reports)
                return true;
            }
        }
    };

    private ConstraintScan() {}

    /** Whether {@code type} (with its supertypes) may carry constraints; {@code false} is certain. */
    static boolean mayBeConstrained(Class<?> type) {
        return ConstraintMarks.VALIDATION_XML || MAY_BE_CONSTRAINED.get(type);
    }

    /** Whether {@code executable}'s parameters may carry constraints; {@code false} is certain. */
    static boolean mayHaveParameterConstraints(Executable executable) {
        // an overriding method inherits its parameters' constraints: the declaring class's whole
        // hierarchy is scanned, not only this executable
        return mayBeConstrained(executable.getDeclaringClass());
    }

    private static boolean scan(Class<?> type) {
        if (type == Object.class || type.isPrimitive() || type.isArray()) {
            return false;
        }
        if (marked(type)) {
            return true;
        }
        for (Field field : type.getDeclaredFields()) {
            if (marked(field) || marked(field.getAnnotatedType())) {
                return true;
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (marked(method) || marked(method.getAnnotatedReturnType()) || markedParameters(method)) {
                return true;
            }
        }
        for (Executable constructor : type.getDeclaredConstructors()) {
            if (marked(constructor) || markedParameters(constructor)) {
                return true;
            }
        }
        Class<?> parent = type.getSuperclass();
        if (parent != null && MAY_BE_CONSTRAINED.get(parent)) {
            return true;
        }
        for (Class<?> face : type.getInterfaces()) {
            if (MAY_BE_CONSTRAINED.get(face)) {
                return true;
            }
        }
        return false;
    }

    private static boolean markedParameters(Executable executable) {
        for (Parameter parameter : executable.getParameters()) {
            if (marked(parameter) || marked(parameter.getAnnotatedType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean marked(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (ConstraintMarks.constraintLike(annotation)) {
                return true;
            }
        }
        return false;
    }

    /** A type use and everything nested in it: {@code List<@NotBlank String>}, {@code @Valid Item[]}. */
    private static boolean marked(AnnotatedType type) {
        if (type == null) {
            return false;
        }
        for (Annotation annotation : type.getAnnotations()) {
            if (ConstraintMarks.constraintLike(annotation)) {
                return true;
            }
        }
        switch (type) {
            case AnnotatedParameterizedType parameterized -> {
                for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                    if (marked(argument)) {
                        return true;
                    }
                }
            }
            case AnnotatedArrayType array -> {
                return marked(array.getAnnotatedGenericComponentType());
            }
            case AnnotatedWildcardType wildcard -> {
                for (AnnotatedType bound : wildcard.getAnnotatedUpperBounds()) {
                    if (marked(bound)) {
                        return true;
                    }
                }
                for (AnnotatedType bound : wildcard.getAnnotatedLowerBounds()) {
                    if (marked(bound)) {
                        return true;
                    }
                }
            }
            default -> {}
        }
        return false;
    }
}
