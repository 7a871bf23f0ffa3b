/**
 * The built-in request logging: {@link dev.rigel.middleware.logging.LoggingConfig}, switched on
 * with {@code App.builder().logging(…)}.
 */
package dev.rigel.middleware.logging;
