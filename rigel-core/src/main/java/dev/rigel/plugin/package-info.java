/**
 * Plugins: {@link dev.rigel.InitPlugin}s configure the app before it is built; every
 * plugin can be looked up by type through {@link dev.rigel.plugin.PluginRegistry}.
 */
package dev.rigel.plugin;
