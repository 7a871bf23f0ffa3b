/**
 * The exceptions handlers throw and the framework answers with a status: {@link
 * dev.rigel.exceptions.HttpException} and its subclasses (404, 401, 403, 409, …), {@link
 * dev.rigel.exceptions.ValidationException}, and {@link
 * dev.rigel.exceptions.ImproperlyConfiguredException} for configuration errors found when an app
 * is built, and the {@link dev.rigel.exceptions.DependencyUnavailable} mark of exceptions that mean
 * a service the app needs is down (answered 503).
 */
package dev.rigel.exceptions;
