package dev.rigel.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A response the handler may give besides those Rigel documents on its own (Litestar's
 * {@code responses={409: ResponseSpec(...)}}), for the OpenAPI document; repeatable, one per
 * status. It replaces the generated response of the same status, and a layer's declaration of
 * that status ({@code LayerBuilder.response}). See {@link dev.rigel.http.DocumentedResponse}.
 *
 * <pre>{@code
 * @Post("/pets")
 * @ResponseSpec(status = 409, type = Conflict.class, description = "A pet of that name exists",
 *         headers = @ResponseSpec.Header(name = "Retry-After", type = Integer.class),
 *         examples = "{\"name\": \"Rex\"}")
 * public Pet create(Pet data) { … }
 * }</pre>
 *
 * A status outside 100–599, or an example that is not JSON, fails at startup.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ResponseSpec.List.class)
public @interface ResponseSpec {

    /** The status code. */
    int status();

    /** The body's type, documented as a schema component; {@code Void.class}: no body. */
    Class<?> type() default Void.class;

    /** What the response means; empty: the status's reason phrase. */
    String description() default "";

    /** The body's media type. */
    String mediaType() default dev.rigel.http.DocumentedResponse.DEFAULT_MEDIA_TYPE;

    /** The headers the response carries. */
    Header[] headers() default {};

    /** Example bodies, each a JSON text. */
    String[] examples() default {};

    /** A header of the documented response. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Header {
        String name();

        String description() default "";

        /** The type of the header's value. */
        Class<?> type() default String.class;
    }

    /** Holds repeated {@link ResponseSpec}s; written by the compiler. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        ResponseSpec[] value();
    }
}
