/**
 * Serving a built app: {@code AppServices} (what routes share), {@code RouteTable}, {@code
 * RequestDispatcher}, the route plans, errors into responses, and {@code Lifecycle}. Not API.
 */
package dev.rigel.internal.app;
