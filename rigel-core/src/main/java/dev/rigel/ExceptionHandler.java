package dev.rigel;

/**
 * Turns an exception into a response. Registered on any layer, keyed by exception class or by
 * status code; see {@link LayerBuilder#exceptionHandler(Class, ExceptionHandler)} for which wins.
 */
@FunctionalInterface
public interface ExceptionHandler {

    Response<?> handle(Request request, Throwable exception) throws Exception;
}
