package dev.rigel.exceptions;

import java.util.List;

/**
 * 400 Bad Request for input that failed validation. {@code extra} is a list of
 * {@link ValidationError}s, one per offending field.
 */
public class ValidationException extends ClientException {

    public ValidationException(String detail, List<ValidationError> errors) {
        super(400, detail, null, errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }

    public ValidationException(String detail) {
        this(detail, List.of());
    }

    @SuppressWarnings("unchecked")
    public List<ValidationError> errors() {
        return extra() == null ? List.of() : (List<ValidationError>) extra();
    }

    /** Builds the standard message for a route: {@code Validation failed for POST /api/v1/users}. */
    public static ValidationException forRequest(String method, String path, List<ValidationError> errors) {
        return new ValidationException("Validation failed for " + method + " " + path, errors);
    }
}
