package dev.rigel.config;

import dev.rigel.security.SecretString;
import dev.rigel.spi.ConstraintMarks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.PatternSyntaxException;

/**
 * Decides, without Hibernate Validator, that a bound settings record certainly satisfies its
 * constraints, so that startup need not bootstrap the validator (a good part of an app's start) in
 * the common case of valid settings. It understands the plain constraints settings use ({@code
 * NotNull}, {@code NotBlank}, {@code NotEmpty}, {@code Size}, {@code Min}, {@code Max}, {@code
 * Positive*}, {@code Negative*}, {@code Pattern}, {@code @Valid} on a nested record) on record
 * components of simple types; anything else (another or a custom constraint, groups, payloads,
 * class-level or getter constraints, constraints inside type arguments, an inaccessible record, a
 * {@code META-INF/validation.xml} that may add constraints without annotations) and
 * any violation answer {@code false}, and the binder asks Hibernate Validator, whose verdict and
 * message stand. So this may only ever say "valid" when the validator would.
 */
final class QuickCheck {

    private static final Set<Class<? extends Annotation>> UNDERSTOOD = Set.of(
            NotNull.class,
            NotBlank.class,
            NotEmpty.class,
            Size.class,
            Min.class,
            Max.class,
            Positive.class,
            PositiveOrZero.class,
            Negative.class,
            NegativeOrZero.class,
            Pattern.class);

    /** Deeper nesting than this is left to the validator (and guards against a cycle). */
    private static final int MAX_DEPTH = 16;

    private QuickCheck() {}

    /** Whether {@code record} certainly has no constraint violation; {@code false} means "ask the validator". */
    static boolean certainlyValid(Object record) {
        return !ConstraintMarks.VALIDATION_XML && certainlyValid(record, 0);
    }

