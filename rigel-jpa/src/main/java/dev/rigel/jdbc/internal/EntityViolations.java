package dev.rigel.jdbc.internal;

import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An entity that failed Bean Validation when Hibernate persisted or flushed it, as the core's 400
 * validation error: one {@link ValidationError} per violation, keyed by the dotted property path
 * (names as the app's JSON naming strategy spells them, like the core's body errors) with
 * {@code source = "body"}, since what fails is the data the request wrote.
 */
final class EntityViolations {

    private EntityViolations() {}

    static ValidationException of(
            ConstraintViolationException failure, String method, String path, UnaryOperator<String> propertyNames) {
        List<ValidationError> errors = new ArrayList<>();
        if (failure.getConstraintViolations() != null) {
            for (ConstraintViolation<?> violation : failure.getConstraintViolations()) {
                errors.add(new ValidationError(
                        dotted(violation.getPropertyPath(), propertyNames), violation.getMessage(), "body"));
            }
        }
        // Hibernate Validator reports violations in no particular order; clients get a stable one
        errors.sort(Comparator.comparing(ValidationError::key).thenComparing(ValidationError::message));
        return method == null
                ? new ValidationException("Validation failed", errors)
                : ValidationException.forRequest(method, path, errors);
    }

    /** {@code lines.2.qty} for a violation on a list element's field; bean-level violations have an empty key. */
    private static String dotted(Path path, UnaryOperator<String> names) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                out.append(out.isEmpty() ? "" : ".").append(node.getIndex());
            } else if (node.getKey() != null) {
                out.append(out.isEmpty() ? "" : ".").append(node.getKey());
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                out.append(out.isEmpty() ? "" : ".").append(names.apply(node.getName()));
            }
        }
        return out.toString();
    }
}
