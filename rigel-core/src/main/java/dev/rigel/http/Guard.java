package dev.rigel.http;

/**
 * Decides whether a request may reach its handler. Runs after routing and before dependencies
 * are resolved; refuse by throwing, typically {@link dev.rigel.exceptions.NotAuthorizedException}
 * (401) or {@link dev.rigel.exceptions.PermissionDeniedException} (403). Guards from every layer
 * run, app first.
 */
@FunctionalInterface
public interface Guard {

    void check(Request request, HandlerInfo handler) throws Exception;
}
