package dev.rigel.openapi.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
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
import java.math.BigDecimal;

/**
 * Jakarta Bean Validation constraints as JSON Schema keywords. Only constraints with an exact
 * JSON Schema meaning are carried over; the rest (custom validators, {@code @Future}…) are left
 * to the server, which checks them anyway.
 */
final class Constraints {

    private Constraints() {}

    /** Whether the annotations forbid null (so the value is neither nullable nor optional on input). */
    public static boolean forbidsNull(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof NotNull || annotation instanceof NotBlank || annotation instanceof NotEmpty) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the keywords the annotations imply to {@code schema}; {@code kind} is the schema's JSON
     * type ({@code string}, {@code array}, {@code object}, {@code integer}, {@code number}), which
     * decides what {@code @Size} and {@code @NotEmpty} mean.
     */
    public static void apply(ObjectNode schema, String kind, Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            switch (annotation) {
                case Min min -> schema.put("minimum", min.value());
                case Max max -> schema.put("maximum", max.value());
                case DecimalMin min ->
                    schema.put(min.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(min.value()));
                case DecimalMax max ->
                    schema.put(max.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(max.value()));
                case Positive ignored -> schema.put("exclusiveMinimum", 0);
                case PositiveOrZero ignored -> schema.put("minimum", 0);
                case Negative ignored -> schema.put("exclusiveMaximum", 0);
                case NegativeOrZero ignored -> schema.put("maximum", 0);
                case Pattern pattern -> schema.put("pattern", pattern.regexp());
                case Email ignored -> schema.put("format", "email");
                case NotBlank ignored -> {
                    schema.put("minLength", 1);
                    // at least one character that is not white space, as @NotBlank checks (an
                    // explicit @Pattern says more, and wins whatever the annotation order)
                    if (!schema.has("pattern")) {
                        schema.put("pattern", "\\S");
                    }
                }
                case NotEmpty ignored -> schema.put(lengthKeyword(kind, true), 1);
                case Size size -> {
                    if (size.min() > 0) {
                        schema.put(lengthKeyword(kind, true), size.min());
                    }
                    if (size.max() < Integer.MAX_VALUE) {
                        schema.put(lengthKeyword(kind, false), size.max());
                    }
                }
                default -> {}
            }
        }
    }

    private static String lengthKeyword(String kind, boolean min) {
        return switch (kind) {
            case "array" -> min ? "minItems" : "maxItems";
            case "object" -> min ? "minProperties" : "maxProperties";
            default -> min ? "minLength" : "maxLength";
        };
    }
}
