package dev.rigel;

import dev.rigel.plugin.Plugin;

/**
 * A plugin that configures the app before it is built (Litestar's {@code InitPluginProtocol}):
 * it can add route handlers, dependencies, middleware, lifespan resources, startup and shutdown
 * hooks, or read what the user configured. {@code App.Builder.build()} calls every init plugin
 * once, in registration order, before it resolves any route; a plugin registered by another
 * plugin's {@code onAppInit} is initialised too, after the ones registered before it.
 *
 * <pre>{@code
 * final class HealthPlugin implements InitPlugin {
 *     public void onAppInit(App.Builder app) {
 *         app.routeHandlers(Route.get("/health", () -> "ok"));
 *     }
 * }
 * }</pre>
 */
public interface InitPlugin extends Plugin {

    /** Adjusts the app's configuration; called once, from {@code App.Builder.build()}. */
    void onAppInit(App.Builder app);
}
