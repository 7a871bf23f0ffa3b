package dev.rigel.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a request parameter or a model property is described in the OpenAPI document (the
 * {@code title}, {@code description}, {@code examples} and {@code deprecated} of Litestar's
 * {@code Parameter}/{@code KwargDefinition}). On a handler parameter (query, header, cookie, path)
 * or a layer parameter it describes the parameter; on a record component, field or getter it
 * describes the property's schema. Every member is optional.
 *
 * <pre>{@code
 * record Pet(@Doc(description = "The pet's name", examples = "\"Rex\"") String name) {}
 *
 * @Get("/pets")
 * List<Pet> pets(@Doc(description = "Page size", examples = "20") int limit) {…}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Doc {

    /** A one-line title; empty: none. */
    String title() default "";

    /** A description (CommonMark); empty: none (a model property falls back to Jackson's {@code @JsonPropertyDescription}). */
    String description() default "";

    /**
     * Example values, each one JSON text ({@code "20"}, {@code "\"Rex\""}, {@code "{\"a\": 1}"}),
     * parsed when the document is built: a malformed one stops the app from starting, naming where
     * it is.
     */
    String[] examples() default {};

    /** Whether the parameter or property is deprecated. */
    boolean deprecated() default false;

    /** The schema's {@code format} ({@code email}, {@code uri}…), replacing the generated one; empty: generated. */
    String format() default "";
}
