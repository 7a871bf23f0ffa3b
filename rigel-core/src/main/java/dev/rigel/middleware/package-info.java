/**
 * Middleware: the {@link dev.rigel.middleware.Middleware} contract, {@link
 * dev.rigel.middleware.AbstractMiddleware} (scopes, path exclusions, opt keys) and {@link
 * dev.rigel.middleware.DefineMiddleware}. The built-in middleware live in the subpackages, each
 * beside its config.
 */
package dev.rigel.middleware;
