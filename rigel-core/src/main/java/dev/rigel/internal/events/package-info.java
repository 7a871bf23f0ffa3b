/**
 * The app's event bus for {@code @Listener}s. Not API.
 */
package dev.rigel.internal.events;
