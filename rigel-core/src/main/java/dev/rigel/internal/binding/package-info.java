/**
 * Binding handler and provider parameters at startup: {@code ParameterBinder} (the order of
 * rules), {@code RequestValues}, {@code BodyBinding}, {@code DependencyGraph} and the per-request
 * {@code BoundParam}s and {@code ProviderStep}s. Not API.
 */
package dev.rigel.internal.binding;
