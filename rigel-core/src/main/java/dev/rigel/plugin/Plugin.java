package dev.rigel.plugin;

/**
 * Something an app is extended with, registered through {@code App.Builder.plugins(…)} and found
 * again with {@code app.plugins().get(MyPlugin.class)}. The interfaces extending it say when Rigel
 * calls a plugin: {@link InitPlugin} before the app is built. A plugin may implement several.
 */
public interface Plugin {}