    private static boolean certainlyValid(Object record, int depth) {
        Class<?> type = record.getClass();
        if (!type.isRecord() || depth > MAX_DEPTH || constrainedOutsideComponents(type)) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Field field;
            Method accessor = component.getAccessor();
            Object value;
            try {
                field = type.getDeclaredField(component.getName());
                accessor.setAccessible(true);
                value = accessor.invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false; // not readable from here (a module that does not open it): the validator decides
            }
            if (!certainlyValid(field, accessor, value, depth)) {
                return false;
            }
        }
        return true;
    }

    private static boolean certainlyValid(Field field, Method accessor, Object value, int depth) {
        if (nestedConstraints(field.getAnnotatedType()) || nestedConstraints(accessor.getAnnotatedReturnType())) {
            return false;
        }
        Class<?> declared = field.getType();
        if (declared.getName().startsWith("java.util.Optional")) {
            return !constrained(field) && !constrained(accessor); // the validator would unwrap these
        }
        Set<Annotation> annotations = new LinkedHashSet<>(); // a TYPE_USE constraint is also on the field
        annotations.addAll(List.of(field.getAnnotations()));
        annotations.addAll(List.of(accessor.getAnnotations()));
        annotations.addAll(List.of(field.getAnnotatedType().getAnnotations()));
        for (Annotation annotation : annotations) {
            if (annotation instanceof Valid) {
                if (value != null && (!value.getClass().isRecord() || !certainlyValid(value, depth + 1))) {
                    return false;
                }
            } else if (UNDERSTOOD.contains(annotation.annotationType())) {
                if (!plain(annotation) || !holds(annotation, value)) {
                    return false;
                }
            } else if (ConstraintMarks.constraintLike(annotation)) {
                return false;
            }
        }
        return true;
    }

    /** Whether one understood constraint holds for the value ({@code false} too for a type it does not know). */
    private static boolean holds(Annotation constraint, Object value) {
        return switch (constraint) {
            case NotNull n -> value != null;
            case NotBlank n ->
                switch (value) {
                    case CharSequence text -> !text.toString().trim().isEmpty(); // as the validator: trim()
                    case SecretString secret -> !secret.reveal().isBlank(); // as SecretConstraints
                    case null, default -> false;
                };
            case NotEmpty n -> value != null && size(value) > 0;
            case Size s -> {
                if (value == null) {
                    yield true;
                }
                long size = size(value);
                yield size >= s.min() && size <= s.max();
            }
            case Min m -> value == null || sign(value, m.value(), sign -> sign >= 0);
            case Max m -> value == null || sign(value, m.value(), sign -> sign <= 0);
            case Positive p -> value == null || sign(value, 0, sign -> sign > 0);
            case PositiveOrZero p -> value == null || sign(value, 0, sign -> sign >= 0);
            case Negative p -> value == null || sign(value, 0, sign -> sign < 0);
            case NegativeOrZero p -> value == null || sign(value, 0, sign -> sign <= 0);
            case Pattern p -> value == null || matches(p, value);
            default -> false;
        };
    }

    /** A value's size for {@code Size}/{@code NotEmpty}, or -1 (fails every check) for a type not known here. */
    private static long size(Object value) {
        return switch (value) {
            case CharSequence text -> text.length();
            case SecretString secret -> secret.reveal().length();
            case Collection<?> collection -> collection.size();
            case Map<?, ?> map -> map.size();
            default -> value.getClass().isArray() ? Array.getLength(value) : -1;
        };
    }

    /**
     * Whether the sign of {@code value - bound} passes the test, for integral numbers; {@code false}
     * for any other type (floating point and text have rules of their own in the validator).
     */
    private static boolean sign(Object value, long bound, IntPredicate test) {
        int sign;
        switch (value) {
            case Long n -> sign = Long.compare(n, bound);
            case Integer n -> sign = Long.compare(n, bound);
            case Short n -> sign = Long.compare(n, bound);
            case Byte n -> sign = Long.compare(n, bound);
            case BigInteger n -> sign = n.compareTo(BigInteger.valueOf(bound));
            case BigDecimal n -> sign = n.compareTo(BigDecimal.valueOf(bound));
            default -> {
                return false;
            }
        }
        return test.test(Integer.signum(sign));
    }

    private static boolean matches(Pattern pattern, Object value) {
        if (!(value instanceof CharSequence text)) {
            return false;
        }
        int flags = 0;
        for (Pattern.Flag flag : pattern.flags()) {
            flags |= flag.getValue();
        }
        try {
            return java.util.regex.Pattern.compile(pattern.regexp(), flags)
                    .matcher(text)
                    .matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** No groups and no payload: the constraint applies to the default group, plainly. */
    private static boolean plain(Annotation constraint) {
        try {
            Object groups = constraint.annotationType().getMethod("groups").invoke(constraint);
            Object payload = constraint.annotationType().getMethod("payload").invoke(constraint);
            return Array.getLength(groups) == 0 && Array.getLength(payload) == 0;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Constraints the validator would find on the class, its interfaces or its other methods. */
    private static boolean constrainedOutsideComponents(Class<?> type) {
        Set<String> accessors = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            accessors.add(component.getName());
        }
        for (Annotation annotation : type.getAnnotations()) {
            if (ConstraintMarks.constraintLike(annotation)) {
                return true;
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            boolean accessor = method.getParameterCount() == 0 && accessors.contains(method.getName());
            if (!accessor && constrained(method)) {
                return true;
            }
        }
        for (Class<?> face : type.getInterfaces()) {
            if (constrainedInterface(face)) {
                return true;
            }
        }
        return false;
    }

    private static boolean constrainedInterface(Class<?> face) {
        for (Annotation annotation : face.getAnnotations()) {
            if (ConstraintMarks.constraintLike(annotation)) {
                return true;
            }
        }
        for (Method method : face.getDeclaredMethods()) {
            if (constrained(method) || nestedConstraints(method.getAnnotatedReturnType())) {
                return true;
            }
        }
        for (Class<?> parent : face.getInterfaces()) {
            if (constrainedInterface(parent)) {
                return true;
            }
        }
        return false;
    }

    private static boolean constrained(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation instanceof Valid || ConstraintMarks.constraintLike(annotation)) {
                return true;
            }
        }
        return false;
    }

    /** Constraints or {@code @Valid} inside type arguments or array components ({@code List<@NotBlank String>}). */
    private static boolean nestedConstraints(AnnotatedType type) {
        List<AnnotatedType> inner = new ArrayList<>();
        switch (type) {
            case AnnotatedParameterizedType parameterized ->
                inner.addAll(List.of(parameterized.getAnnotatedActualTypeArguments()));
            case AnnotatedArrayType array -> inner.add(array.getAnnotatedGenericComponentType());
            case AnnotatedWildcardType wildcard -> {
                inner.addAll(List.of(wildcard.getAnnotatedUpperBounds()));
                inner.addAll(List.of(wildcard.getAnnotatedLowerBounds()));
            }
            default -> {}
        }
        for (AnnotatedType each : inner) {
            for (Annotation annotation : each.getAnnotations()) {
                if (annotation instanceof Valid || ConstraintMarks.constraintLike(annotation)) {
                    return true;
                }
            }
            if (nestedConstraints(each)) {
                return true;
            }
        }
        return false;
    }
}
