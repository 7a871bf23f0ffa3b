/**
 * Functional interfaces for handlers and providers given as lambdas or method references.
 *
 * <p>Rigel binds arguments by parameter name. Method references ({@code UserService::find}) keep
 * their names when compiled with {@code -parameters}; lambda bodies never do, so a lambda's
 * parameters are bound by type, which works for the reserved types ({@code Request},
 * {@code State}, {@code Headers}, {@code Scope}).
 */
package dev.rigel.function;
