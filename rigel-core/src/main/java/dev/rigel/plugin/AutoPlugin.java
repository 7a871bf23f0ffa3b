package dev.rigel.plugin;

/**
 * A plugin that a module switches on by being on the class path (Spring Boot's auto-configuration,
 * Litestar's "OpenAPI on by default"). A module lists its implementation in
 * {@code META-INF/services/dev.rigel.plugin.AutoPlugin}; when an app is built, every one found
 * whose {@link #type()} the app has no plugin of yet (registered by the app, or by another
 * plugin) adds the plugin {@link #create()} makes, after all other plugins.
 *
 * <p>An app takes the module's default by doing nothing, replaces it by registering its own
 * plugin of the same type, and drops every automatic plugin with
 * {@code App.Builder.autoPlugins(false)}.
 */
public interface AutoPlugin {

    /** The kind of plugin this provides; an app that already has a plugin of this type gets none. */
    Class<? extends Plugin> type();

    /** A new plugin with the module's default settings, for one app. */
    Plugin create();
}
