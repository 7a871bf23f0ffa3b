/**
 * The app and its layers: {@link dev.rigel.App} (built with {@code App.builder()}), {@link
 * dev.rigel.Router}, {@link dev.rigel.Controller}, {@link dev.rigel.Route} and {@link
 * dev.rigel.WebSocketRoute}, their common settings in {@link dev.rigel.LayerBuilder}, and the app-
 * level hooks ({@link dev.rigel.InitPlugin}, {@link dev.rigel.LifecycleHook}). The top layer of
 * the framework: nothing else in rigel-core imports it but the plugins that configure an app.
 */
package dev.rigel;
