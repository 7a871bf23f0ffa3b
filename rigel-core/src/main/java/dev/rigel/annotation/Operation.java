package dev.rigel.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a handler is described in the OpenAPI document (Litestar's {@code summary},
 * {@code description}, {@code operation_id} and {@code raises}). Every member is optional: an
 * empty one keeps the generated value (the method name in words, none, the method and path in
 * camel case, the exceptions of the method's {@code throws} clause).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Operation {

    /** A short summary; empty: the method name in words. */
    String summary() default "";

    /** A longer description (CommonMark); empty: none. */
    String description() default "";

    /** The operation id, unique in the app; empty: derived from method and path. */
    String operationId() default "";

    /**
     * HTTP exceptions the handler may raise besides those in its {@code throws} clause (they are
     * unchecked, so the clause is optional), each documented as an error response with its status:
     * {@code raises = {ConflictException.class, PermissionDeniedException.class}} → 409 and 403.
     */
    Class<? extends dev.rigel.exceptions.HttpException>[] raises() default {};

    /**
     * An example request body, as JSON text, shown under the body's JSON media type; parsed when
     * the document is built (malformed JSON stops the app from starting). Empty: none.
     */
    String requestExample() default "";

    /**
     * An example body of the success response, as JSON text, shown under its media type (a plain
     * text or HTML response takes a JSON string). Empty: none.
     */
    String responseExample() default "";
}
