/**
 * Calling handlers and providers: {@code CallableSpec} (introspected once), invokers on method
 * handles, lambda introspection, {@code Instantiation}. Not API.
 */
package dev.rigel.internal.invoke;
