package dev.rigel.function;

import java.io.Serializable;

/**
 * A handler or provider taking 5 arguments. Serializable only so that Rigel can
 * look up, once at startup, which method the lambda or method reference points at and read its
 * parameter names and types; nothing is ever serialized.
 */
@FunctionalInterface
public interface Fn5<A, B, C, D, E, R> extends Serializable {

    R apply(A a, B b, C c, D d, E e) throws Exception;
}
