package dev.rigel.http;

/**
 * Turns an exception into a response. Registered on any layer, keyed by exception class or by
 * status code; see {@link LayerBuilder#exceptionHandler(Class, ExceptionHandler)} for which wins.
 */
@FunctionalInterface
public interface ExceptionHandler {

    /**
     * The response for {@code exception}; or null to decline, leaving it to the next applicable
     * handler (else the standard error body). Throwing an {@code HttpException} answers with that
     * exception's standard error body instead (a handler can translate, e.g. a driver's error into a 409).
     */
    Response<?> handle(Request request, Throwable exception) throws Exception;
}
