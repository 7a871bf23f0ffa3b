package dev.rigel.http;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * One value a route reads from the request, as planned at startup: for documentation (the
 * OpenAPI generator) and tooling. Values a route gets from elsewhere (dependencies' own results,
 * {@code Request}, {@code State}…) are not request parameters and never appear; the request
 * parameters of its dependencies' providers do.
 *
 * @param name the name on the wire (path parameter, query key, header or cookie name; {@code data}
 *     or {@code body} for the request body)
 * @param source where the value comes from
 * @param type the declared Java type, generic arguments included ({@code Optional<Integer>})
 * @param required whether a request without it is refused
 * @param defaultValue the {@code @Param(defaultValue)} text, or null
 * @param annotations the parameter's annotations (Jakarta constraints among them)
 * @param form for {@link Source#BODY}: whether it is read from a url-encoded or multipart form
 */
public record RouteParameter(
        String name,
        Source source,
        Type type,
        boolean required,
        String defaultValue,
        List<Annotation> annotations,
        boolean form) {

    /** Where a request parameter is read from. */
    public enum Source {
        PATH,
        QUERY,
        HEADER,
        COOKIE,
        BODY
    }

    public RouteParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        annotations = List.copyOf(annotations);
    }

    /** The annotation of that type on the parameter, or null. */
    public <A extends Annotation> A annotation(Class<A> annotationType) {
        for (Annotation annotation : annotations) {
            if (annotationType.isInstance(annotation)) {
                return annotationType.cast(annotation);
            }
        }
        return null;
    }
}
