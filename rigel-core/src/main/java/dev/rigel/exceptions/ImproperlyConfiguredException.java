package dev.rigel.exceptions;

/**
 * The app cannot be built as configured: a missing or cyclic dependency, conflicting routes, a
 * handler Rigel cannot bind. Thrown at startup, never per request; the message names the route,
 * the parameter and what to change.
 */
public class ImproperlyConfiguredException extends RuntimeException {

    public ImproperlyConfiguredException(String message) {
        super(message);
    }

    public ImproperlyConfiguredException(String message, Throwable cause) {
        super(message, cause);
    }
}
