package dev.rigel.internal.binding;

import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.validation.BeanValidation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The request parameters a route's layers declared for all their routes, planned at startup: each
 * is bound like a handler parameter and, when its record component carries Jakarta constraints,
 * validated against them. {@link #check} reads them all and reports every failure at once.
 */
public final class LayerParameters {

    /** A route whose layers declare no parameters. */
    public static final LayerParameters NONE = new LayerParameters(List.of());

    /** One declared parameter: how it is bound, and its record if its component is constrained. */
    record Declared(BoundParam bound, Class<? extends Record> constrainedBy, String name) {}

    private final Declared[] declared;

    LayerParameters(List<Declared> declared) {
        this.declared = declared.toArray(Declared[]::new);
    }

    /** Whether any parameter is declared. */
    public boolean isEmpty() {
        return declared.length == 0;
    }

    /**
     * Binds and validates every declared parameter, adding the failures to {@code errors} (created
     * when null) and returning it.
     */
    public List<ValidationError> check(Exchange exchange, List<ValidationError> errors) throws Throwable {
        for (Declared parameter : declared) {
            Object value;
            try {
                value = parameter.bound().binder().bind(exchange);
            } catch (ValidationException e) {
                errors = add(errors, e.errors());
                continue;
            }
            if (parameter.constrainedBy() != null) {
                errors = validate(parameter, value, errors);
            }
        }
        return errors;
    }

    private static List<ValidationError> validate(Declared parameter, Object value, List<ValidationError> errors) {
        Validator validator = BeanValidation.validator();
        Set<? extends ConstraintViolation<? extends Record>> violations =
                validator.validateValue(parameter.constrainedBy(), parameter.name(), value);
        if (violations.isEmpty()) {
            return errors;
        }
        // a record component's constraint sits on its field and its accessor alike: say it once
        Set<String> messages = new LinkedHashSet<>();
        for (ConstraintViolation<?> violation : violations) {
            messages.add(violation.getMessage());
        }
        List<ValidationError> found = new ArrayList<>(messages.size());
        for (String message : messages) {
            found.add(new ValidationError(
                    parameter.bound().key(), message, parameter.bound().source()));
        }
        return add(errors, found);
    }

    private static List<ValidationError> add(List<ValidationError> errors, List<ValidationError> more) {
        List<ValidationError> all = errors != null ? errors : new ArrayList<>();
        all.addAll(more);
        return all;
    }
}
