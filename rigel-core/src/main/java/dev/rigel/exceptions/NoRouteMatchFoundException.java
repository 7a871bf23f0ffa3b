package dev.rigel.exceptions;

/**
 * A URL was asked for by route name ({@code request.urlFor}, {@code app.routeReverse}, a
 * template's {@code url_for}) but no route has that name, or the parameters given do not fit its
 * path. A programming error, so it answers 500 (and is logged) when a handler lets it escape.
 */
public class NoRouteMatchFoundException extends InternalServerException {

    public NoRouteMatchFoundException(String detail) {
        super(detail);
    }
}
