/**
 * Dependency injection: {@link dev.rigel.di.Provide} (a dependency on any layer), {@link
 * dev.rigel.di.Scoped} (a value with a cleanup), and {@link dev.rigel.di.ParameterSource}, the
 * seam through which features and plugins supply handler parameters.
 */
package dev.rigel.di;
