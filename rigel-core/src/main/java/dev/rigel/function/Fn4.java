package dev.rigel.function;

import java.io.Serializable;

/**
 * A handler or provider taking 4 arguments. Serializable only so that Rigel can
 * look up, once at startup, which method the lambda or method reference points at and read its
 * parameter names and types; nothing is ever serialized.
 */
@FunctionalInterface
public interface Fn4<A, B, C, D, R> extends Serializable {

    R apply(A a, B b, C c, D d) throws Exception;
}
