/**
 * The response cache of handlers with a {@code cache} option, with single-flight misses. Not API.
 */
package dev.rigel.internal.cache;
