package dev.rigel.middleware;

import dev.rigel.http.HandlerInfo;
import dev.rigel.stores.StoreRegistry;

/**
 * What an app tells a middleware when it wraps one of its routes, once, at startup: the app's
 * stores (so a middleware placed on any layer finds the counters or sessions it keeps, as
 * Litestar's middleware find {@code scope["app"].stores}) and the route being wrapped.
 */
public interface MiddlewareContext {

    /** The app's store registry. */
    StoreRegistry stores();

    /** The route being wrapped, or null for the chain that answers requests no route matched. */
    HandlerInfo route();
}
