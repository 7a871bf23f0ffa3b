package dev.rigel.internal.validation;

import dev.rigel.exceptions.ValidationError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jakarta Bean Validation (Hibernate Validator) for request data and parameters. The factory is
 * expensive to build and thread-safe, so one is shared by every app in the JVM, and it is built only
 * when a class may carry constraints ({@link ConstraintScan}): an app without any starts without it.
 */
public final class BeanValidation {

    private static volatile Validator shared;

    private BeanValidation() {}

    /** Whether properties of {@code type} may carry constraints; {@code false} is certain, without the validator. */
    public static boolean mayBeConstrained(Class<?> type) {
        return ConstraintScan.mayBeConstrained(type);
    }

    public static Validator validator() {
        Validator current = shared;
        if (current == null) {
            synchronized (BeanValidation.class) {
                current = shared;
                if (current == null) {
                    // messages in English whatever the server's locale, so error bodies are stable
                    ValidatorFactory factory = jakarta.validation.Validation.byProvider(
                                    org.hibernate.validator.HibernateValidator.class)
                            .configure()
                            .defaultLocale(java.util.Locale.ENGLISH)
                            .buildValidatorFactory();
                    current = factory.getValidator();
                    shared = current;
                }
            }
        }
        return current;
    }

    /** Whether instances of {@code type} carry any constraint worth checking. */
    public static boolean isConstrained(Class<?> type) {
        if (type.isPrimitive()
                || type.getName().startsWith("java.")
                || type.isArray()
                || type.isEnum()
                || !ConstraintScan.mayBeConstrained(type)) {
            return false;
        }
        BeanDescriptor descriptor = validator().getConstraintsForClass(type);
        return descriptor.isBeanConstrained();
    }

    /** Whether the parameters of {@code executable} carry constraints. */
    public static boolean hasParameterConstraints(Executable executable) {
        if (executable == null || !ConstraintScan.mayHaveParameterConstraints(executable)) {
            return false;
        }
        var descriptor = validator().getConstraintsForClass(executable.getDeclaringClass());
        if (executable instanceof Method method) {
            var methodDescriptor = descriptor.getConstraintsForMethod(method.getName(), method.getParameterTypes());
            return methodDescriptor != null && methodDescriptor.hasConstrainedParameters();
        }
        var constructorDescriptor =
                descriptor.getConstraintsForConstructor(((Constructor<?>) executable).getParameterTypes());
        return constructorDescriptor != null && constructorDescriptor.hasConstrainedParameters();
    }

    /**
     * Validates a decoded body; list elements and map values are validated one by one. Property
     * names in error keys go through {@code names} (the JSON naming strategy).
     */
    public static List<ValidationError> validateBody(Object data, java.util.function.UnaryOperator<String> names) {
        List<ValidationError> errors = new ArrayList<>();
        collectBody(data, "", errors, names);
        // Hibernate Validator reports violations in no particular order; clients get a stable one
        errors.sort(java.util.Comparator.comparing(ValidationError::key).thenComparing(ValidationError::message));
        return errors;
    }

    private static void collectBody(
            Object data, String prefix, List<ValidationError> errors, java.util.function.UnaryOperator<String> names) {
        if (data == null) {
            return;
        }
        if (data instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                collectBody(element, prefix + index + ".", errors, names);
                index++;
            }
            return;
        }
        if (data instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                collectBody(entry.getValue(), prefix + entry.getKey() + ".", errors, names);
            }
            return;
        }
        if (!isConstrained(data.getClass())) {
            return;
        }
        for (ConstraintViolation<Object> violation : validator().validate(data)) {
            String key = prefix + dotted(violation.getPropertyPath(), 0, names);
            errors.add(new ValidationError(
                    key.endsWith(".") ? key.substring(0, key.length() - 1) : key, violation.getMessage(), "body"));
        }
    }

    /**
     * Validates bound arguments against the executable's parameter constraints. Returns the
     * violations as (parameter index, message) pairs; the caller knows each parameter's name and
     * source.
     */
    public static List<ParameterViolation> validateParameters(Object target, Executable executable, Object[] args) {
        ExecutableValidator executableValidator = validator().forExecutables();
        Set<? extends ConstraintViolation<?>> violations;
        if (executable instanceof Method method) {
            violations = executableValidator.validateParameters(target, method, args);
        } else {
            violations = executableValidator.validateConstructorParameters((Constructor<?>) executable, args);
        }
        List<ParameterViolation> result = new ArrayList<>(violations.size());
        for (ConstraintViolation<?> violation : violations) {
            int index = -1;
            String nested = "";
            int position = 0;
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                    index = node.as(Path.ParameterNode.class).getParameterIndex();
                } else if (index >= 0
                        && node.getKind() != jakarta.validation.ElementKind.METHOD
                        && node.getKind() != jakarta.validation.ElementKind.CONSTRUCTOR) {
                    nested = dotted(violation.getPropertyPath(), position, UnaryOperatorHolder.IDENTITY);
                    break;
                }
                position++;
            }
            result.add(new ParameterViolation(index, nested, violation.getMessage()));
        }
        return result;
    }

    /** A violation on parameter {@code index}; {@code nestedPath} is set for cascaded bean fields. */
    public record ParameterViolation(int index, String nestedPath, String message) {}

    private static final class UnaryOperatorHolder {
        static final java.util.function.UnaryOperator<String> IDENTITY = name -> name;
    }

    private static String dotted(Path path, int skip, java.util.function.UnaryOperator<String> names) {
        StringBuilder out = new StringBuilder();
        int position = 0;
        for (Path.Node node : path) {
            if (position++ < skip) {
                continue;
            }
            if (node.getIndex() != null) {
                out.append(out.isEmpty() ? "" : ".").append(node.getIndex());
            } else if (node.getKey() != null && node.getName() == null) {
                out.append(out.isEmpty() ? "" : ".").append(node.getKey());
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                out.append(out.isEmpty() ? "" : ".").append(names.apply(node.getName()));
            }
        }
        return out.toString();
    }
}
