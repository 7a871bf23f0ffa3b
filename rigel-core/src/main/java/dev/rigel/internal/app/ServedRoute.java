package dev.rigel.internal.app;

import dev.rigel.protocol.Application;

/**
 * A route as the dispatcher serves it: its description for middleware and tools, and the entry
 * of its middleware chain. HTTP routes ({@link RoutePlan}) and WebSocket routes both are one.
 */
public interface ServedRoute {

    /** What the route is; the dispatcher records it in the scope for middleware. */
    RouteDescription description();

    /** The outermost application of the route's chain: its middleware, then the route itself. */
    Application entry();
}
