/**
 * Functional interfaces for handlers and providers given as lambdas or method references.
 *
 * <p>Rigel binds arguments by parameter name. Method references ({@code UserService::find}) keep
 * their names when compiled with {@code -parameters}. Lambda bodies get no such record, so Rigel
 * reads their names from the class file's debug information (javac {@code -g}, Maven's default),
 * once at startup. A lambda's parameters lose their type arguments ({@code Optional<Integer>}
 * arrives as {@code Optional}), so generic parameters need a method reference or an annotated
 * method; Rigel refuses them at startup rather than guess.
 */
package dev.rigel.function;
