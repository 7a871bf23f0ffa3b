/**
 * CSRF protection by signed double-submit cookie: {@link dev.rigel.middleware.csrf.CSRFMiddleware}
 * and its {@link dev.rigel.middleware.csrf.CSRFConfig}.
 */
package dev.rigel.middleware.csrf;
