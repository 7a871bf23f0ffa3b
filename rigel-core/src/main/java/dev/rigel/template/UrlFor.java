package dev.rigel.template;

import java.util.Map;

/**
 * Builds the path of a named route, as {@code app.routeReverse} does; templates receive one as
 * {@code url_for}.
 */
@FunctionalInterface
public interface UrlFor {

    /** The path of route {@code routeName} with {@code pathParams} filled in and {@code query} appended. */
    String path(String routeName, Map<String, ?> pathParams, Map<String, ?> query);

    default String path(String routeName, Map<String, ?> pathParams) {
        return path(routeName, pathParams, Map.of());
    }
}
